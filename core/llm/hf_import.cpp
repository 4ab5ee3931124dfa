// Hugging Face config.json -> Architecture, one function per family, each following that family's modelling code
// in transformers (src/transformers/models/<family>/modeling_<family>.py) and its config defaults. Fields a
// family ignores are not read (a MoE config's dense intermediate_size, Mistral's attention_bias).
//
// [SECTION] Reading typed values with messages
// [SECTION] Families
// [SECTION] Dispatch, best-effort and wrappers
#include "llm/hf_import.hpp"

#include <cmath>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>

#include "llm/json_guard.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;
using I64 = std::int64_t;

// [SECTION] Reading typed values with messages

// Reads keys of one JSON object (the config, or a nested one such as DBRX's attn_config) and records errors.
class Reader {
 public:
  Reader(const json& obj, ImportResult& r, std::string prefix = "") : obj_(obj), r_(r), prefix_(std::move(prefix)) {}

  // The first present, non-null key of `keys`, or nullptr.
  const json* find(std::initializer_list<const char*> keys, std::string* used = nullptr) const {
    if (!obj_.is_object()) return nullptr;
    for (const char* k : keys) {
      auto it = obj_.find(k);
      if (it != obj_.end() && !it->is_null()) {
        if (used) *used = prefix_ + k;
        return &*it;
      }
    }
    return nullptr;
  }
  bool has(std::initializer_list<const char*> keys) const { return find(keys) != nullptr; }

  // An integer size; `slot` (if given) records which key it came from. Missing and no default: an error.
  I64 size(std::initializer_list<const char*> keys, std::optional<I64> fallback, std::string FieldKeys::*slot = nullptr) {
    std::string used;
    const json* v = find(keys, &used);
    if (slot) r_.keys.*slot = v ? used : prefix_ + *keys.begin();
    if (!v) {
      if (!fallback) r_.errors.push_back("missing " + prefix_ + *keys.begin() + " (a required integer)");
      return fallback.value_or(0);
    }
    return to_int(*v, used);
  }
  std::optional<I64> optional_size(std::initializer_list<const char*> keys) {
    std::string used;
    const json* v = find(keys, &used);
    if (!v) return std::nullopt;
    return to_int(*v, used);
  }
  bool flag(std::initializer_list<const char*> keys, bool fallback) {
    std::string used;
    const json* v = find(keys, &used);
    if (!v) return fallback;
    if (!v->is_boolean()) {
      r_.errors.push_back(used + " must be true or false, got " + describe_json(*v));
      return fallback;
    }
    return v->get<bool>();
  }
  std::string text(const char* key, const std::string& fallback) {
    const json* v = find({key});
    if (!v) return fallback;
    if (!v->is_string()) {
      r_.errors.push_back(prefix_ + key + " must be a string, got " + describe_json(*v));
      return fallback;
    }
    return v->get<std::string>();
  }
  const json& object() const { return obj_; }
  ImportResult& result() { return r_; }

