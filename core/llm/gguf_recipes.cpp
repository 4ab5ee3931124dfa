// llama-quantize's per-tensor type choice, restated for the recipes gguf_recipes.hpp lists. Each rule quotes the
// branch of llama_tensor_get_type_impl (ggml-org/llama.cpp, src/llama-quant.cpp) it follows; a recipe's default
// type is llama_ftype_get_default_type's, and a shape a type cannot hold falls back as tensor_type_fallback does.
// [SECTION] ggml types  [SECTION] recipes  [SECTION] categories  [SECTION] type choice  [SECTION] estimate
#include "llm/gguf_recipes.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "llm/estimates.hpp"
#include "llm/storage.hpp"

namespace lpp::llm {
namespace {

using I64 = std::int64_t;

// [SECTION] ggml types
// Block layouts from ggml/src/ggml-common.h: block_q4_0 {ggml_half d; uint8_t qs[16]} = 18 bytes per 32 weights,
// block_q8_0 {d; int8_t qs[32]} = 34, block_q4_K {d, dmin; scales[12]; qs[128]} = 144 per 256, block_q5_K adds
// qh[32] = 176, block_q6_K {ql[128]; qh[64]; scales[16]; d} = 210, block_q3_K {hmask[32]; qs[64]; scales[12]; d} = 110,
// block_iq4_xs {d; scales_h; scales_l[4]; qs[128]} = 136, block_iq4_nl {d; qs[16]} = 18.
constexpr GgmlTypeTraits kTraits[] = {
    {"F32", 1, 4},     {"F16", 1, 2},    {"BF16", 1, 2},   {"Q4_0", 32, 18},  {"Q4_1", 32, 20},
    {"Q5_0", 32, 22},  {"Q5_1", 32, 24}, {"Q8_0", 32, 34}, {"Q3_K", 256, 110}, {"Q4_K", 256, 144},
    {"Q5_K", 256, 176}, {"Q6_K", 256, 210}, {"IQ4_NL", 32, 18}, {"IQ4_XS", 256, 136},
};

// [SECTION] recipes

struct RecipeInfo {
  const char* name;
  GgmlType default_type;  // llama_ftype_get_default_type
  const char* rule;
};

constexpr RecipeInfo kRecipes[] = {
    {"BF16", GgmlType::kBf16, "every weight matrix BF16 (not quantized), vectors F32"},
    {"Q8_0", GgmlType::kQ8_0, "every weight matrix Q8_0, output too (new_type == Q8_0 keeps it)"},
    {"Q6_K", GgmlType::kQ6_K, "every weight matrix Q6_K"},
    {"Q5_K_M", GgmlType::kQ5_K,
     "Q5_K; attn_v and ffn_down Q6_K in the layers use_more_bits picks (first and last eighth, every third "
     "between); output Q6_K"},
    {"Q5_K_S", GgmlType::kQ5_K, "Q5_K; output Q6_K"},
    {"Q4_K_M", GgmlType::kQ4_K,
     "Q4_K; attn_v and ffn_down Q6_K in the layers use_more_bits picks (first and last eighth, every third "
     "between); output Q6_K; 8-expert models: attn_v and attn_k Q8_0, attn_output Q5_K; 70B: attn_v Q5_K"},
    {"Q4_K_S", GgmlType::kQ4_K, "Q4_K; attn_v of the first 4 layers and ffn_down of the first eighth Q5_K; output Q6_K"},
    {"Q4_0", GgmlType::kQ4_0, "every weight matrix Q4_0; output Q6_K"},
    {"IQ4_XS", GgmlType::kIQ4_XS,
     "IQ4_XS; attn_v Q5_K when H/K >= 4; ffn_down of the first eighth Q5_K (no importance matrix); output Q6_K"},
    {"Q3_K_M", GgmlType::kQ3_K,
     "Q3_K; attn_v Q5_K in the first 2 layers, else Q4_K; ffn_down Q5_K in the first sixteenth, else Q4_K; "
     "attn_output Q4_K; output Q6_K"},
};

// [SECTION] categories
// tensor_get_category: by the GGUF name; here by the Hugging Face name the converter maps to it.
enum class Cat { kTokenEmbd, kOutput, kAttnQ, kAttnK, kAttnV, kAttnQkv, kAttnKvB, kAttnOutput, kFfnUp, kFfnGate,
                 kFfnDown, kOther, kKeep };

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The last name component before ".weight": "q_proj", "w2", "gate_up_proj".
std::string leaf(const std::string& name) {
  std::string n = ends_with(name, ".weight") ? name.substr(0, name.size() - 7) : name;
  const std::size_t dot = n.rfind('.');
  return dot == std::string::npos ? n : n.substr(dot + 1);
}

bool any_of(const std::string& s, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (s == n) return true;
  return false;
}

Cat category(const TensorGroup& t) {
  // tensor_allows_quantization: only weights of 2+ dimensions; never norms, the router (ffn_gate_inp),
  // position embeddings or conv1d.
  const bool weight = ends_with(t.name, ".weight") || (t.shape.size() == 3 && !t.bias);
  if (t.bias || t.shape.size() < 2 || !weight) return Cat::kKeep;
  if (t.name.find("conv1d") != std::string::npos) return Cat::kKeep;
  const std::string l = leaf(t.name);
  switch (t.component) {
    case Component::kNorms:
    case Component::kRouter: return Cat::kKeep;
    case Component::kEmbeddings:
      if (t.name.find("pos") != std::string::npos || any_of(l, {"wpe"})) return Cat::kKeep;
      return any_of(l, {"project_in", "project_out"}) ? Cat::kOther : Cat::kTokenEmbd;
    case Component::kLmHead: return t.name.find("mtp") == std::string::npos ? Cat::kOutput : Cat::kOther;
    case Component::kAttention:
      if (any_of(l, {"q_proj", "query", "q", "wq"})) return Cat::kAttnQ;
      if (any_of(l, {"k_proj", "key", "k", "wk"})) return Cat::kAttnK;
      if (any_of(l, {"v_proj", "value", "v", "wv"})) return Cat::kAttnV;
      if (any_of(l, {"qkv_proj", "c_attn", "query_key_value", "Wqkv", "qkv", "W_pack"})) return Cat::kAttnQkv;
      if (l == "kv_b_proj") return Cat::kAttnKvB;
      if (any_of(l, {"o_proj", "out_proj", "dense", "c_proj", "o", "wo", "out"})) return Cat::kAttnOutput;
      return Cat::kOther;
    default:  // MLP, experts, shared experts
      if (any_of(l, {"gate_proj", "w1", "gate"})) return Cat::kFfnGate;
      if (any_of(l, {"up_proj", "w3", "v1", "c_fc", "fc1", "fc_in", "dense_h_to_4h", "up", "gate_up_proj"}))
        return Cat::kFfnUp;
      if (any_of(l, {"down_proj", "w2", "c_proj", "fc2", "fc_out", "dense_4h_to_h", "down"})) return Cat::kFfnDown;
      return Cat::kOther;
  }
}

// ggml's ne[0], the dimension blocks run along: the input features.
I64 ncols(const TensorGroup& t) {
  const std::size_t n = t.shape.size();
  if (n == 3 && !ends_with(t.name, ".weight")) return t.shape[1];  // fused experts [E, I, O]
  if (t.name.find(".attn.c_") != std::string::npos || t.name.find(".mlp.c_") != std::string::npos) return t.shape[0];
  return t.shape[n - 1];
}

// [SECTION] type choice

struct Model {
  bool falcon = false;     // LLM_ARCH_FALCON
  bool is_70b = false;     // LLM_TYPE_70B: the Llama 70B shape (80 layers)
  bool tied = false;       // no output.weight: token_embd takes the output's type
  I64 n_layer = 0;
  I64 n_expert = 0;
  I64 n_gqa = 1;
};

// use_more_bits in llama_tensor_get_type_impl.
bool use_more_bits(I64 i, I64 n) { return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2; }

GgmlType fallback(GgmlType t, I64 cols) {
  // tensor_type_fallback: a row the block size does not divide takes a 32-block type, else F16.
  if (cols % kTraits[static_cast<int>(t)].block == 0) return t;
  GgmlType r = t;
  switch (t) {
    case GgmlType::kIQ4_XS: r = GgmlType::kIQ4_NL; break;
    case GgmlType::kQ3_K: r = GgmlType::kQ4_0; break;
    case GgmlType::kQ4_K: r = GgmlType::kQ5_0; break;
    case GgmlType::kQ5_K: r = GgmlType::kQ5_1; break;
    case GgmlType::kQ6_K: r = GgmlType::kQ8_0; break;
    default: break;
  }
  return cols % kTraits[static_cast<int>(r)].block == 0 ? r : GgmlType::kF16;
}

// llama_tensor_get_type_impl for one tensor instance; `i_wv` / `n_wv` count the attn_v-like tensors.
GgmlType choose(GgufRecipe r, Cat cat, I64 layer, I64 i_wv, I64 n_wv, I64 cols, const Model& m) {
  if (cat == Cat::kKeep) return GgmlType::kF32;  // convert_hf_to_gguf writes vectors, norms and the router F32
  const GgmlType def = kRecipes[static_cast<int>(r)].default_type;
  if (def == GgmlType::kBf16) return def;  // not a quantized type: llama_tensor_get_type keeps the default
  GgmlType t = def;
  using R = GgufRecipe;
  using G = GgmlType;
  if (cat == Cat::kOutput || (m.tied && cat == Cat::kTokenEmbd)) {
    // "if (arch == LLM_ARCH_FALCON || nx % qk_k != 0) Q8_0 ... else if (new_type != GGML_TYPE_Q8_0) Q6_K"
    if (m.falcon || cols % kTraits[static_cast<int>(t)].block != 0) t = G::kQ8_0;
    else if (t != G::kQ8_0) t = G::kQ6_K;
  } else if (cat == Cat::kTokenEmbd) {
    // the token embedding keeps the default for these recipes (only IQ1/IQ2/IQ3_XXS/TQ change it)
  } else if (cat == Cat::kAttnV || cat == Cat::kAttnQkv || cat == Cat::kAttnKvB) {  // category_is_attn_v
    if (r == R::kQ3_K_M) t = i_wv < 2 ? G::kQ5_K : G::kQ4_K;
    else if (r == R::kIQ4_XS && m.n_gqa >= 4) t = G::kQ5_K;
    else if ((r == R::kQ4_K_M || r == R::kQ5_K_M) && use_more_bits(i_wv, n_wv)) t = G::kQ6_K;
    else if (r == R::kQ4_K_S && i_wv < 4) t = G::kQ5_K;
    if (m.is_70b && (t == G::kQ3_K || t == G::kQ4_K)) t = G::kQ5_K;
    if (m.n_expert == 8) t = G::kQ8_0;
  } else if (cat == Cat::kAttnK) {
    if (m.n_expert == 8) t = G::kQ8_0;
  } else if (cat == Cat::kFfnDown) {
    const I64 i = layer, n = m.n_layer;
    if (r == R::kQ3_K_M) t = i < n / 16 ? G::kQ5_K : (!m.falcon || use_more_bits(i, n)) ? G::kQ4_K : G::kQ3_K;
    else if (r == R::kQ4_K_M) {
      if (m.falcon) t = i < n / 16 ? G::kQ6_K : use_more_bits(i, n) ? G::kQ5_K : G::kQ4_K;
      else if (use_more_bits(i, n)) t = G::kQ6_K;
    } else if (i < n / 8 && r == R::kIQ4_XS) t = G::kQ5_K;
    else if (r == R::kQ5_K_M && use_more_bits(i, n)) t = G::kQ6_K;
    else if (r == R::kQ4_K_S && !m.falcon && i < n / 8) t = G::kQ5_K;
  } else if (cat == Cat::kAttnOutput) {
    if (!m.falcon) {
      if (m.n_expert == 8) {
        if (r == R::kQ3_K_M || r == R::kQ4_K_S || r == R::kQ4_K_M || r == R::kIQ4_XS) t = G::kQ5_K;
      } else if (r == R::kQ3_K_M) {
        t = G::kQ4_K;
      }
    }
  }
  return fallback(t, cols);
}

}  // namespace

// [SECTION] estimate

const GgmlTypeTraits& ggml_type_traits(GgmlType t) { return kTraits[static_cast<int>(t)]; }
const char* gguf_recipe_name(GgufRecipe r) { return kRecipes[static_cast<int>(r)].name; }
const char* gguf_recipe_rule(GgufRecipe r) { return kRecipes[static_cast<int>(r)].rule; }

bool parse_gguf_recipe(const std::string& name, GgufRecipe* out) {
  for (int i = 0; i < kGgufRecipeCount; ++i)
    if (name == kRecipes[i].name) {
      *out = static_cast<GgufRecipe>(i);
      return true;
    }
  return false;
}

GgufEstimate gguf_estimate(const Architecture& arch, const ParamCount& pc, GgufRecipe recipe) {
  Model m;
  m.falcon = arch.model_type == "falcon";
  m.is_70b = arch.model_type == "llama" && arch.num_layers == 80;
  m.n_layer = arch.num_layers;
  m.n_expert = arch.num_experts;
  m.n_gqa = arch.attention == AttentionKind::kMla || arch.num_kv_heads < 1 ? 1 : arch.num_heads / arch.num_kv_heads;
  m.tied = std::none_of(pc.tensors.begin(), pc.tensors.end(),
                        [](const TensorGroup& t) { return t.component == Component::kLmHead; });

  // attn_v-like instances in llama-quantize's order (weights sorted by layer): i_attention_wv is a rank.
  std::vector<I64> wv_layers;
  for (const TensorGroup& t : pc.tensors) {
    const Cat c = category(t);
    if (t.component == Component::kVision) continue;
    if (c == Cat::kAttnV || c == Cat::kAttnQkv || c == Cat::kAttnKvB)
      for (I64 l : t.layers.empty() ? std::vector<I64>{0} : layer_values(t.layers)) wv_layers.push_back(l);
  }
  std::sort(wv_layers.begin(), wv_layers.end());
  const I64 n_wv = static_cast<I64>(wv_layers.size());

  GgufEstimate e;
  e.recipe = recipe;
  std::map<int, I64> by_type;
  for (const TensorGroup& t : pc.tensors) {
    if (t.component == Component::kVision) continue;  // llama.cpp writes the vision tower to a separate mmproj file
    const Cat c = category(t);
    const I64 cols = c == Cat::kKeep ? 1 : ncols(t);
    const std::vector<I64> layers = t.layers.empty() ? std::vector<I64>{-1} : layer_values(t.layers);
    const I64 per_layer = t.experts > 0 ? t.experts : 1;
    auto type_at = [&](I64 layer) {
      const I64 i_wv = std::lower_bound(wv_layers.begin(), wv_layers.end(), layer) - wv_layers.begin();
      return choose(recipe, c, std::max<I64>(layer, 0), i_wv, n_wv, cols, m);
    };
    std::size_t i = 0;
    while (i < layers.size()) {
      const GgmlType type = type_at(layers[i]);
      std::size_t j = i;
      while (j + 1 < layers.size() && layers[j + 1] == layers[j] + 1 && type_at(layers[j + 1]) == type) ++j;
      GgufTensor g;
      g.name = t.name;
      if (layers[i] >= 0) g.layers = std::to_string(layers[i]) + (j > i ? "-" + std::to_string(layers[j]) : "");
      g.type = type;
      const I64 instances = static_cast<I64>(j - i + 1) * per_layer;
      g.params = t.each * instances;
      const GgmlTypeTraits& tr = kTraits[static_cast<int>(type)];
      // rows × blocks per row × bytes per block (a row is `cols` weights; blocks never straddle rows)
      const I64 rows = t.each / cols;
      g.bytes = rows * ((cols + tr.block - 1) / tr.block) * tr.bytes * instances;
      e.params += g.params;
      e.bytes += g.bytes;
      by_type[static_cast<int>(type)] += g.params;
      e.tensors.push_back(std::move(g));
      i = j + 1;
    }
  }
  std::string terms;
  for (const auto& [type, n] : by_type) {
    e.params_by_type.emplace_back(static_cast<GgmlType>(type), n);
    const GgmlTypeTraits& tr = kTraits[type];
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.3g G·%g/8 [%s]", static_cast<double>(n) / 1e9,
                  8.0 * static_cast<double>(tr.bytes) / static_cast<double>(tr.block), tr.name);
    terms += (terms.empty() ? "" : " + ") + std::string(buf);
  }
  e.bits_per_weight = e.params > 0 ? 8.0 * static_cast<double>(e.bytes) / static_cast<double>(e.params) : 0;
  e.formula = "Σ weights · bits/8 = " + terms + " = " + format_bytes(static_cast<double>(e.bytes));
  return e;
}

std::vector<GgufEstimate> gguf_table(const Architecture& arch, const ParamCount& pc) {
  std::vector<GgufEstimate> out;
  for (int i = 0; i < kGgufRecipeCount; ++i) out.push_back(gguf_estimate(arch, pc, static_cast<GgufRecipe>(i)));
  return out;
}

}  // namespace lpp::llm
