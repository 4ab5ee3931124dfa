// Small architectures the LLM fuzz targets lay their inputs over: large enough to have every kind of tensor a
// skip list or a LoRA target names (attention, a router, experts), small enough to count in microseconds.
#pragma once
#include "llm/architecture.hpp"

namespace lpp::fuzz {

// A Mixtral-like MoE: 3 layers, 4 experts of which 2 per token, GQA.
inline llm::Architecture small_moe_arch() {
  llm::Architecture a;
  a.model_type = "mixtral";
  a.names = llm::NameStyle::kMixtral;
  a.vocab_size = 1000;
  a.hidden_size = 64;
  a.num_layers = 3;
  a.num_heads = 4;
  a.num_kv_heads = 2;
  a.head_dim = 16;
  a.intermediate_size = 96;
  a.num_experts = 4;
  a.experts_per_token = 2;
  a.expert_intermediate_size = 80;
  return a;
}

}  // namespace lpp::fuzz