 private:
  I64 to_int(const json& v, const std::string& key) {
    if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<I64>();
    if (v.is_number_unsigned()) {
      if (v.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<I64>(v.get<std::uint64_t>());
      r_.errors.push_back(key + " (" + v.dump() + ") is too large for a 64-bit integer");
      return 0;
    }
    if (v.is_number_float()) {
      const double d = v.get<double>();
      if (!std::isfinite(d) || std::fabs(d) >= 9.2e18) {
        r_.errors.push_back(key + " (" + v.dump() + ") is too large for a 64-bit integer");
        return 0;
      }
      if (d != std::floor(d)) {
        r_.errors.push_back(key + " (" + v.dump() + ") must be an integer");
        return 0;
      }
      return static_cast<I64>(d);
    }
    r_.errors.push_back(key + " must be an integer, got " + describe_json(v));
    return 0;
  }

  const json& obj_;
  ImportResult& r_;
  std::string prefix_;
};

// Saturating arithmetic for derived sizes: a hostile 2^62 saturates at INT64_MAX, and the counter then reports
// the overflow, instead of signed overflow here.
I64 sat_mul(I64 a, I64 b) {
  I64 r = 0;
  return __builtin_mul_overflow(a, b, &r) ? INT64_MAX : r;
}
I64 sat_add(I64 a, I64 b) {
  I64 r = 0;
  return __builtin_add_overflow(a, b, &r) ? INT64_MAX : r;
}

// Head width when the config gives none: hidden_size // num_attention_heads, as transformers computes it.
I64 default_head_dim(I64 C, I64 H) { return H > 0 ? C / H : 0; }

// The fields shared by Llama-like configs: sizes, GQA, decoupled head_dim, vocabulary, tying.
void read_llama_core(Reader& rd, Architecture& a, bool tie_default, std::optional<I64> head_dim_default = {}) {
  a.hidden_size = rd.size({"hidden_size"}, {}, &FieldKeys::hidden_size);
  a.num_layers = rd.size({"num_hidden_layers"}, {}, &FieldKeys::num_layers);
  a.num_heads = rd.size({"num_attention_heads"}, {}, &FieldKeys::num_heads);
  a.num_kv_heads = rd.size({"num_key_value_heads"}, a.num_heads, &FieldKeys::num_kv_heads);
  a.head_dim = rd.size({"head_dim"}, head_dim_default.value_or(default_head_dim(a.hidden_size, a.num_heads)),
                       &FieldKeys::head_dim);
  a.vocab_size = rd.size({"vocab_size"}, {}, &FieldKeys::vocab_size);
  a.tie_word_embeddings = rd.flag({"tie_word_embeddings"}, tie_default);
  a.norm = NormKind::kRmsNorm;
  a.norms_per_layer = 2;
  a.mlp = MlpKind::kGated;
}

void read_dense_mlp(Reader& rd, Architecture& a) {
  a.intermediate_size = rd.size({"intermediate_size"}, {}, &FieldKeys::intermediate_size);
}

// Sliding-window layers: an explicit layer_types list wins; otherwise `all` layers use sliding_window.
void read_sliding(Reader& rd, Architecture& a, bool all) {
  const std::optional<I64> w = rd.optional_size({"sliding_window"});
  if (!w || *w <= 0) return;
  a.sliding_window = *w;
  a.sliding_window_layers = all ? a.num_layers : 0;
}

// Counts "sliding_attention" entries of layer_types (newer transformers configs list every layer's kind).
void read_layer_types(Reader& rd, Architecture& a) {
  const json* lt = rd.find({"layer_types"});
  if (!lt || !lt->is_array() || a.sliding_window <= 0) return;
  I64 n = 0;
  for (const json& t : *lt) n += t.is_string() && t.get<std::string>() == "sliding_attention";
  a.sliding_window_layers = std::min<I64>(n, a.num_layers);
}

// [SECTION] Families

void import_llama(Reader& rd, Architecture& a) {  // modeling_llama.py: attention_bias on q,k,v,o; mlp_bias
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  a.mlp_bias = rd.flag({"mlp_bias"}, false);
}

void import_mistral(Reader& rd, Architecture& a) {  // no biases anywhere; every layer uses sliding_window
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  read_sliding(rd, a, true);
}

// Mixtral: every layer MoE; intermediate_size is each expert's width; router w/o bias (block_sparse_moe.gate).
void import_mixtral(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  a.names = NameStyle::kMixtral;
  a.num_experts = rd.size({"num_local_experts"}, 8, &FieldKeys::num_experts);
  a.experts_per_token = rd.size({"num_experts_per_tok"}, 2, &FieldKeys::experts_per_token);
  a.expert_intermediate_size = rd.size({"intermediate_size"}, {}, &FieldKeys::expert_intermediate_size);
  a.intermediate_size = a.expert_intermediate_size;  // no dense layer uses it
  read_sliding(rd, a, true);
}

// Qwen: a sliding window only with use_sliding_window, on layers >= max_window_layers.
void read_qwen_sliding(Reader& rd, Architecture& a) {
  if (!rd.flag({"use_sliding_window"}, false)) return;
  read_sliding(rd, a, false);
  const I64 first = rd.size({"max_window_layers"}, 28);
  if (a.sliding_window > 0 && a.num_layers > 0)
    a.sliding_window_layers = std::max<I64>(0, a.num_layers - std::max<I64>(0, first));
}

// Qwen2: q, k, v have biases, o does not; sliding window only when use_sliding_window, for layers >= max_window_layers.
void import_qwen2(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  a.qkv_bias = true;
  read_qwen_sliding(rd, a);
}

// Qwen MoE layer pattern: layer i sparse iff (i + 1) % decoder_sparse_step == 0 and i not in mlp_only_layers.
void read_qwen_moe(Reader& rd, Architecture& a) {
  a.num_experts = rd.size({"num_experts"}, 0, &FieldKeys::num_experts);
  if (a.num_experts <= 0) { a.num_experts = 0; read_dense_mlp(rd, a); return; }
  a.experts_per_token = rd.size({"num_experts_per_tok"}, {}, &FieldKeys::experts_per_token);
  a.expert_intermediate_size = rd.size({"moe_intermediate_size"}, {}, &FieldKeys::expert_intermediate_size);
  const I64 step = rd.size({"decoder_sparse_step"}, 1);
  a.moe_layer_period = step;
  a.moe_layer_phase = step - 1;
  if (const json* only = rd.find({"mlp_only_layers"})) {
    if (!only->is_array()) {
      rd.result().errors.push_back("mlp_only_layers must be a list of layer indices, got " + describe_json(*only));
    } else {
      for (const json& i : *only) {
        if (!i.is_number_integer()) {
          rd.result().errors.push_back("mlp_only_layers must hold integers, got " + describe_json(i));
          break;
        }
        a.dense_layers.push_back(i.get<I64>());
      }
    }
  }
  const bool any_dense = step > 1 || !a.dense_layers.empty();
  if (any_dense) read_dense_mlp(rd, a);
  else a.intermediate_size = 0;
}

void import_qwen2_moe(Reader& rd, Architecture& a) {  // + shared expert [shared_expert_intermediate_size] and its gate
  read_llama_core(rd, a, false);
  a.qkv_bias = rd.flag({"qkv_bias"}, true);
  read_qwen_moe(rd, a);
  if (a.num_experts > 0) {
    a.shared_expert_intermediate_size = rd.size({"shared_expert_intermediate_size"}, 0);
    a.shared_expert_gate = a.shared_expert_intermediate_size > 0;
  }
  read_qwen_sliding(rd, a);
}

void import_qwen3(Reader& rd, Architecture& a) {  // q_norm/k_norm over head_dim; head_dim defaults to 128
  read_llama_core(rd, a, false, 128);
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  a.qk_norm = QkNorm::kHeadDim;
}

void import_qwen3_dense(Reader& rd, Architecture& a) {
  import_qwen3(rd, a);
  read_dense_mlp(rd, a);
}

void import_qwen3_moe(Reader& rd, Architecture& a) {  // no shared expert
  import_qwen3(rd, a);
  read_qwen_moe(rd, a);
}

// Gemma: head_dim 256 by default, tied embeddings, GeGLU; Gemma-2 adds sandwich norms (4 per block) and
// sliding windows on even layers; Gemma-3 adds q/k norms and a 5:1 local:global pattern.
void import_gemma(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, true, 256);
  read_dense_mlp(rd, a);
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
}

