// Hugging Face config.json -> Architecture, one function per family, each following that family's modelling code
// in transformers (src/transformers/models/<family>/modeling_<family>.py) and its config defaults. Fields a
// family ignores are not read (a MoE config's dense intermediate_size, Mistral's attention_bias).
//
// [SECTION] Reading typed values with messages
// [SECTION] Families
// [SECTION] Dispatch, best-effort and wrappers
#include "llm/hf_import.hpp"

#include <algorithm>
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
// Every value read is recorded in the result's provenance: the key it came from, or the default taken and why.
class Reader {
 public:
  Reader(const json& obj, ImportResult& r, std::string prefix = "", std::string family = "")
      : obj_(obj), r_(r), prefix_(std::move(prefix)), family_(std::move(family)) {}

  // The first present, non-null key of `keys`, or nullptr. Every key named counts as consulted.
  const json* find(std::initializer_list<const char*> keys, std::string* used = nullptr) const {
    for (const char* k : keys) r_.consulted.insert(prefix_ + k);
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

  // An integer size; `slot` (if given) records which key it came from. Missing and no default: an error naming
  // the key. `rule` says how a default is derived when it is not the library's constant (e.g. "4 * n_embd").
  I64 size(std::initializer_list<const char*> keys, std::optional<I64> fallback, std::string FieldKeys::*slot = nullptr,
           const std::string& rule = "") {
    std::string used;
    const json* v = find(keys, &used);
    if (slot) r_.keys.*slot = v ? used : prefix_ + *keys.begin();
    if (!v) {
      if (!fallback) {
        r_.errors.push_back("missing " + prefix_ + *keys.begin() + " (a required integer" +
                            (family_.empty() ? "" : " for " + family_ + ", with no library default") + ")");
        return 0;
      }
      note_default(*keys.begin(), std::to_string(*fallback), rule);
      return *fallback;
    }
    const I64 x = to_int(*v, used);
    note(used, v->dump());
    return x;
  }
  std::optional<I64> optional_size(std::initializer_list<const char*> keys) {
    std::string used;
    const json* v = find(keys, &used);
    if (!v) return std::nullopt;
    note(used, v->dump());
    return to_int(*v, used);
  }
  bool flag(std::initializer_list<const char*> keys, bool fallback, const std::string& rule = "") {
    std::string used;
    const json* v = find(keys, &used);
    if (!v) {
      note_default(*keys.begin(), fallback ? "true" : "false", rule);
      return fallback;
    }
    if (!v->is_boolean()) {
      r_.errors.push_back(used + " must be true or false, got " + describe_json(*v));
      return fallback;
    }
    note(used, v->dump());
    return v->get<bool>();
  }
  std::string text(const char* key, const std::string& fallback) {
    const json* v = find({key});
    if (!v) {
      if (!fallback.empty()) note_default(key, "\"" + fallback + "\"", "");
      return fallback;
    }
    if (!v->is_string()) {
      r_.errors.push_back(prefix_ + key + " must be a string, got " + describe_json(*v));
      return fallback;
    }
    note(prefix_ + key, v->dump());
    return v->get<std::string>();
  }
  // A value read through find() directly (lists, patterns): recorded as read from the config.
  void note(const std::string& used, const std::string& value) {
    for (const Provenance& p : r_.provenance)
      if (p.key == used) return;
    r_.provenance.push_back({used, value.size() > 120 ? value.substr(0, 117) + "..." : value, false, ""});
  }
  // A quantity the family fixes or derives with no config key of its own, e.g. "sliding-window layers".
  void note_derived(const std::string& what, const std::string& value, const std::string& rule) {
    r_.provenance.push_back({what, value, true, rule});
  }
  const std::string& prefix() const { return prefix_; }
  const std::string& family() const { return family_; }
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

  void note_default(const char* key, const std::string& value, const std::string& rule) {
    const std::string path = prefix_ + key;
    for (const Provenance& p : r_.provenance)
      if (p.key == path) return;
    r_.provenance.push_back({path, value, true,
                             !rule.empty() ? "absent, " + rule
                                           : "absent, default " + value + (family_.empty() ? "" : " for " + family_)});
  }

  const json& obj_;
  ImportResult& r_;
  std::string prefix_;
  std::string family_;
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
void read_llama_core(Reader& rd, Architecture& a, bool tie_default, std::optional<I64> head_dim_default = {},
                     std::optional<I64> vocab_default = {}) {
  a.hidden_size = rd.size({"hidden_size"}, {}, &FieldKeys::hidden_size);
  a.num_layers = rd.size({"num_hidden_layers"}, {}, &FieldKeys::num_layers);
  a.num_heads = rd.size({"num_attention_heads"}, {}, &FieldKeys::num_heads);
  a.num_kv_heads = rd.size({"num_key_value_heads"}, a.num_heads, &FieldKeys::num_kv_heads,
                           "num_attention_heads (" + std::to_string(a.num_heads) + "): multi-head attention");
  a.head_dim = rd.size({"head_dim"}, head_dim_default.value_or(default_head_dim(a.hidden_size, a.num_heads)),
                       &FieldKeys::head_dim,
                       head_dim_default ? "" : "hidden_size / num_attention_heads = " +
                                                   std::to_string(default_head_dim(a.hidden_size, a.num_heads)));
  a.vocab_size = rd.size({"vocab_size"}, vocab_default, &FieldKeys::vocab_size);
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
void import_gemma(Reader& rd, Architecture& a, std::optional<I64> vocab_default = {}) {
  read_llama_core(rd, a, true, 256, vocab_default);
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

void import_gemma3(Reader& rd, Architecture& a) {  // Gemma3TextConfig: vocab_size 262208 (27B's config omits it)
  import_gemma(rd, a, 262208);
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


// gpt-oss (modeling_gpt_oss.py): biased q, k, v, o (attention_bias), a sink logit per head, every layer MoE with
// a biased router and biased experts stored as 3-D gate_up_proj / down_proj, sliding windows on even layers.
// The model card's "active" leaves out the input embedding, so this family's active does too.
void import_gpt_oss(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  a.names = NameStyle::kGptOss;
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, true);
  a.attention_sinks = true;
  a.num_experts = rd.size({"num_local_experts", "num_experts"}, 128, &FieldKeys::num_experts);
  a.experts_per_token = rd.size({"num_experts_per_tok"}, 4, &FieldKeys::experts_per_token);
  a.expert_intermediate_size = rd.size({"intermediate_size"}, 2880, &FieldKeys::expert_intermediate_size);
  a.intermediate_size = a.expert_intermediate_size;  // no dense layer uses it
  a.mlp_bias = a.router_bias = true;
  a.active_counts_input_embedding = false;
  read_sliding(rd, a, false);
  if (a.sliding_window > 0) a.sliding_window_layers = (a.num_layers + 1) / 2;  // layer_types default: even layers
  rd.note_derived("attention sinks, router and expert biases", "always", "GptOssAttention.sinks [H], "
                  "GptOssTopKRouter.bias [E], GptOssExperts *_bias: fixed by the modelling code");
}

// Llama 4 text model (modeling_llama4.py): MoE on layers moe_layers (default every interleave_moe_layer_step-th,
// from step - 1), each with a bias-free router, 3-D experts of intermediate_size and a shared expert of the same
// width; the other layers are dense of intermediate_size_mlp. NoPE layers and the weightless L2 qk_norm add no
// parameters.
void import_llama4_text(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  a.names = NameStyle::kLlama4;
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  a.num_experts = rd.size({"num_local_experts"}, 16, &FieldKeys::num_experts);
  a.experts_per_token = rd.size({"num_experts_per_tok"}, 1, &FieldKeys::experts_per_token);
  a.expert_intermediate_size = rd.size({"intermediate_size"}, 8192, &FieldKeys::expert_intermediate_size);
  a.shared_expert_intermediate_size = a.expert_intermediate_size;  // shared_expert = Llama4TextMLP(config)
  a.intermediate_size = rd.size({"intermediate_size_mlp"}, 16384, &FieldKeys::intermediate_size);
  const I64 step = rd.size({"interleave_moe_layer_step"}, 1);
  if (const json* listed = rd.find({"moe_layers"}); listed && listed->is_array()) {
    rd.note(rd.prefix() + "moe_layers", listed->dump());
    std::vector<char> moe(static_cast<std::size_t>(std::clamp<I64>(a.num_layers, 0, kMaxLayers)), 0);
    for (const json& i : *listed) {
      if (!i.is_number_integer() || i.get<I64>() < 0 || i.get<I64>() >= static_cast<I64>(moe.size())) {
        rd.result().errors.push_back(rd.prefix() + "moe_layers must hold layer indices below num_hidden_layers, got " +
                                     describe_json(i));
        return;
      }
      moe[static_cast<std::size_t>(i.get<I64>())] = 1;
    }
    for (std::size_t i = 0; i < moe.size(); ++i)
      if (!moe[i]) a.dense_layers.push_back(static_cast<I64>(i));
  } else if (step > 0) {
    a.moe_layer_period = step;
    a.moe_layer_phase = step - 1;
  } else {
    rd.result().errors.push_back(rd.prefix() + "interleave_moe_layer_step (" + std::to_string(step) +
                                 ") must be a positive integer");
  }
  if (rd.has({"no_rope_layers"}) || rd.has({"use_qk_norm"}))
    rd.note_derived("no_rope_layers, use_qk_norm", "no parameters",
                    "NoPE layers and Llama4TextL2Norm have no weights; read for the record only");
}

// GLM-4.5 (modeling_glm4_moe.py): q, k, v biased by attention_bias, o not; optional q/k RMSNorm over head_dim;
// the first first_k_dense_replace layers dense, then MoE with a DeepSeek-V3-style router (weight and
// e_score_correction_bias) and n_shared_experts fused into one shared MLP; MTP layers apart.
void import_glm4_moe(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  a.names = NameStyle::kDeepseek;
  a.qkv_bias = rd.flag({"attention_bias"}, false);
  if (rd.flag({"use_qk_norm"}, false)) a.qk_norm = QkNorm::kHeadDim;
  read_dense_mlp(rd, a);
  a.num_experts = rd.size({"n_routed_experts"}, 128, &FieldKeys::num_experts);
  a.experts_per_token = rd.size({"num_experts_per_tok"}, 8, &FieldKeys::experts_per_token);
  a.expert_intermediate_size = rd.size({"moe_intermediate_size"}, 1408, &FieldKeys::expert_intermediate_size);
  a.shared_expert_intermediate_size = sat_mul(rd.size({"n_shared_experts"}, 1), a.expert_intermediate_size);
  a.first_dense_layers = rd.size({"first_k_dense_replace"}, 1);
  a.router_bias = true;
  a.mtp_layers = rd.size({"num_nextn_predict_layers"}, 0);
}

// Qwen3-Next (modeling_qwen3_next.py): layer_types mixes Gated DeltaNet ("linear_attention") and gated full
// attention (q_proj emits a sigmoid output gate, q/k RMSNorm over head_dim); default every
// full_attention_interval-th layer is full. MoE as Qwen2-MoE: routed experts, a shared expert and its gate.
void import_qwen3_next(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false, 256);
  a.qk_norm = QkNorm::kHeadDim;
  a.attention_output_gate = true;
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  read_qwen_moe(rd, a);
  if (a.num_experts > 0) {
    a.shared_expert_intermediate_size = rd.size({"shared_expert_intermediate_size"}, 512);
    a.shared_expert_gate = a.shared_expert_intermediate_size > 0;
  }
  a.linear_key_heads = rd.size({"linear_num_key_heads"}, 16);
  a.linear_value_heads = rd.size({"linear_num_value_heads"}, 32);
  a.linear_key_head_dim = rd.size({"linear_key_head_dim"}, 128);
  a.linear_value_head_dim = rd.size({"linear_value_head_dim"}, 128);
  a.linear_conv_kernel = rd.size({"linear_conv_kernel_dim"}, 4);
  const I64 interval = rd.size({"full_attention_interval"}, 4);
  if (a.num_layers < 1 || a.num_layers > kMaxLayers) return;  // validate() names it
  a.mixers.assign(static_cast<std::size_t>(a.num_layers), kMixLinearAttention);
  const json* lt = rd.find({"layer_types"});
  if (lt && lt->is_array()) {
    rd.note(rd.prefix() + "layer_types", lt->dump());
    if (static_cast<I64>(lt->size()) != a.num_layers) {
      rd.result().errors.push_back(rd.prefix() + "layer_types has " + std::to_string(lt->size()) +
                                   " entries, num_hidden_layers is " + std::to_string(a.num_layers));
      return;
    }
    for (std::size_t i = 0; i < lt->size(); ++i)
      if ((*lt)[i].is_string() && (*lt)[i].get<std::string>() == "full_attention") a.mixers[i] = kMixAttention;
  } else if (interval > 0) {
    for (I64 i = interval - 1; i < a.num_layers; i += interval) a.mixers[static_cast<std::size_t>(i)] = kMixAttention;
  }
  a.mtp_layers = 0;  // mtp.* weights are stored but not described by the config's layer fields
  if (rd.has({"mtp_num_hidden_layers"}))
    rd.note_derived("mtp_num_hidden_layers", "not counted",
                    "the checkpoint's mtp.* module is outside Qwen3NextForCausalLM and this total");
}

// Pure SSM stacks (modeling_mamba.py, modeling_mamba2.py): embeddings, per block one RMSNorm and a mixer, norm_f,
// lm_head tied unless tie_word_embeddings says otherwise; no attention and no feed-forward.
void read_ssm_stack(Reader& rd, Architecture& a) {
  a.names = NameStyle::kMamba;
  a.hidden_size = rd.size({"hidden_size", "d_model"}, {}, &FieldKeys::hidden_size);
  a.num_layers = rd.size({"num_hidden_layers", "n_layer"}, {}, &FieldKeys::num_layers);
  a.vocab_size = rd.size({"vocab_size"}, {}, &FieldKeys::vocab_size);
  a.tie_word_embeddings = rd.flag({"tie_word_embeddings"}, true);
  a.ssm_conv_kernel = rd.size({"conv_kernel", "d_conv"}, 4);
  a.ssm_proj_bias = rd.flag({"use_bias"}, false);
  a.ssm_conv_bias = rd.flag({"use_conv_bias"}, true);
  a.norms_per_layer = 1;
  a.num_heads = a.num_kv_heads = 1;  // no attention layer reads them
  a.head_dim = a.hidden_size;
  if (a.num_layers >= 1 && a.num_layers <= kMaxLayers) {
    a.mixers.assign(static_cast<std::size_t>(a.num_layers), kMixSsm);
    a.ffns.assign(static_cast<std::size_t>(a.num_layers), kFfnNone);
  }
}

// Mamba-1 MambaMixer: inner width intermediate_size (expand * hidden_size), time_step_rank ("auto" is
// ceil(hidden_size / 16), as MambaConfig computes it).
void import_mamba(Reader& rd, Architecture& a) {
  read_ssm_stack(rd, a);
  a.ssm_version = 1;
  a.ssm_state = rd.size({"state_size", "d_state"}, 16);
  const I64 expand = rd.size({"expand"}, 2);
  a.ssm_inner = rd.size({"intermediate_size", "d_inner"}, sat_mul(expand, a.hidden_size), nullptr,
                        "expand * hidden_size = " + std::to_string(sat_mul(expand, a.hidden_size)));
  const I64 auto_rank = (a.hidden_size + 15) / 16;
  const json* rank = rd.find({"time_step_rank", "dt_rank"});
  if (rank && rank->is_string() && rank->get<std::string>() == "auto") {
    a.ssm_dt_rank = auto_rank;
    rd.note_derived(rd.prefix() + "time_step_rank", std::to_string(auto_rank), "\"auto\": ceil(hidden_size / 16)");
  } else {
    a.ssm_dt_rank = rd.size({"time_step_rank", "dt_rank"}, auto_rank, nullptr, "ceil(hidden_size / 16)");
  }
}

// Mamba-2 Mamba2Mixer: inner width expand * hidden_size, num_heads heads, n_groups groups for B and C, a gated
// RMSNorm over the inner width. time_step_rank is read by the config class but no tensor uses it.
void import_mamba2(Reader& rd, Architecture& a) {
  read_ssm_stack(rd, a);
  a.ssm_version = 2;
  a.ssm_state = rd.size({"state_size"}, 128);
  const I64 expand = rd.size({"expand"}, 2);
  a.ssm_inner = sat_mul(expand, a.hidden_size);
  rd.note_derived("mamba inner width", std::to_string(a.ssm_inner), "expand * hidden_size (Mamba2Mixer)");
  a.ssm_groups = rd.size({"n_groups"}, 8);
  const I64 head_dim = rd.size({"head_dim"}, 64);
  a.ssm_heads = rd.size({"num_heads"}, head_dim > 0 ? a.ssm_inner / head_dim : 0, nullptr,
                        "expand * hidden_size / head_dim");
  a.ssm_gated_norm = true;
}

// Granite 3 (modeling_granite.py): Llama's tensors; the embedding, residual, attention and logits multipliers
// scale activations and add no parameters.
void import_granite(Reader& rd, Architecture& a) { import_llama(rd, a); }

// GraniteMoE (modeling_granitemoe.py): every layer MoE; router block_sparse_moe.router.layer [E, C] without bias,
// experts as ParallelExperts input_linear [E, 2F, C] and output_linear [E, C, F]; GraniteMoeShared adds a
// shared_mlp of shared_intermediate_size.
void import_granitemoe(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  a.names = NameStyle::kGraniteMoe;
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  a.num_experts = rd.size({"num_local_experts"}, {}, &FieldKeys::num_experts);
  a.experts_per_token = rd.size({"num_experts_per_tok"}, {}, &FieldKeys::experts_per_token);
  a.expert_intermediate_size = rd.size({"intermediate_size"}, {}, &FieldKeys::expert_intermediate_size);
  a.intermediate_size = a.expert_intermediate_size;
  if (rd.object().contains("shared_intermediate_size"))
    a.shared_expert_intermediate_size = rd.size({"shared_intermediate_size"}, 0);
}

// Cohere Command R (modeling_cohere.py): one CohereLayerNorm (weight, no bias) before a parallel attention + MLP
// block, optional per-head q/k LayerNorms of [H, Dh] and [K, Dh] (use_qk_norm), tied embeddings by default.
void read_cohere_block(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, true);
  read_dense_mlp(rd, a);
  a.norm = NormKind::kLayerNormNoBias;
  a.norms_per_layer = 1;
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
}

void import_cohere(Reader& rd, Architecture& a) {
  read_cohere_block(rd, a);
  if (rd.flag({"use_qk_norm"}, false)) a.qk_norm = QkNorm::kAllHeads;
}

// Cohere2 Command R7B / A (modeling_cohere2.py): Cohere's block without q/k norms; 3 of every 4 layers use the
// sliding window (layer_types, or sliding_window_pattern: layer i is global iff (i + 1) % pattern == 0).
void import_cohere2(Reader& rd, Architecture& a) {
  read_cohere_block(rd, a);
  read_sliding(rd, a, false);
  if (a.sliding_window > 0) {
    const I64 pattern = rd.size({"sliding_window_pattern"}, 4);
    a.sliding_window_layers = pattern > 0 ? a.num_layers - a.num_layers / pattern : a.num_layers;
  }
}

// PhiMoE (modeling_phimoe.py, Phi-3.5-MoE): Mixtral's block_sparse_moe (router without bias, w1/w2/w3 experts)
// with LayerNorms that have biases, biased q, k, v, o (attention_bias) and a biased lm_head (lm_head_bias).
void import_phimoe(Reader& rd, Architecture& a) {
  import_mixtral(rd, a);
  a.norm = NormKind::kLayerNorm;
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  a.lm_head_bias = rd.flag({"lm_head_bias"}, false);
}

// SmolLM3 (modeling_smollm3.py): Llama's tensors; NoPE layers (no_rope_layers) add no parameters; tied by default.
void import_smollm3(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, true);
  read_dense_mlp(rd, a);
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  a.mlp_bias = rd.flag({"mlp_bias"}, false);
  read_sliding(rd, a, false);
}

// EXAONE 4.0 (modeling_exaone4.py): norms after attention and MLP only (post_attention_layernorm,
// post_feedforward_layernorm), q/k RMSNorm over head_dim, sliding windows by layer_types.
void import_exaone4(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  a.names = NameStyle::kOlmo2;
  a.qk_norm = QkNorm::kHeadDim;
  read_sliding(rd, a, false);
}

// ERNIE 4.5 (modeling_ernie4_5.py): Llama's tensors with use_bias on q, k, v, o, the MLP and lm_head; head_dim
// 128 and tied embeddings by default.
void import_ernie4_5(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, true, 128);
  read_dense_mlp(rd, a);
  a.qkv_bias = a.o_bias = a.mlp_bias = a.lm_head_bias = rd.flag({"use_bias"}, false);
}

