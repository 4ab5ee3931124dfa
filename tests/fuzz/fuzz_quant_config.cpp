// Fuzz target: any text as a config's quantization_config (an object holding one, or the bare object) laid out
// over two small models, a Mixtral-like MoE and a GPT-2-like one, and every skip-list entry matched against real
// module paths. It must return a layout or messages, never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "llm/json_guard.hpp"
#include "llm/param_count.hpp"
#include "llm/storage.hpp"
#include "small_models.hpp"

namespace {

lpp::llm::ParamCount small_moe() { return lpp::llm::count_parameters(lpp::fuzz::small_moe_arch()); }

lpp::llm::ParamCount small_gpt2() {
  lpp::llm::Architecture a;
  a.model_type = "gpt2";
  a.names = lpp::llm::NameStyle::kGpt2;
  a.vocab_size = 500;
  a.hidden_size = 48;
  a.num_layers = 2;
  a.num_heads = 3;
  a.num_kv_heads = 3;
  a.head_dim = 16;
  a.intermediate_size = 192;
  a.mlp = lpp::llm::MlpKind::kPlain;
  a.norm = lpp::llm::NormKind::kLayerNorm;
  a.learned_positions = 64;
  a.tie_word_embeddings = true;
  a.qkv_bias = a.o_bias = a.mlp_bias = true;
  return lpp::llm::count_parameters(a);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const lpp::llm::ParamCount moe = small_moe();  // built once: the fuzzer calls this millions of times
  static const lpp::llm::ParamCount gpt2 = small_gpt2();
  nlohmann::json j;
  std::string error;
  if (!lpp::llm::parse_json_guarded(std::string_view(reinterpret_cast<const char*>(data), size), &j, &error)) return 0;
  lpp::llm::CheckpointFormat f;
  if (j.is_object() && (j.contains("quantization_config") || j.contains("config"))) {
    f = lpp::llm::checkpoint_format(j);
  } else {
    f.scheme = lpp::llm::parse_quantization_config(j, &f.errors);
  }
  for (const std::string& e : f.errors)
    if (e.empty()) __builtin_trap();  // every problem is a message
  if (!f.ok()) return 0;
  for (const lpp::llm::ParamCount* pc : {&moe, &gpt2}) {
    const lpp::llm::StorageReport r = lpp::llm::storage_report(*pc, f);
    if (!r.overflow.empty()) continue;
    // Stored elements never undercut the packed codes, and bytes are at least a quarter byte a weight (2-bit GPTQ).
    if (r.elements < r.quantized_elements || r.bytes < r.parameters_stored / 4 || r.why.empty()) __builtin_trap();
  }
  for (const char* path : {"lm_head", "model.layers.0.mlp.gate", "model.layers.12.self_attn.q_proj", ""})
    lpp::llm::module_listed(path, f.scheme.skip);
  return 0;
}