void import_gemma2(Reader& rd, Architecture& a) {
  import_gemma(rd, a);
  a.norms_per_layer = 4;
  read_sliding(rd, a, false);
  if (a.sliding_window > 0) a.sliding_window_layers = (a.num_layers + 1) / 2;  // layers 0, 2, 4, ...
  read_layer_types(rd, a);
}

void import_gemma3(Reader& rd, Architecture& a) {
  import_gemma(rd, a);
  a.norms_per_layer = 4;
  a.qk_norm = QkNorm::kHeadDim;
  read_sliding(rd, a, false);
  if (a.sliding_window > 0) {
    const I64 pattern = rd.size({"sliding_window_pattern"}, 6);
    // layer i is global iff (i + 1) % pattern == 0
    a.sliding_window_layers = pattern > 0 ? a.num_layers - a.num_layers / pattern : a.num_layers;
  }
  read_layer_types(rd, a);
}

// Phi-2: one LayerNorm per parallel block, biases everywhere including lm_head, GELU MLP fc1/fc2, untied.
void import_phi(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  a.names = NameStyle::kPhi;
  a.norm = NormKind::kLayerNorm;
  a.norms_per_layer = 1;
  a.mlp = MlpKind::kPlain;
  a.qkv_bias = a.o_bias = a.mlp_bias = a.lm_head_bias = true;
  if (rd.flag({"qk_layernorm"}, false)) a.qk_norm = QkNorm::kHeadDim;  // LayerNorm(C/H) with bias
}

void import_phi3(Reader& rd, Architecture& a) {  // fused qkv_proj and gate_up_proj; sliding window on every layer
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  a.names = NameStyle::kPhi3;
  read_sliding(rd, a, true);
}