// ERNIE 4.5 MoE (modeling_ernie4_5_moe.py): layer i is MoE iff moe_layer_start_index <= i <= moe_layer_end_index
// and (i + 1) % moe_layer_interval == 0; a bias-free gate plus moe_statics.e_score_correction_bias [1, E] (always,
// whatever moe_use_aux_free says), experts of moe_intermediate_size, moe_num_shared_experts fused into one shared
// MLP; the other layers dense.
void import_ernie4_5_moe(Reader& rd, Architecture& a) {
  import_ernie4_5(rd, a);
  a.names = NameStyle::kDeepseek;
  a.num_experts = rd.size({"moe_num_experts"}, 64, &FieldKeys::num_experts);
  a.experts_per_token = rd.size({"moe_k"}, 6, &FieldKeys::experts_per_token);
  a.expert_intermediate_size = rd.size({"moe_intermediate_size"}, 1536, &FieldKeys::expert_intermediate_size);
  a.shared_expert_intermediate_size = sat_mul(rd.size({"moe_num_shared_experts"}, 0), a.expert_intermediate_size);
  a.first_dense_layers = rd.size({"moe_layer_start_index"}, 1);
  const I64 interval = rd.size({"moe_layer_interval"}, 1);
  a.moe_layer_period = interval;
  a.moe_layer_phase = interval - 1;
  const I64 end = rd.size({"moe_layer_end_index"}, -1, nullptr, "-1: the last layer");
  if (end >= 0 && a.num_layers <= kMaxLayers)
    for (I64 i = end + 1; i < a.num_layers; ++i) a.dense_layers.push_back(i);
  a.router_bias = true;  // Ernie4_5_MoeStatics: e_score_correction_bias [1, E] in every MoE layer
  rd.note_derived("moe_statics.e_score_correction_bias", "always", "Ernie4_5_MoeStatics [1, E] per MoE layer");
}

