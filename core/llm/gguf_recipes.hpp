// GGUF file sizes: llama.cpp's quantization recipes (Q8_0, Q6_K, Q5_K_M, Q4_K_M, Q4_0, IQ4_XS, ...) applied tensor
// by tensor to the counter's tensor list, with llama-quantize's type rules (llama_tensor_get_type in
// src/llama-quant.cpp) and ggml's block sizes (ggml/src/ggml-common.h). Tensor data only: the file adds its metadata
// (the tokenizer, a few MB); no importance matrix is assumed.
// Legend: n_layer L, n_expert E, n_gqa H/K, ncols the input features of a weight (ggml's ne[0]).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "llm/architecture.hpp"
#include "llm/param_count.hpp"

namespace lpp::llm {

enum class GgmlType { kF32, kF16, kBf16, kQ4_0, kQ4_1, kQ5_0, kQ5_1, kQ8_0, kQ3_K, kQ4_K, kQ5_K, kQ6_K, kIQ4_NL, kIQ4_XS };

struct GgmlTypeTraits {
  const char* name;        // "Q4_K"
  std::int64_t block;      // weights per block, e.g. 256
  std::int64_t bytes;      // bytes per block, e.g. 144
};
const GgmlTypeTraits& ggml_type_traits(GgmlType t);

// llama-quantize's file types ("ftype"), the ones the table shows.
enum class GgufRecipe { kBf16, kQ8_0, kQ6_K, kQ5_K_M, kQ5_K_S, kQ4_K_M, kQ4_K_S, kQ4_0, kIQ4_XS, kQ3_K_M };
inline constexpr int kGgufRecipeCount = 10;
const char* gguf_recipe_name(GgufRecipe r);        // "Q4_K_M"
const char* gguf_recipe_rule(GgufRecipe r);        // which tensors get which type, in words
bool parse_gguf_recipe(const std::string& name, GgufRecipe* out);

// One tensor group (or the layers of it that share a type).
struct GgufTensor {
  std::string name;        // the counter's name, e.g. "model.layers.{i}.self_attn.v_proj.weight"
  std::string layers;      // {i} values of this row, e.g. "0-3"; empty without {i}
  GgmlType type = GgmlType::kF32;
  std::int64_t params = 0; // weights over the row's instances
  std::int64_t bytes = 0;
};

struct GgufEstimate {
  GgufRecipe recipe = GgufRecipe::kQ4_K_M;
  std::int64_t params = 0;          // weights in the file: the headline total (extra modules left out)
  std::int64_t bytes = 0;           // tensor data bytes
  double bits_per_weight = 0;       // 8 · bytes / params
  std::vector<std::pair<GgmlType, std::int64_t>> params_by_type;  // e.g. {Q4_K, 5.6e9}, {Q6_K, 1.1e9}, {F32, 2.7e5}
  std::vector<GgufTensor> tensors;
  std::string formula;              // "Σ params · bits/8 = 3.56 G·4.5/8 + ... = 4.08 GB"
};

// Expects a ParamCount without overflow for `arch`.
GgufEstimate gguf_estimate(const Architecture& arch, const ParamCount& pc, GgufRecipe recipe);

// Every recipe, in the order of GgufRecipe.
std::vector<GgufEstimate> gguf_table(const Architecture& arch, const ParamCount& pc);

}  // namespace lpp::llm