// GPT-2: Conv1D with biases, LayerNorm with bias, learned positions, n_inner null -> 4*n_embd, tied lm_head.
void import_gpt2(Reader& rd, Architecture& a) {
  a.names = NameStyle::kGpt2;
  a.hidden_size = rd.size({"n_embd", "hidden_size"}, {}, &FieldKeys::hidden_size);
  a.num_layers = rd.size({"n_layer", "num_hidden_layers"}, {}, &FieldKeys::num_layers);
  a.num_heads = rd.size({"n_head", "num_attention_heads"}, {}, &FieldKeys::num_heads);
  a.num_kv_heads = a.num_heads;
  a.head_dim = default_head_dim(a.hidden_size, a.num_heads);
  a.vocab_size = rd.size({"vocab_size"}, {}, &FieldKeys::vocab_size);
  a.learned_positions = rd.size({"n_positions", "max_position_embeddings"}, 1024);
  a.intermediate_size = rd.size({"n_inner"}, sat_mul(4, a.hidden_size), &FieldKeys::intermediate_size);
  a.tie_word_embeddings = rd.flag({"tie_word_embeddings"}, true);
  a.mlp = MlpKind::kPlain;
  a.norm = NormKind::kLayerNorm;
  a.qkv_bias = a.o_bias = a.mlp_bias = true;
}

// GPT-BigCode (StarCoder): GPT-2 layout with nn.Linear, multi-query by default (c_attn outputs C + 2*Dh).
void import_gpt_bigcode(Reader& rd, Architecture& a) {
  import_gpt2(rd, a);
  a.names = NameStyle::kGptBigCode;
  if (rd.flag({"multi_query"}, true)) a.num_kv_heads = 1;
}

// GPT-J: parallel block with one ln_1, bias-free attention, fc_in/fc_out with biases, lm_head with bias, untied.
void import_gptj(Reader& rd, Architecture& a) {
  a.names = NameStyle::kGptJ;
  a.hidden_size = rd.size({"n_embd", "hidden_size"}, {}, &FieldKeys::hidden_size);
  a.num_layers = rd.size({"n_layer", "num_hidden_layers"}, {}, &FieldKeys::num_layers);
  a.num_heads = rd.size({"n_head", "num_attention_heads"}, {}, &FieldKeys::num_heads);
  a.num_kv_heads = a.num_heads;
  a.head_dim = default_head_dim(a.hidden_size, a.num_heads);
  a.vocab_size = rd.size({"vocab_size"}, {}, &FieldKeys::vocab_size);
  a.intermediate_size = rd.size({"n_inner"}, sat_mul(4, a.hidden_size), &FieldKeys::intermediate_size);
  a.tie_word_embeddings = rd.flag({"tie_word_embeddings"}, false);
  a.mlp = MlpKind::kPlain;
  a.norm = NormKind::kLayerNorm;
  a.norms_per_layer = 1;
  a.mlp_bias = a.lm_head_bias = true;
}

// GPT-NeoX (Pythia): fused query_key_value and dense with biases (attention_bias), two LayerNorms even with
// use_parallel_residual, untied embed_out.
void import_gpt_neox(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  a.names = NameStyle::kGptNeox;
  a.num_kv_heads = a.num_heads;
  a.head_dim = default_head_dim(a.hidden_size, a.num_heads);
  a.mlp = MlpKind::kPlain;
  a.norm = NormKind::kLayerNorm;
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, true);
  a.mlp_bias = true;
}

// OPT: learned positions with an offset of 2, optional project_in/out (word_embed_proj_dim), biases (enable_bias),
// final LayerNorm only with do_layer_norm_before, tied lm_head.
void import_opt(Reader& rd, Architecture& a) {
  a.names = NameStyle::kOpt;
  a.hidden_size = rd.size({"hidden_size"}, {}, &FieldKeys::hidden_size);
  a.num_layers = rd.size({"num_hidden_layers"}, {}, &FieldKeys::num_layers);
  a.num_heads = rd.size({"num_attention_heads"}, {}, &FieldKeys::num_heads);
  a.num_kv_heads = a.num_heads;
  a.head_dim = default_head_dim(a.hidden_size, a.num_heads);
  a.vocab_size = rd.size({"vocab_size"}, {}, &FieldKeys::vocab_size);
  a.intermediate_size = rd.size({"ffn_dim"}, {}, &FieldKeys::intermediate_size);
  a.learned_positions = sat_add(rd.size({"max_position_embeddings"}, 2048), 2);  // OPTLearnedPositionalEmbedding offset
  a.embedding_dim = rd.size({"word_embed_proj_dim"}, a.hidden_size);
  a.tie_word_embeddings = rd.flag({"tie_word_embeddings"}, true);
  a.mlp = MlpKind::kPlain;
  a.norm = rd.flag({"layer_norm_elementwise_affine"}, true) ? NormKind::kLayerNorm : NormKind::kNonParametric;
  a.qkv_bias = a.o_bias = a.mlp_bias = rd.flag({"enable_bias"}, true);
  a.final_norm = rd.flag({"do_layer_norm_before"}, true) && !rd.flag({"_remove_final_layer_norm"}, false);
}