// Jamba (modeling_jamba.py): layer i attends iff i % attn_layer_period == attn_layer_offset, else a Mamba-1 mixer
// with RMSNorms on dt, B and C; MoE iff i % expert_layer_period == expert_layer_offset (router without bias,
// gated experts), else a dense MLP; input_layernorm and pre_ff_layernorm per block.
void import_jamba(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  a.num_experts = rd.size({"num_experts"}, 16, &FieldKeys::num_experts);
  a.experts_per_token = rd.size({"num_experts_per_tok"}, 2, &FieldKeys::experts_per_token);
  a.expert_intermediate_size = a.intermediate_size;
  a.moe_layer_period = rd.size({"expert_layer_period"}, 2);
  a.moe_layer_phase = rd.size({"expert_layer_offset"}, 1);
  if (a.num_experts <= 1) a.num_experts = 0;  // num_experts 1 is a dense MLP (JambaMLP)
  const I64 period = rd.size({"attn_layer_period"}, 8);
  const I64 offset = rd.size({"attn_layer_offset"}, 4);
  a.ssm_version = 1;
  a.ssm_bcdt_norms = true;
  a.ssm_state = rd.size({"mamba_d_state"}, 16);
  a.ssm_conv_kernel = rd.size({"mamba_d_conv"}, 4);
  a.ssm_inner = sat_mul(rd.size({"mamba_expand"}, 2), a.hidden_size);
  const I64 auto_rank = (a.hidden_size + 15) / 16;
  const json* rank = rd.find({"mamba_dt_rank"});
  a.ssm_dt_rank = rank && rank->is_string() ? auto_rank
                                            : rd.size({"mamba_dt_rank"}, auto_rank, nullptr, "ceil(hidden_size / 16)");
  a.ssm_conv_bias = rd.flag({"mamba_conv_bias"}, true);
  a.ssm_proj_bias = rd.flag({"mamba_proj_bias"}, false);
  if (a.num_layers < 1 || a.num_layers > kMaxLayers || period < 1) return;
  a.mixers.assign(static_cast<std::size_t>(a.num_layers), kMixSsm);
  for (I64 i = 0; i < a.num_layers; ++i)
    if (i % period == offset) a.mixers[static_cast<std::size_t>(i)] = kMixAttention;
}

