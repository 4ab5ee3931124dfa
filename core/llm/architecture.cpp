// Validation of an Architecture and the MoE layer pattern. Messages name the config key the value came from.
#include "llm/architecture.hpp"

#include <algorithm>

namespace lpp::llm {
namespace {

const std::string& key_or(const std::string& key, const std::string& fallback) {
  return key.empty() ? fallback : key;
}

std::string named(const std::string& key, std::int64_t v) { return key + " (" + std::to_string(v) + ")"; }

}  // namespace

bool is_moe_by_pattern(const Architecture& a, std::int64_t layer) {
  if (a.num_experts <= 0 || layer < a.first_dense_layers) return false;
  return a.moe_layer_period <= 1 || layer % a.moe_layer_period == a.moe_layer_phase;
}

bool is_moe_layer(const Architecture& a, std::int64_t layer) {
  return is_moe_by_pattern(a, layer) &&
         std::find(a.dense_layers.begin(), a.dense_layers.end(), layer) == a.dense_layers.end();
}

char mixer_of(const Architecture& a, std::int64_t layer) {
  return a.mixers.empty() ? kMixAttention : a.mixers[static_cast<std::size_t>(layer)];
}

bool has_ffn(const Architecture& a, std::int64_t layer) {
  return a.ffns.empty() || a.ffns[static_cast<std::size_t>(layer)] == kFfn;
}

std::int64_t attention_layer_count(const Architecture& a) {
  if (a.mixers.empty()) return a.num_layers;
  return static_cast<std::int64_t>(std::count(a.mixers.begin(), a.mixers.end(), kMixAttention) +
                                   std::count(a.mixers.begin(), a.mixers.end(), kMixParallel));
}

std::vector<std::string> validate(const Architecture& a, const FieldKeys& k) {
  std::vector<std::string> e;
  auto positive = [&](std::int64_t v, const std::string& key, const char* field) {
    if (v < 1) e.push_back(named(key_or(key, field), v) + " must be a positive integer");
  };
  auto non_negative = [&](std::int64_t v, const std::string& key) {
    if (v < 0) e.push_back(named(key, v) + " must not be negative");
  };
  const std::string heads = key_or(k.num_heads, "num_heads");
  const std::string kv = key_or(k.num_kv_heads, "num_kv_heads");
  const std::string layers = key_or(k.num_layers, "num_layers");

  positive(a.vocab_size, k.vocab_size, "vocab_size");
  positive(a.hidden_size, k.hidden_size, "hidden_size");
  positive(a.num_layers, k.num_layers, "num_layers");
  if (a.num_layers > kMaxLayers)
    e.push_back(named(layers, a.num_layers) + " is more than " + std::to_string(kMaxLayers) + " layers");
  const bool attends = a.mixers.empty() || a.mixers.find_first_of(std::string{kMixAttention, kMixParallel}) !=
                                              std::string::npos;
  if (attends) positive(a.num_heads, k.num_heads, "num_heads");
  non_negative(a.embedding_dim, "embedding_dim");
  non_negative(a.learned_positions, "learned_positions");
  if (a.norms_per_layer < 0 || a.norms_per_layer > 4)
    e.push_back(named("norms_per_layer", a.norms_per_layer) + " must be between 0 and 4");

  if (attends && a.attention == AttentionKind::kStandard) {
    positive(a.num_kv_heads, k.num_kv_heads, "num_kv_heads");
    positive(a.head_dim, k.head_dim, "head_dim");
    if (a.num_kv_heads >= 1 && a.num_heads >= 1 && a.num_heads % a.num_kv_heads != 0)
      e.push_back(named(kv, a.num_kv_heads) + " must divide " + named(heads, a.num_heads));
  } else if (attends) {
    non_negative(a.q_lora_rank, "q_lora_rank");
    positive(a.kv_lora_rank, k.kv_lora_rank, "kv_lora_rank");
    non_negative(a.qk_nope_head_dim, "qk_nope_head_dim");
    non_negative(a.qk_rope_head_dim, "qk_rope_head_dim");
    positive(a.v_head_dim, "", "v_head_dim");
    if (a.qk_nope_head_dim == 0 && a.qk_rope_head_dim == 0)
      e.push_back("qk_nope_head_dim + qk_rope_head_dim must be positive");
  }

  const std::string experts = key_or(k.num_experts, "num_experts");
  non_negative(a.num_experts, experts);
  bool any_dense = a.num_experts <= 0;
  if (a.num_experts > 0) {
    const std::string topk = key_or(k.experts_per_token, "experts_per_token");
    if (a.experts_per_token < 1 || a.experts_per_token > a.num_experts)
      e.push_back(named(topk, a.experts_per_token) + " must be between 1 and " + named(experts, a.num_experts));
    positive(a.expert_intermediate_size, k.expert_intermediate_size, "expert_intermediate_size");
    non_negative(a.shared_expert_intermediate_size, "shared_expert_intermediate_size");
    non_negative(a.first_dense_layers, "first_dense_layers");
    if (a.moe_layer_period < 1) {
      e.push_back(named("moe_layer_period", a.moe_layer_period) + " must be a positive integer");
    } else if (a.moe_layer_phase < 0 || a.moe_layer_phase >= a.moe_layer_period) {
      e.push_back(named("moe_layer_phase", a.moe_layer_phase) + " must be between 0 and moe_layer_period - 1");
    }
    if (static_cast<std::int64_t>(a.dense_layers.size()) > kMaxLayers)
      e.push_back("the list of dense layers has more than " + std::to_string(kMaxLayers) + " entries");
    for (std::int64_t d : a.dense_layers)
      if (d < 0 || d >= a.num_layers) {  // the first bad index is enough to name the problem
        e.push_back("dense layer index " + std::to_string(d) + " is not a layer (" + layers + " is " +
                    std::to_string(a.num_layers) + ")");
        break;
      }
    any_dense = a.first_dense_layers > 0 || a.moe_layer_period > 1 || !a.dense_layers.empty();
  }
  const bool any_ffn = a.ffns.empty() || a.ffns.find(kFfn) != std::string::npos;
  if (any_dense && any_ffn) positive(a.intermediate_size, k.intermediate_size, "intermediate_size");

  // Per-layer kinds: one letter per layer, and the sizes each kind reads.
  auto letters = [&](const std::string& s, const char* field, const std::string& allowed) {
    if (s.empty()) return;
    if (static_cast<std::int64_t>(s.size()) != a.num_layers) {
      e.push_back(std::string(field) + " has " + std::to_string(s.size()) + " letters, one per layer is " +
                  named(layers, a.num_layers));
      return;
    }
    const auto bad = s.find_first_not_of(allowed);
    if (bad != std::string::npos)
      e.push_back(std::string(field) + " letter '" + s[bad] + "' at layer " + std::to_string(bad) +
                  " is not one of " + allowed);
  };
  letters(a.mixers, "mixers", std::string{kMixAttention, kMixLinearAttention, kMixSsm, kMixParallel, kMixNone});
  letters(a.ffns, "ffns", std::string{kFfn, kFfnNone});
  if (a.vision != VisionKind::kNone) {
    positive(a.vision_hidden, "", "vision_config.hidden_size");
    positive(a.vision_intermediate, "", "vision_config.intermediate_size");
    positive(a.vision_layers, "", "vision_config.num_hidden_layers");
    positive(a.vision_patch, "", "vision_config.patch_size");
    positive(a.vision_channels, "", "vision_config.num_channels");
    if (a.vision != VisionKind::kPixtral) positive(a.vision_image, "", "vision_config.image_size");
    if (a.vision == VisionKind::kPixtral) positive(a.vision_merge, "", "spatial_merge_size");
    if (a.vision == VisionKind::kLlama4) {
      positive(a.vision_projector_in, "", "vision_config.projector_input_dim");
      positive(a.vision_projector_out, "", "vision_config.projector_output_dim");
      positive(a.vision_output, "", "vision_config.vision_output_dim");
    }
  }
  const bool any_ssm = a.mixers.find_first_of(std::string{kMixSsm, kMixParallel}) != std::string::npos;
  if (any_ssm) {
    if (a.ssm_version != 1 && a.ssm_version != 2) e.push_back(named("ssm_version", a.ssm_version) + " must be 1 or 2");
    positive(a.ssm_inner, "", "ssm_inner (the Mamba inner width)");
    positive(a.ssm_state, "", "ssm_state (d_state)");
    positive(a.ssm_conv_kernel, "", "ssm_conv_kernel");
    if (a.ssm_version == 1) positive(a.ssm_dt_rank, "", "ssm_dt_rank");
    if (a.ssm_version == 2) {
      positive(a.ssm_heads, "", "ssm_heads");
      positive(a.ssm_groups, "", "ssm_groups");
    }
  }
  if (a.mixers.find(kMixLinearAttention) != std::string::npos) {
    positive(a.linear_key_heads, "", "linear_key_heads");
    positive(a.linear_value_heads, "", "linear_value_heads");
    positive(a.linear_key_head_dim, "", "linear_key_head_dim");
    positive(a.linear_value_head_dim, "", "linear_value_head_dim");
    positive(a.linear_conv_kernel, "", "linear_conv_kernel");
  }

  non_negative(a.sliding_window, "sliding_window");
  if (a.sliding_window_layers < 0 || a.sliding_window_layers > a.num_layers)
    e.push_back(named("sliding_window_layers", a.sliding_window_layers) + " must be between 0 and " +
                named(layers, a.num_layers));
  if (a.mtp_layers < 0 || a.mtp_layers > 1000)
    e.push_back(named("mtp_layers", a.mtp_layers) + " must be between 0 and 1000");
  return e;
}

}  // namespace lpp::llm