// BLOOM: word_embeddings_layernorm, fused query_key_value, biases everywhere, MLP 4C, ALiBi, tied lm_head.
void import_bloom(Reader& rd, Architecture& a) {
  a.names = NameStyle::kBloom;
  a.hidden_size = rd.size({"hidden_size", "n_embed"}, {}, &FieldKeys::hidden_size);
  a.num_layers = rd.size({"n_layer", "num_hidden_layers"}, {}, &FieldKeys::num_layers);
  a.num_heads = rd.size({"n_head", "num_attention_heads"}, {}, &FieldKeys::num_heads);
  a.num_kv_heads = a.num_heads;
  a.head_dim = default_head_dim(a.hidden_size, a.num_heads);
  a.vocab_size = rd.size({"vocab_size"}, {}, &FieldKeys::vocab_size);
  a.intermediate_size = sat_mul(4, a.hidden_size);
  a.tie_word_embeddings = rd.flag({"tie_word_embeddings"}, true);
  a.embedding_norm = true;
  a.mlp = MlpKind::kPlain;
  a.norm = NormKind::kLayerNorm;
  a.qkv_bias = a.o_bias = a.mlp_bias = true;
}

// Falcon: old architecture (7B: multi_query, one norm per parallel block) and new (40B/180B: num_kv_heads groups,
// ln_attn + ln_mlp); `bias` switches every linear bias; tied lm_head.
void import_falcon(Reader& rd, Architecture& a, bool new_arch_default) {
  a.names = NameStyle::kFalcon;
  a.hidden_size = rd.size({"hidden_size", "n_embed"}, {}, &FieldKeys::hidden_size);
  a.num_layers = rd.size({"num_hidden_layers", "n_layer"}, {}, &FieldKeys::num_layers);
  a.num_heads = rd.size({"num_attention_heads", "n_head"}, {}, &FieldKeys::num_heads);
  a.head_dim = default_head_dim(a.hidden_size, a.num_heads);
  a.vocab_size = rd.size({"vocab_size"}, {}, &FieldKeys::vocab_size);
  a.intermediate_size = rd.size({"ffn_hidden_size"}, sat_mul(4, a.hidden_size), &FieldKeys::intermediate_size);
  a.tie_word_embeddings = rd.flag({"tie_word_embeddings"}, true);
  a.mlp = MlpKind::kPlain;
  a.norm = NormKind::kLayerNorm;
  a.qkv_bias = a.o_bias = a.mlp_bias = rd.flag({"bias"}, false);
  const bool new_arch = rd.flag({"new_decoder_architecture"}, new_arch_default);
  if (new_arch) {
    a.num_kv_heads = rd.size({"num_kv_heads", "n_head_kv"}, a.num_heads, &FieldKeys::num_kv_heads);
  } else {  // the old fused query_key_value is 3C, or C + 2·Dh with multi_query
    a.num_kv_heads = rd.flag({"multi_query"}, true) ? 1 : a.num_heads;
    rd.result().keys.num_kv_heads = "multi_query";
  }
  // FalconDecoderLayer: sequential blocks have input_layernorm and post_attention_layernorm; parallel blocks
  // have ln_attn and ln_mlp when num_ln_in_parallel_attn is 2 (the default of the new architecture), else one.
  const I64 lns = rd.size({"num_ln_in_parallel_attn"}, new_arch ? 2 : 1);
  if (!rd.flag({"parallel_attn"}, true)) {
    a.norms_per_layer = 2;
  } else if (lns == 2) {
    a.norms_per_layer = 2;
    a.names = NameStyle::kFalconNew;
  } else {
    a.norms_per_layer = 1;
  }
}