// Nemotron-H (modeling_nemotron_h.py): one norm and one mixer per block, by layers_block_type (or the older
// hybrid_override_pattern: M Mamba-2, * attention, - MLP, E MoE). Mamba-2 mixers of mamba_num_heads x
// mamba_head_dim with a gated RMSNorm; ReLU² MLPs (up_proj, down_proj); MoE blocks (Nemotron 3) with a
// DeepSeek-V3 router (weight and e_score_correction_bias), non-gated 3-D experts [E, F, C] and [E, C, F] and a
// shared MLP of moe_shared_expert_intermediate_size. The number of layers is the list's length.
void import_nemotron_h(Reader& rd, Architecture& a) {
  a.names = NameStyle::kNemotronH;
  std::vector<char> kinds;  // 'M', '*', '-', 'E'
  std::string used;
  const json* list = rd.find({"layers_block_type", "layer_types"}, &used);
  if (list && list->is_array()) {
    rd.note(used, list->dump());
    for (const json& t : *list) {
      const std::string k = t.is_string() ? t.get<std::string>() : "";
      const char c = k == "mamba" || k == "linear_attention" ? 'M' : k == "attention" || k == "full_attention" ? '*'
                   : k == "mlp" ? '-' : k == "moe" ? 'E' : '?';
      if (c == '?') {
        rd.result().errors.push_back(used + " entry " + describe_json(t) + " is not one of mamba, attention, mlp, moe");
        return;
      }
      kinds.push_back(c);
    }
  } else {
    const std::string pattern = rd.text("hybrid_override_pattern", "");
    rd.note(rd.prefix() + "hybrid_override_pattern", "\"" + pattern + "\"");
    for (char c : pattern) {
      if (c != 'M' && c != '*' && c != '-' && c != 'E') {
        rd.result().errors.push_back(rd.prefix() + "hybrid_override_pattern letter '" + std::string(1, c) +
                                     "' is not one of M (Mamba-2), * (attention), - (MLP), E (MoE)");
        return;
      }
      kinds.push_back(c);
    }
  }
  if (kinds.empty() || static_cast<I64>(kinds.size()) > kMaxLayers) {
    rd.result().errors.push_back("missing " + rd.prefix() + "layers_block_type or hybrid_override_pattern (a "
                                 "required list for nemotron_h: one block kind per layer)");
    return;
  }
  a.num_layers = static_cast<I64>(kinds.size());
  rd.note_derived("layers", std::to_string(a.num_layers), "the length of the block list (num_hidden_layers is not read)");
  rd.result().consulted.insert(rd.prefix() + "num_hidden_layers");
  a.hidden_size = rd.size({"hidden_size"}, {}, &FieldKeys::hidden_size);
  a.vocab_size = rd.size({"vocab_size"}, {}, &FieldKeys::vocab_size);
  a.tie_word_embeddings = rd.flag({"tie_word_embeddings"}, false);
  a.norm = NormKind::kRmsNorm;
  a.norms_per_layer = 1;
  a.mlp = MlpKind::kPlain;
  const bool attends = std::find(kinds.begin(), kinds.end(), '*') != kinds.end();
  if (attends) {
    a.num_heads = rd.size({"num_attention_heads"}, {}, &FieldKeys::num_heads);
    a.num_kv_heads = rd.size({"num_key_value_heads"}, a.num_heads, &FieldKeys::num_kv_heads);
    a.head_dim = rd.size({"head_dim", "attention_head_dim"}, 128, &FieldKeys::head_dim);
    a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  } else {
    a.num_heads = a.num_kv_heads = 1;
    a.head_dim = 1;
  }
  a.mlp_bias = rd.flag({"mlp_bias"}, false);
  if (std::find(kinds.begin(), kinds.end(), '-') != kinds.end()) read_dense_mlp(rd, a);
  if (std::find(kinds.begin(), kinds.end(), 'M') != kinds.end()) {
    a.ssm_version = 2;
    a.ssm_heads = rd.size({"mamba_num_heads"}, 128);
    a.ssm_inner = sat_mul(a.ssm_heads, rd.size({"mamba_head_dim"}, 64));
    rd.note_derived("mamba inner width", std::to_string(a.ssm_inner), "mamba_num_heads * mamba_head_dim");
    a.ssm_state = rd.size({"ssm_state_size"}, 128);
    a.ssm_groups = rd.size({"n_groups", "mamba_n_groups"}, 8);
    a.ssm_conv_kernel = rd.size({"conv_kernel", "mamba_d_conv"}, 4);
    a.ssm_conv_bias = rd.flag({"use_conv_bias", "mamba_conv_bias"}, true);
    a.ssm_proj_bias = rd.flag({"use_bias"}, false);
  }
  if (std::find(kinds.begin(), kinds.end(), 'E') != kinds.end()) {
    if (rd.has({"moe_latent_size"})) {
      rd.result().errors.push_back(rd.prefix() + "moe_latent_size is set: the latent expert projections "
                                   "(fc1_latent_proj, fc2_latent_proj) are not counted yet");
      return;
    }
    a.num_experts = rd.size({"n_routed_experts"}, 8, &FieldKeys::num_experts);
    a.experts_per_token = rd.size({"num_experts_per_tok"}, 2, &FieldKeys::experts_per_token);
    a.expert_intermediate_size = rd.size({"moe_intermediate_size"}, 7688, &FieldKeys::expert_intermediate_size);
    a.shared_expert_intermediate_size =
        rd.size({"n_shared_experts"}, 1) > 0 ? rd.size({"moe_shared_expert_intermediate_size"}, 7688) : 0;
    a.router_bias = true;
    for (std::size_t i = 0; i < kinds.size(); ++i)
      if (kinds[i] != 'E') a.dense_layers.push_back(static_cast<I64>(i));
  }
  a.mixers.assign(kinds.size(), kMixNone);
  a.ffns.assign(kinds.size(), kFfnNone);
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i] == 'M') a.mixers[i] = kMixSsm;
    if (kinds[i] == '*') a.mixers[i] = kMixAttention;
    if (kinds[i] == '-' || kinds[i] == 'E') a.ffns[i] = kFfn;
  }
  const I64 mtp = rd.size({"num_nextn_predict_layers"}, 0);
  if (mtp > 0)
    rd.note_derived("num_nextn_predict_layers", "not counted",
                    "the checkpoint's mtp.* layers are outside NemotronHForCausalLM and this total");
}

