// Fuzz target: any text as a LoRA target list (paramcount --lora-targets), its first line as the targets and the
// rest as modules_to_save, applied to a small Mixtral-like MoE with experts on and off. It must return counts or
// messages, never crash or read out of bounds, and the counts must add up.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "llm/lora.hpp"
#include "small_models.hpp"

namespace {

struct Model { lpp::llm::Architecture arch; lpp::llm::ParamCount pc; };

Model small_moe() {
  Model m;
  m.arch = lpp::fuzz::small_moe_arch();
  m.pc = lpp::llm::count_parameters(m.arch);
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Model moe = small_moe();  // built once: the fuzzer calls this millions of times
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = text.find('\n');
  std::vector<std::string> errors;
  lpp::llm::LoraOptions o;
  o.rank = 4;
  o.targets = lpp::llm::parse_lora_targets(text.substr(0, newline), &errors);
  if (newline != std::string_view::npos)
    o.modules_to_save = lpp::llm::parse_lora_targets(text.substr(newline + 1), &errors);
  for (const std::string& t : o.targets)
    if (t.empty() || t.size() > 100) __builtin_trap();
  for (bool experts : {true, false}) {
    o.experts = experts;
    const lpp::llm::LoraReport r = lpp::llm::lora_report(moe.arch, moe.pc, o);
    for (const std::string& e : r.errors)
      if (e.empty()) __builtin_trap();  // every problem is a message
    if (!r.errors.empty()) continue;
    if (r.trainable != r.lora_params + r.saved_params || r.all_params != moe.pc.total + r.trainable) __builtin_trap();
    std::int64_t sum = 0;
    for (const lpp::llm::LoraModule& m : r.modules) sum += m.params;
    if (sum != r.lora_params || r.lora_params < 0) __builtin_trap();
  }
  return 0;
}