// DeepSeek-V2/V3: MLA, first_k_dense_replace dense layers then MoE every moe_layer_freq, shared experts of
// n_shared_experts * moe_intermediate_size, V3's noaux_tc router bias, V3's MTP module(s) apart.
void import_deepseek(Reader& rd, Architecture& a, bool v3) {
  a.names = NameStyle::kDeepseek;
  a.attention = AttentionKind::kMla;
  a.hidden_size = rd.size({"hidden_size"}, {}, &FieldKeys::hidden_size);
  a.num_layers = rd.size({"num_hidden_layers"}, {}, &FieldKeys::num_layers);
  a.num_heads = rd.size({"num_attention_heads"}, {}, &FieldKeys::num_heads);
  a.num_kv_heads = a.num_heads;  // num_key_value_heads is not used by MLA
  a.vocab_size = rd.size({"vocab_size"}, {}, &FieldKeys::vocab_size);
  a.tie_word_embeddings = rd.flag({"tie_word_embeddings"}, false);
  a.q_lora_rank = rd.size({"q_lora_rank"}, 0);
  a.kv_lora_rank = rd.size({"kv_lora_rank"}, {}, &FieldKeys::kv_lora_rank);
  a.qk_nope_head_dim = rd.size({"qk_nope_head_dim"}, 128);
  a.qk_rope_head_dim = rd.size({"qk_rope_head_dim"}, 64);
  a.v_head_dim = rd.size({"v_head_dim"}, 128);
  a.head_dim = sat_add(a.qk_nope_head_dim, a.qk_rope_head_dim);
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  a.num_experts = rd.size({"n_routed_experts"}, 0, &FieldKeys::num_experts);
  if (a.num_experts > 0) {
    a.experts_per_token = rd.size({"num_experts_per_tok"}, {}, &FieldKeys::experts_per_token);
    a.expert_intermediate_size = rd.size({"moe_intermediate_size"}, {}, &FieldKeys::expert_intermediate_size);
    const I64 shared = rd.size({"n_shared_experts"}, 0);
    if (shared > 0) a.shared_expert_intermediate_size = sat_mul(shared, a.expert_intermediate_size);
    a.first_dense_layers = rd.size({"first_k_dense_replace"}, 0);
    a.moe_layer_period = rd.size({"moe_layer_freq"}, 1);
    a.moe_layer_phase = 0;
    a.router_bias = v3 && rd.text("topk_method", "noaux_tc") == "noaux_tc";
  } else {
    a.num_experts = 0;
  }
  if (a.num_experts == 0 || a.first_dense_layers > 0 || a.moe_layer_period > 1) read_dense_mlp(rd, a);
  if (v3) a.mtp_layers = rd.size({"num_nextn_predict_layers"}, 0);
}

// DBRX: sizes under d_model/n_heads/n_layers, attention and FFN settings in nested attn_config and ffn_config,
// LayerNorm without bias, fused Wqkv, GLU experts stored as [E*Fe, C], untied.
void import_dbrx(Reader& rd, Architecture& a) {
  a.names = NameStyle::kDbrx;
  a.hidden_size = rd.size({"d_model"}, {}, &FieldKeys::hidden_size);
  a.num_layers = rd.size({"n_layers"}, {}, &FieldKeys::num_layers);
  a.num_heads = rd.size({"n_heads"}, {}, &FieldKeys::num_heads);
  a.head_dim = default_head_dim(a.hidden_size, a.num_heads);
  a.vocab_size = rd.size({"vocab_size"}, {}, &FieldKeys::vocab_size);
  a.tie_word_embeddings = rd.flag({"tie_word_embeddings"}, false);
  a.norm = NormKind::kLayerNormNoBias;
  const json empty = json::object();
  const json* attn = rd.find({"attn_config"});
  const json* ffn = rd.find({"ffn_config"});
  for (const auto& [obj, key] : {std::pair{attn, "attn_config"}, std::pair{ffn, "ffn_config"}})
    if (obj && !obj->is_object())
      rd.result().errors.push_back(std::string(key) + " must be an object, got " + describe_json(*obj));
  Reader ra(attn && attn->is_object() ? *attn : empty, rd.result(), "attn_config.");
  Reader rf(ffn && ffn->is_object() ? *ffn : empty, rd.result(), "ffn_config.");
  a.num_kv_heads = ra.size({"kv_n_heads"}, 1, &FieldKeys::num_kv_heads);
  a.num_experts = rf.size({"moe_num_experts"}, 4, &FieldKeys::num_experts);
  a.experts_per_token = rf.size({"moe_top_k"}, 1, &FieldKeys::experts_per_token);
  a.expert_intermediate_size = rf.size({"ffn_hidden_size"}, 3584, &FieldKeys::expert_intermediate_size);
  a.intermediate_size = a.expert_intermediate_size;
}

// StarCoder2: Llama layout with use_bias on every linear, LayerNorm with bias, GELU c_fc/c_proj, tied.
void import_starcoder2(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, true);
  read_dense_mlp(rd, a);
  a.names = NameStyle::kStarcoder2;
  a.norm = NormKind::kLayerNorm;
  a.mlp = MlpKind::kPlain;
  a.qkv_bias = a.o_bias = a.mlp_bias = rd.flag({"use_bias"}, true);
  read_sliding(rd, a, true);
}