// Falcon-H1 (modeling_falcon_h1.py): every layer runs attention and a Mamba-2 mixer side by side after one
// input_layernorm, then pre_ff_layernorm and a gated MLP. The mixer's inner width is mamba_d_ssm (or
// mamba_expand * hidden_size), its gated RMSNorm optional (mamba_rms_norm); in_proj's bias is mamba_proj_bias,
// out_proj's projectors_bias. The muP multipliers are buffers, not parameters.
void import_falcon_h1(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  read_dense_mlp(rd, a);
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  a.mlp_bias = rd.flag({"mlp_bias"}, false);
  a.ssm_version = 2;
  const std::optional<I64> d_ssm = rd.optional_size({"mamba_d_ssm"});
  const I64 expanded = sat_mul(rd.size({"mamba_expand"}, 2), a.hidden_size);
  a.ssm_inner = d_ssm ? *d_ssm : expanded;
  if (!d_ssm) rd.note_derived("mamba_d_ssm", std::to_string(expanded), "absent or null: mamba_expand * hidden_size");
  a.ssm_heads = rd.size({"mamba_n_heads"}, 128);
  a.ssm_groups = rd.size({"mamba_n_groups"}, 1);
  a.ssm_state = rd.size({"mamba_d_state"}, 256);
  a.ssm_conv_kernel = rd.size({"mamba_d_conv"}, 4);
  a.ssm_conv_bias = rd.flag({"mamba_conv_bias"}, true);
  a.ssm_gated_norm = rd.flag({"mamba_rms_norm"}, false);
  a.ssm_proj_bias = rd.flag({"mamba_proj_bias"}, false);
  if (rd.flag({"projectors_bias"}, false) != a.ssm_proj_bias)
    rd.result().errors.push_back(rd.prefix() + "projectors_bias differs from mamba_proj_bias: a biased out_proj "
                                 "without a biased in_proj (or the reverse) is not counted yet");
  if (a.num_layers >= 1 && a.num_layers <= kMaxLayers) a.mixers.assign(static_cast<std::size_t>(a.num_layers), kMixParallel);
}

