// The tiny GPT as the counting engine sees it: a Hugging Face-style config.json of a family the engine counts
// exactly, so that the lab's model and Llama are counted by one rule. Three families cover the usual choices:
//   gpt2        GELU MLP, learned positions, LayerNorm, biases on, one key/value head per query head;
//   llama       SwiGLU MLP, RoPE, RMSNorm, attention_bias and mlp_bias as the biases switch, GQA;
//   starcoder2  GELU MLP, RoPE, LayerNorm, biases on (its norms always have a bias), GQA.
// Any other mix (SwiGLU with learned positions, LayerNorm without biases, ...) is no published family: it is
// written as the engine's explicit architecture ({"architecture": {...}}), which the engine counts the same way.
#pragma once
#include <string>

#include "gpt/gpt_model.hpp"

namespace lpp::gpt {

struct ExportedConfig {
  std::string family;   // "gpt2", "llama", "starcoder2", or "" for an explicit architecture
  std::string json;     // the text, pretty-printed with two-space indents
};

// The config of a valid configuration (validate(c) empty).
ExportedConfig export_config(const GptConfig& c);

}  // namespace lpp::gpt