// StableLM: LayerNorm with bias, optional q/k/v bias, one norm with use_parallel_residual, per-head qk LayerNorms.
void import_stablelm(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  a.names = NameStyle::kStableLm;
  a.norm = NormKind::kLayerNorm;
  a.qkv_bias = rd.flag({"use_qkv_bias"}, false);
  a.norms_per_layer = rd.flag({"use_parallel_residual"}, false) ? 1 : 2;
  if (rd.flag({"qk_layernorm"}, false)) a.qk_norm = QkNorm::kAllHeads;
}

void import_olmo(Reader& rd, Architecture& a) {  // OLMo-1: LayerNorm without any parameters
  import_llama(rd, a);
  a.mlp_bias = false;
  a.norm = NormKind::kNonParametric;
}

void import_olmo2(Reader& rd, Architecture& a) {  // OLMo-2: post-norms only, q/k RMSNorm over all heads
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  a.names = NameStyle::kOlmo2;
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  a.qk_norm = QkNorm::kAllHeads;
}

using Importer = std::function<void(Reader&, Architecture&)>;

const std::map<std::string, Importer>& importers() {
  static const std::map<std::string, Importer> kImporters = {
      {"gpt2", import_gpt2},
      {"gpt_bigcode", import_gpt_bigcode},
      {"gptj", import_gptj},
      {"gpt_neox", import_gpt_neox},
      {"opt", import_opt},
      {"bloom", import_bloom},
      {"falcon", [](Reader& r, Architecture& a) { import_falcon(r, a, false); }},
      {"RefinedWebModel", [](Reader& r, Architecture& a) { import_falcon(r, a, false); }},
      {"RefinedWeb", [](Reader& r, Architecture& a) { import_falcon(r, a, true); }},
      {"llama", import_llama},
      {"mistral", import_mistral},
      {"mixtral", import_mixtral},
      {"qwen2", import_qwen2},
      {"qwen2_moe", import_qwen2_moe},
      {"qwen3", import_qwen3_dense},
      {"qwen3_moe", import_qwen3_moe},
      {"gemma", import_gemma},
      {"gemma2", import_gemma2},
      {"gemma3_text", import_gemma3},
      {"phi", import_phi},
      {"phi3", import_phi3},
      {"deepseek_v2", [](Reader& r, Architecture& a) { import_deepseek(r, a, false); }},
      {"deepseek_v3", [](Reader& r, Architecture& a) { import_deepseek(r, a, true); }},
      {"dbrx", import_dbrx},
      {"starcoder2", import_starcoder2},
      {"stablelm", import_stablelm},
      {"olmo", import_olmo},
      {"olmo2", import_olmo2},
  };
  return kImporters;
}

// [SECTION] Dispatch, best-effort and wrappers

// An unknown model_type with Llama-like fields: a Llama count with every guess listed.
void import_best_effort(Reader& rd, Architecture& a, const std::string& model_type) {
  ImportResult& r = rd.result();
  r.best_effort = true;
  r.assumptions.push_back("model_type \"" + model_type + "\" is not supported; counted as a Llama-like decoder");
  r.assumptions.push_back("gated (SwiGLU-style) MLP: gate, up and down projections");
  r.assumptions.push_back("RMSNorm (weight only), two per block, plus a final norm");
  if (!rd.has({"num_key_value_heads"})) r.assumptions.push_back("no num_key_value_heads: multi-head attention");
  if (!rd.has({"head_dim"})) r.assumptions.push_back("no head_dim: hidden_size / num_attention_heads");
  if (!rd.has({"tie_word_embeddings"})) r.assumptions.push_back("no tie_word_embeddings: untied lm_head");
  read_llama_core(rd, a, false);
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  a.mlp_bias = rd.flag({"mlp_bias"}, false);
  r.assumptions.push_back(std::string("biases: ") + (a.qkv_bias ? "on q, k, v, o (attention_bias)" : "none") +
                          (a.mlp_bias ? ", MLP (mlp_bias)" : ""));
  std::string used;
  if (rd.find({"num_local_experts", "num_experts", "n_routed_experts"}, &used)) {
    a.num_experts = rd.size({"num_local_experts", "num_experts", "n_routed_experts"}, 0, &FieldKeys::num_experts);
    if (a.num_experts > 0) {
      a.experts_per_token = rd.size({"num_experts_per_tok", "moe_top_k"}, {}, &FieldKeys::experts_per_token);
      const bool own = rd.has({"moe_intermediate_size"});
      a.expert_intermediate_size = rd.size({"moe_intermediate_size", "intermediate_size"}, {},
                                           &FieldKeys::expert_intermediate_size);
      a.intermediate_size = a.expert_intermediate_size;
      r.assumptions.push_back("every layer is MoE (" + used + "), expert width " +
                              (own ? "moe_intermediate_size" : "intermediate_size") +
                              ", bias-free router, no shared experts");
      return;
    }
    a.num_experts = 0;
  }
  read_dense_mlp(rd, a);
}

