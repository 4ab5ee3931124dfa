// Fuzz target: any text as a Hugging Face config.json (or preset id) through the whole counting report,
// tensors included. It must return a report or an error, never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "llm/count_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  lpp::llm::JsonOptions options;
  options.tensors = true;
  options.training_tokens = 1e12;
  const std::string out = lpp::llm::count_json(std::string_view(reinterpret_cast<const char*>(data), size), options);
  if (out.empty() || out.front() != '{') __builtin_trap();  // the report is always one JSON object
  return 0;
}
