// LlmState: what the LLM lab must reproduce from a link (the chosen model, what-if changes, compare set,
// estimate settings, the open sub-view), as plain data. Derived results (counts, estimates) are never stored here.
#pragma once
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/estimates.hpp"
#include "llm/gguf_recipes.hpp"

namespace lpp {
namespace llm {

// "Does it fit?" solves for the largest context at the chosen batch, or the largest batch at the chosen context.
enum class FitAxis { kContext, kBatch };

}  // namespace llm

// The lab's sub-views, in tab order.
enum class LlmTab { Model, WhatIf, Tensors, Memory, Compare, Ladder };

// The compare set's stand-in for the model the lab shows (a pasted or edited model has no preset id).
inline constexpr const char* kLlmCurrentModel = "@current";

struct LlmState {
  LlmTab tab = LlmTab::Model;
  std::string preset = "llama-2-7b";   // preset id of the model shown when config_text is empty, e.g. "deepseek-v3"
  std::string config_text;             // a pasted or dropped config.json; empty = the preset
  std::string config_name;             // where config_text came from, e.g. "config.json" or "pasted"
  nlohmann::json overrides = nlohmann::json::object();  // what-if changes, architecture_to_json keys,
                                                         // e.g. {"num_kv_heads": 8}; empty = as imported

  // Compare: 2-4 preset ids (or kLlmCurrentModel), e.g. {"grok-1", "deepseek-v3", "gpt-4-rumoured"}.
  std::vector<std::string> compare = {kLlmCurrentModel, "llama-3.1-8b"};

  // Memory and compute.
  llm::DType dtype = llm::DType::kBf16;   // KV cache, and the weights when weights == kDtype, e.g. bf16
  std::int64_t quant_group = 128;         // int8/int4: weights per fp16 scale, e.g. 128; 0 = no scales
  // The weights' bytes: as the checkpoint stores them (gpt-oss's mxfp4 experts, DeepSeek-V3's fp8), N × dtype,
  // or a GGUF recipe's file. A link from before this choice with m.dtype means kDtype (state_codec.cpp).
  llm::WeightSource weights = llm::WeightSource::kStored;
  llm::GgufRecipe gguf = llm::GgufRecipe::kQ4_K_M;        // the recipe when weights == kGguf
  std::int64_t context = 4096;            // T tokens per sequence, e.g. 4096
  std::int64_t batch = 1;                 // B sequences, e.g. 1
  bool mixed_precision = true;            // training memory: bf16 weights and grads + fp32 master and Adam
  double training_tokens = 2e12;          // D, e.g. 2e12 for Llama-2
  std::string accelerator = "h100-sxm";   // id in the accelerator table
  double utilisation = 0.4;               // MFU, fraction of peak reached, e.g. 0.4
  std::int64_t devices = 1024;            // accelerators training together, e.g. 1024
  double memory_budget_gb = 80;           // "does it fit?" budget in GB (10^9 bytes), e.g. 80 for one H100
  llm::FitAxis fit_axis = llm::FitAxis::kContext;   // what "does it fit?" solves for
};

// Every field: what each check for a change of the lab compares, so a field added above is never missed. Keep
// llm_state_fields in step with the struct (a field it leaves out is never noticed changing).
inline auto llm_state_fields(const LlmState& s) {
  return std::tie(s.tab, s.preset, s.config_text, s.config_name, s.overrides, s.compare, s.dtype, s.quant_group,
                  s.weights, s.gguf, s.context, s.batch, s.mixed_precision, s.training_tokens, s.accelerator,
                  s.utilisation, s.devices, s.memory_budget_gb, s.fit_axis);
}
inline bool operator==(const LlmState& a, const LlmState& b) { return llm_state_fields(a) == llm_state_fields(b); }
inline bool operator!=(const LlmState& a, const LlmState& b) { return !(a == b); }

}  // namespace lpp