// Granite 4.0 hybrids (modeling_granitemoehybrid.py): layer_types names each layer "mamba" (a Mamba-2 mixer of
// mamba_expand * hidden_size with mamba_n_heads heads and a gated RMSNorm) or "attention"; every layer has
// input_layernorm and post_attention_layernorm, GraniteMoE experts when num_local_experts > 0, and a shared_mlp
// of shared_intermediate_size (the dense MLP when there are no experts).
void import_granitemoehybrid(Reader& rd, Architecture& a) {
  read_llama_core(rd, a, false);
  a.names = NameStyle::kGraniteMoe;
  a.qkv_bias = a.o_bias = rd.flag({"attention_bias"}, false);
  const I64 shared = rd.size({"shared_intermediate_size"}, {}, &FieldKeys::intermediate_size);
  a.num_experts = rd.size({"num_local_experts"}, 0, &FieldKeys::num_experts);
  if (a.num_experts > 0) {
    a.experts_per_token = rd.size({"num_experts_per_tok"}, {}, &FieldKeys::experts_per_token);
    a.expert_intermediate_size = rd.size({"intermediate_size"}, {}, &FieldKeys::expert_intermediate_size);
    a.shared_expert_intermediate_size = shared;
  } else {
    a.num_experts = 0;
    a.intermediate_size = shared;
  }
  a.ssm_version = 2;
  a.ssm_inner = sat_mul(rd.size({"mamba_expand"}, 2), a.hidden_size);
  a.ssm_heads = rd.size({"mamba_n_heads"}, 128);
  a.ssm_groups = rd.size({"mamba_n_groups"}, 1);
  a.ssm_state = rd.size({"mamba_d_state"}, 256);
  a.ssm_conv_kernel = rd.size({"mamba_d_conv"}, 4);
  a.ssm_conv_bias = rd.flag({"mamba_conv_bias"}, true);
  a.ssm_proj_bias = rd.flag({"mamba_proj_bias"}, false);
  const json* lt = rd.find({"layer_types"});
  if (!lt || !lt->is_array()) {
    rd.result().errors.push_back("missing " + rd.prefix() + "layer_types (a required list for granitemoehybrid: "
                                 "\"mamba\" or \"attention\" per layer)");
    return;
  }
  rd.note(rd.prefix() + "layer_types", lt->dump());
  if (static_cast<I64>(lt->size()) != a.num_layers) {
    rd.result().errors.push_back(rd.prefix() + "layer_types has " + std::to_string(lt->size()) +
                                 " entries, num_hidden_layers is " + std::to_string(a.num_layers));
    return;
  }
  a.mixers.assign(lt->size(), kMixSsm);
  for (std::size_t i = 0; i < lt->size(); ++i)
    if ((*lt)[i].is_string() && (*lt)[i].get<std::string>() == "attention") a.mixers[i] = kMixAttention;
}