const std::vector<const char*> kLlamaLikeKeys = {"hidden_size", "num_hidden_layers", "num_attention_heads",
                                                 "vocab_size"};

}  // namespace

const std::vector<std::string>& supported_model_types() {
  static const std::vector<std::string> kTypes = [] {
    std::vector<std::string> t;
    for (const auto& [k, f] : importers()) t.push_back(k);
    return t;
  }();
  return kTypes;
}

ImportResult import_hf_config(const json& config) {
  ImportResult r;
  if (!config.is_object()) {
    r.errors.push_back("a config must be a JSON object, got " + describe_json(config));
    return r;
  }
  // Multimodal wrappers (LLaVA, Gemma-3, Qwen2-VL ...): count the language model in text_config.
  auto tc = config.find("text_config");
  if (tc != config.end() && tc->is_object() && tc->contains("model_type")) {
    ImportResult inner = import_hf_config(*tc);
    inner.notes.insert(inner.notes.begin(), "counted the language model in text_config only; the vision tower and "
                                            "projector are not counted");
    return inner;
  }
  Reader rd(config, r);
  std::string model_type = rd.text("model_type", "");
  if (!r.ok()) return r;
  auto it = importers().find(model_type);
  if (it != importers().end()) {
    r.arch.model_type = model_type;
    it->second(rd, r.arch);
  } else {
    std::vector<std::string> missing;
    for (const char* k : kLlamaLikeKeys)
      if (!rd.has({k})) missing.push_back(k);
    if (!missing.empty()) {
      std::string list;
      for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
      r.errors.push_back(model_type.empty()
                             ? "missing model_type, and no Llama-like fields for a best-effort count (missing " + list + ")"
                             : "model_type \"" + model_type + "\" is not supported and the config lacks " + list +
                                   " for a best-effort Llama-like count");
      return r;
    }
    r.arch.model_type = model_type.empty() ? "unknown" : model_type;
    import_best_effort(rd, r.arch, r.arch.model_type);
  }
  read_layer_types(rd, r.arch);
  if (!r.ok()) return r;
  for (std::string& e : validate(r.arch, r.keys)) r.errors.push_back(std::move(e));
  return r;
}

ImportResult import_model_json(const json& j) {
  if (!j.is_object()) {
    ImportResult r;
    r.errors.push_back("expected a JSON object (a config.json or a preset), got " + describe_json(j));
    return r;
  }
  auto str = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  ImportResult r;
  if (j.contains("architecture") && !j.contains("model_type")) {
    // An explicit architecture: every field named as in Architecture.
    const json& arch = j["architecture"];
    if (!arch.is_object()) {
      r.errors.push_back("architecture must be an object, got " + describe_json(arch));
      return r;
    }
    r.arch = architecture_from_json(arch, Architecture{}, &r.errors);
    auto listed = j.find("assumptions");  // what the preset's author assumed, shown with the count
    if (listed != j.end() && listed->is_array())
      for (const json& a : *listed)
        if (a.is_string()) r.assumptions.push_back(a.get<std::string>());
    if (r.ok())
      for (std::string& e : validate(r.arch)) r.errors.push_back(std::move(e));
  } else if (j.contains("config") && !j.contains("model_type")) {
    const json& cfg = j["config"];
    if (!cfg.is_object()) {
      r.errors.push_back("config must be an object, got " + describe_json(cfg));
      return r;
    }
    r = import_hf_config(cfg);
  } else {
    return import_hf_config(j);
  }
  r.name = str("name");
  r.source = str("source");
  r.caveats = str("caveats");
  return r;
}

ImportResult import_model_text(std::string_view text) {
  json j;
  std::string error;
  if (!parse_json_guarded(text, &j, &error)) {
    ImportResult r;
    r.errors.push_back(error);
    return r;
  }
  return import_model_json(j);
}

}  // namespace lpp::llm
