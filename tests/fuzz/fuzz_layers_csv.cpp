// Fuzz target: any text as the Layers lab's (x1, x2, label) CSV import. A data set or messages naming lines,
// never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "nn/datasets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lpp::CsvImport r = lpp::parse_csv_dataset(std::string(reinterpret_cast<const char*>(data), size));
  if (!r.errors.empty() && r.errors.front().empty()) __builtin_trap();
  return 0;
}
