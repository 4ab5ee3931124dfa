// Writes a tiny GPT's configuration in the keys each family's configuration class reads (transformers'
// configuration_gpt2.py, configuration_llama.py, configuration_starcoder2.py), or as an explicit architecture.
#include "gpt/gpt_export.hpp"

#include <nlohmann/json.hpp>

#include "llm/hf_import.hpp"

namespace lpp::gpt {
namespace {

using nlohmann::json;

const char* family_of(const GptConfig& c) {
  const bool gelu = c.mlp == MlpKind::kGelu, learned = c.positions == Positions::kLearned;
  const bool layer_norm = c.norm == NormKind::kLayerNorm;
  if (gelu && learned && layer_norm && c.biases && c.kv_heads == c.heads) return "gpt2";
  if (!gelu && !learned && !layer_norm) return "llama";
  if (gelu && !learned && layer_norm && c.biases) return "starcoder2";
  return "";
}

// The engine's own description, field by field, for the mixes no family has.
llm::Architecture to_architecture(const GptConfig& c) {
  llm::Architecture a;
  a.model_type = "tiny-gpt";
  a.names = llm::NameStyle::kLlama;
  a.vocab_size = c.vocab;
  a.hidden_size = c.width;
  a.num_layers = c.layers;
  a.num_heads = c.heads;
  a.num_kv_heads = c.kv_heads;
  a.head_dim = c.head_dim();
  a.intermediate_size = c.mlp_width;
  a.mlp = c.mlp == MlpKind::kSwiGlu ? llm::MlpKind::kGated : llm::MlpKind::kPlain;
  a.learned_positions = c.positions == Positions::kLearned ? c.context : 0;
  a.tie_word_embeddings = c.tied;
  a.qkv_bias = a.o_bias = a.mlp_bias = c.biases;
  a.norm = c.norm == NormKind::kRmsNorm ? llm::NormKind::kRmsNorm
           : c.biases                   ? llm::NormKind::kLayerNorm
                                        : llm::NormKind::kLayerNormNoBias;
  return a;
}

}  // namespace

ExportedConfig export_config(const GptConfig& c) {
  ExportedConfig out;
  out.family = family_of(c);
  json j;
  if (out.family == "gpt2") {
    j = {{"architectures", {"GPT2LMHeadModel"}}, {"model_type", "gpt2"}, {"vocab_size", c.vocab},
         {"n_positions", c.context}, {"n_embd", c.width}, {"n_layer", c.layers}, {"n_head", c.heads},
         {"n_inner", c.mlp_width}, {"activation_function", "gelu_new"}, {"layer_norm_epsilon", 1e-5},
         {"tie_word_embeddings", c.tied}};
  } else if (out.family == "llama" || out.family == "starcoder2") {
    const bool llama = out.family == "llama";
    j = {{"architectures", {llama ? "LlamaForCausalLM" : "Starcoder2ForCausalLM"}}, {"model_type", out.family},
         {"vocab_size", c.vocab}, {"max_position_embeddings", c.context}, {"hidden_size", c.width},
         {"num_hidden_layers", c.layers}, {"num_attention_heads", c.heads}, {"num_key_value_heads", c.kv_heads},
         {"head_dim", c.head_dim()}, {"intermediate_size", c.mlp_width}, {"tie_word_embeddings", c.tied}};
    if (llama) {
      j["hidden_act"] = "silu";
      j["rms_norm_eps"] = 1e-5;
      j["attention_bias"] = c.biases;
      j["mlp_bias"] = c.biases;
    } else {
      j["hidden_act"] = "gelu_pytorch_tanh";
      j["norm_epsilon"] = 1e-5;
      j["use_bias"] = true;
    }
  } else {
    j = {{"architecture", llm::architecture_to_json(to_architecture(c))}};
  }
  out.json = j.dump(2);
  return out;
}

}  // namespace lpp::gpt