// Families whose tensors no importer here describes: a plain error, never a Llama-like guess.
const std::map<std::string, std::string>& uncounted_families() {
  static const std::map<std::string, std::string> kWhy = {
      {"minimax", "its lightning-attention layers (qkv_proj, output_gate, norm) and MoE"},
      {"minimax_m2", "its MoE and attention layout"},
      {"hunyuan_v1_moe", "its MoE layout"},
      {"deepseek_v32", "its sparse-attention indexer"},
  };
  return kWhy;
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
      {"gemma", [](Reader& r, Architecture& a) { import_gemma(r, a); }},
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
      {"gpt_oss", import_gpt_oss},
      {"llama4_text", import_llama4_text},
      {"glm4_moe", import_glm4_moe},
      {"kimi_k2", [](Reader& r, Architecture& a) { import_deepseek(r, a, true); }},
      {"qwen3_next", import_qwen3_next},
      {"mamba", import_mamba},
      {"mamba2", import_mamba2},
      {"granite", import_granite},
      {"granitemoe", import_granitemoe},
      {"granitemoeshared", import_granitemoe},
      {"cohere", import_cohere},
      {"cohere2", import_cohere2},
      {"phimoe", import_phimoe},
      {"smollm3", import_smollm3},
      {"exaone4", import_exaone4},
      {"ernie4_5", import_ernie4_5},
      {"ernie4_5_moe", import_ernie4_5_moe},
      {"jamba", import_jamba},
      {"nemotron_h", import_nemotron_h},
      {"granitemoehybrid", import_granitemoehybrid},
      {"falcon_h1", import_falcon_h1},
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

namespace {

// Wrappers that nest their language model in text_config, and the text model_type their code builds when
// text_config gives none (configuration_<wrapper>.py: text_config defaults to that config class).
const std::map<std::string, std::string>& wrapper_text_types() {
  static const std::map<std::string, std::string> kTypes = {
      {"gemma3", "gemma3_text"}, {"llama4", "llama4_text"}, {"mistral3", "mistral"}, {"llava", "llama"},
  };
  return kTypes;
}

// Keys the checkpoint layout (storage.hpp) reads rather than the counter: never listed as ignored.
bool read_by_storage(const std::string& key) {
  return key == "torch_dtype" || key == "dtype" || key == "quantization_config" || key == "compression_config";
}

// Keys of `obj` (at `prefix`) nobody looked up; an object some of whose keys were read is listed key by key.
void collect_ignored(const json& obj, const std::string& prefix, ImportResult& r) {
  for (const auto& [key, value] : obj.items()) {
    const std::string path = prefix + key;
    if (r.consulted.count(path) || read_by_storage(key)) continue;
    const auto inside = r.consulted.lower_bound(path + ".");
    if (value.is_object() && inside != r.consulted.end() && inside->compare(0, path.size() + 1, path + ".") == 0) {
      collect_ignored(value, path + ".", r);
    } else {
      r.ignored_keys.push_back(path);
    }
  }
}

// The vision tower of a wrapper whose vision model is counted (gemma3: SigLIP, mistral3: Pixtral, llama4), from
// vision_config and the wrapper's projector keys, with each vision config class's defaults. Returns the keys read
// at the wrapper's level (besides vision_config).
std::vector<std::string> read_vision(const json& config, const std::string& prefix, const std::string& wrapper,
                                     ImportResult& r) {
  const VisionKind kind = wrapper == "gemma3"     ? VisionKind::kSiglip
                          : wrapper == "mistral3" ? VisionKind::kPixtral
                          : wrapper == "llama4"   ? VisionKind::kLlama4
                                                  : VisionKind::kNone;
  auto vc = config.find("vision_config");
  if (kind == VisionKind::kNone) return {};
  if (vc == config.end() || !vc->is_object()) {
    r.notes.push_back(prefix + "vision_config is absent: the vision tower is not counted");
    return {};
  }
  const std::string family = wrapper + " vision_config";
  Reader rv(*vc, r, prefix + "vision_config.", family);
  Architecture& a = r.arch;
  a.vision = kind;
  // SiglipVisionConfig, PixtralVisionConfig and Llama4VisionConfig defaults.
  const bool siglip = kind == VisionKind::kSiglip, pixtral = kind == VisionKind::kPixtral;
  a.vision_hidden = rv.size({"hidden_size"}, siglip ? 768 : pixtral ? 1024 : 768);
  a.vision_intermediate = rv.size({"intermediate_size"}, siglip ? 3072 : pixtral ? 4096 : 5632);
  a.vision_layers = rv.size({"num_hidden_layers"}, siglip ? 12 : pixtral ? 24 : 34);
  a.vision_patch = rv.size({"patch_size"}, siglip ? 16 : pixtral ? 16 : 14);
  a.vision_channels = rv.size({"num_channels"}, 3);
  if (!pixtral) a.vision_image = rv.size({"image_size"}, siglip ? 224 : 448);
  if (siglip) a.vision_pooling_head = rv.flag({"vision_use_head"}, true);
  if (pixtral) {
    // Pixtral's attention is heads x head_dim wide; the counter takes it as the hidden size.
    const I64 heads = rv.size({"num_attention_heads"}, 16), head_dim = rv.size({"head_dim"}, 64);
    if (heads * head_dim != a.vision_hidden)
      r.errors.push_back(prefix + "vision_config: num_attention_heads x head_dim (" + std::to_string(heads * head_dim) +
                         ") differs from hidden_size (" + std::to_string(a.vision_hidden) + "), which is not counted yet");
    Reader top(config, r, prefix, wrapper);
    a.vision_merge = top.size({"spatial_merge_size"}, 2);
    a.vision_projector_bias = top.flag({"multimodal_projector_bias"}, false);
    return {"spatial_merge_size", "multimodal_projector_bias"};
  }
  if (kind == VisionKind::kLlama4) {
    a.vision_projector_in = rv.size({"projector_input_dim"}, 4096);
    a.vision_projector_out = rv.size({"projector_output_dim"}, 4096);
    a.vision_output = rv.size({"vision_output_dim"}, 7680);
  }
  return {};
}

ImportResult import_config(const json& config, const std::string& prefix, const std::string& default_type) {
  ImportResult r;
  if (!config.is_object()) {
    r.errors.push_back((prefix.empty() ? "a config" : prefix.substr(0, prefix.size() - 1)) +
                       " must be a JSON object, got " + describe_json(config));
    return r;
  }
  Reader rd(config, r, prefix);
  const std::string model_type = rd.text("model_type", default_type);
  if (!r.ok()) return r;
  // Multimodal wrappers (Gemma 3, Llama 4, Mistral 3, LLaVA ...): count the language model in text_config.
  auto tc = config.find("text_config");
  const auto wrapper = wrapper_text_types().find(model_type);
  if (tc != config.end() && tc->is_object() && (tc->contains("model_type") || wrapper != wrapper_text_types().end())) {
    ImportResult inner = import_config(*tc, prefix + "text_config.",
                                       wrapper != wrapper_text_types().end() ? wrapper->second : "");
    if (!inner.ok()) return inner;
    const std::vector<std::string> read_here = read_vision(config, prefix, model_type, inner);
    if (inner.arch.vision != VisionKind::kNone) {
      for (std::string& e : validate(inner.arch, inner.keys)) inner.errors.push_back(std::move(e));
      if (!inner.ok()) return inner;
      collect_ignored(config["vision_config"], prefix + "vision_config.", inner);
      inner.notes.insert(inner.notes.begin(), "counted the language model in " + prefix + "text_config and the " +
                                                  model_type + " vision tower and projector in " + prefix +
                                                  "vision_config");
    } else {
      std::string left_out;
      for (const auto& [key, value] : config.items())
        if (value.is_object() && key != "text_config") left_out += (left_out.empty() ? "" : ", ") + prefix + key;
      inner.notes.insert(inner.notes.begin(),
                         "counted the language model in " + prefix + "text_config only; the " +
                             (model_type.empty() ? "wrapper" : model_type) + " wrapper's other modules (" +
                             (left_out.empty() ? "vision tower, projector" : left_out) +
                             ") are not counted, so the checkpoint holds more parameters than this total");
    }
    std::vector<std::string> outer;
    for (const auto& [key, value] : config.items()) {
      const bool read = key == "text_config" || key == "model_type" || read_by_storage(key) ||
                        (key == "vision_config" && inner.arch.vision != VisionKind::kNone) ||
                        std::find(read_here.begin(), read_here.end(), key) != read_here.end();
      if (!read) outer.push_back(prefix + key);
    }
    inner.ignored_keys.insert(inner.ignored_keys.begin(), outer.begin(), outer.end());
    return inner;
  }
  auto it = importers().find(model_type);
  Reader fr(config, r, prefix, model_type);
  if (it != importers().end()) {
    r.arch.model_type = model_type;
    it->second(fr, r.arch);
  } else if (auto why = uncounted_families().find(model_type); why != uncounted_families().end()) {
    r.errors.push_back("model_type \"" + model_type + "\" cannot be counted yet: " + why->second +
                       " are not described by any importer here, and a Llama-like guess would be wrong");
    return r;
  } else {
    std::vector<std::string> missing;
    for (const char* k : kLlamaLikeKeys)
      if (!fr.has({k})) missing.push_back(k);
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
    import_best_effort(fr, r.arch, r.arch.model_type);
  }
  read_layer_types(fr, r.arch);
  if (!r.ok()) return r;
  for (std::string& e : validate(r.arch, r.keys)) r.errors.push_back(std::move(e));
  collect_ignored(config, prefix, r);
  return r;
}

}  // namespace

const std::vector<std::string>& wrapper_model_types() {
  static const std::vector<std::string> kTypes = [] {
    std::vector<std::string> t;
    for (const auto& [k, v] : wrapper_text_types()) t.push_back(k);
    return t;
  }();
  return kTypes;
}

ImportResult import_hf_config(const json& config) { return import_config(config, "", ""); }

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
