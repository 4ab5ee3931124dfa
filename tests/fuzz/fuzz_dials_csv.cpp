// Fuzz target: any text as the Dials lab's (x, y) CSV import. Points or messages naming lines, never a crash;
// accepted points are finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dials/csv_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lpp::CsvPoints r = lpp::parse_csv_points(std::string_view(reinterpret_cast<const char*>(data), size));
  if (r.ok()) {
    if (r.data.x.size() != r.data.y.size()) __builtin_trap();
    for (std::size_t i = 0; i < r.data.x.size(); ++i)
      if (!std::isfinite(r.data.x[i]) || !std::isfinite(r.data.y[i])) __builtin_trap();
  } else if (r.errors.front().empty()) {
    __builtin_trap();
  }
  return 0;
}
