// GGUF sizes against published files: TheBloke's Llama-2-7B, Mistral-7B-Instruct-v0.1 and CodeLlama-13B GGUF
// files (byte sizes as their Hugging Face repositories list them), ggml's block sizes, and hand arithmetic.
#include <gtest/gtest.h>

#include "llm/gguf_recipes.hpp"
#include "llm/presets.hpp"

namespace lpp::llm {
namespace {

using I64 = std::int64_t;

GgufEstimate estimate(const char* preset, GgufRecipe recipe) {
  const ImportResult m = load_preset(preset);
  EXPECT_TRUE(m.ok()) << preset;
  return gguf_estimate(m.arch, count_parameters(m.arch), recipe);
}

// ggml-common.h: 18 bytes per 32 Q4_0 weights (4.5 bits), 34 per 32 Q8_0 (8.5), 144 per 256 Q4_K (4.5),
// 176 Q5_K (5.5), 210 Q6_K (6.5625), 136 IQ4_XS (4.25).
TEST(Gguf, BlockSizesAreGgmls) {
  auto bits = [](GgmlType t) { return 8.0 * ggml_type_traits(t).bytes / ggml_type_traits(t).block; };
  EXPECT_DOUBLE_EQ(bits(GgmlType::kQ4_0), 4.5);
  EXPECT_DOUBLE_EQ(bits(GgmlType::kQ8_0), 8.5);
  EXPECT_DOUBLE_EQ(bits(GgmlType::kQ4_K), 4.5);
  EXPECT_DOUBLE_EQ(bits(GgmlType::kQ5_K), 5.5);
  EXPECT_DOUBLE_EQ(bits(GgmlType::kQ6_K), 6.5625);
  EXPECT_DOUBLE_EQ(bits(GgmlType::kIQ4_XS), 4.25);
}

// TheBloke/Llama-2-7B-GGUF file sizes: llama-2-7b.Q4_K_M.gguf 4,081,004,224 B, Q5_K_M 4,783,156,928 B,
// Q8_0 7,161,089,728 B. The file is tensor data plus a header (the 32,000-token vocabulary and metadata) that
// does not depend on the recipe, so file − tensor data must be one small constant for all three.
TEST(Gguf, Llama2SevenBMatchesPublishedFiles) {
  const I64 q4km = estimate("llama-2-7b", GgufRecipe::kQ4_K_M).bytes;
  const I64 q5km = estimate("llama-2-7b", GgufRecipe::kQ5_K_M).bytes;
  const I64 q80 = estimate("llama-2-7b", GgufRecipe::kQ8_0).bytes;
  const I64 header = 4081004224 - q4km;
  EXPECT_GT(header, 0);
  EXPECT_LT(header, 2'000'000);
  EXPECT_EQ(4783156928 - q5km, header);
  EXPECT_EQ(7161089728 - q80, header);
  // Q4_K_M by hand: the Q4_0 total below (Q4_K has the same 4.5 bits), plus, in the 16 layers use_more_bits
  // picks of 32 (0-3, 28-31 and 6, 9, ..., 27), attn_v and ffn_down at Q6_K instead:
  // 16 · (16,777,216 + 45,088,768) · (6.5625 − 4.5)/8 = 255,197,184; 3,825,065,984 + 255,197,184 = 4,080,263,168.
  EXPECT_EQ(q4km, 4080263168);
}

// TheBloke/Mistral-7B-Instruct-v0.1-GGUF: Q4_K_M 4,368,438,944 B, Q5_K_M 5,131,409,056 B (grouped-query
// attention: attn_v is [1024, 4096]; the same use_more_bits layers).
TEST(Gguf, Mistral7BMatchesPublishedFiles) {
  const I64 q4km = estimate("mistral-7b", GgufRecipe::kQ4_K_M).bytes;
  const I64 q5km = estimate("mistral-7b", GgufRecipe::kQ5_K_M).bytes;
  const I64 header = 4368438944 - q4km;
  EXPECT_GT(header, 0);
  EXPECT_LT(header, 2'000'000);
  EXPECT_EQ(5131409056 - q5km, header);
}

// TheBloke/CodeLlama-13B-Instruct-GGUF: Q4_K_M 7,866,070,016 B, Q5_K_M 9,230,048,256 B, Q8_0 13,831,494,016 B.
// CodeLlama-13B is Llama-2-13B's shape with 32,016 tokens: 16 more rows of 5,120 in the embedding and the head.
TEST(Gguf, CodeLlama13BMatchesPublishedFiles) {
  const ImportResult m = load_preset("llama-2-13b");
  ASSERT_TRUE(m.ok());
  Architecture a = m.arch;
  a.vocab_size = 32016;
  const ParamCount pc = count_parameters(a);
  const I64 q4km = gguf_estimate(a, pc, GgufRecipe::kQ4_K_M).bytes;
  const I64 header = 7866070016 - q4km;
  EXPECT_GT(header, 0);
  EXPECT_LT(header, 2'000'000);
  EXPECT_EQ(9230048256 - gguf_estimate(a, pc, GgufRecipe::kQ5_K_M).bytes, header);
  EXPECT_EQ(13831494016 - gguf_estimate(a, pc, GgufRecipe::kQ8_0).bytes, header);
}

// bartowski/deepseek-ai_DeepSeek-V3-0324-GGUF (llama.cpp b4944): Q8_0 713.29 GB, Q6_K 550.80 GB, Q5_K_S 461.81 GB,
// recipes with one type for every expert, attention and dense matrix, so the MoE layout (256 experts in 58 layers,
// MLA, the MTP layer left out) is what they check. Its Q4_K_M (404.43 GB) predates attn_kv_b joining the attn_v
// rule; the current rule adds use_more_bits's Q6_K to kv_b_proj [32768, 512] in 30 of 61 layers (0-6, 53-60 and
// 9, 12, ..., 51): 30 · 16,777,216 · 2.0625/8 = 0.130 GB.
TEST(Gguf, DeepSeekV3MatchesPublishedFiles) {
  const double gb = 1e9;
  EXPECT_NEAR(estimate("deepseek-v3", GgufRecipe::kQ8_0).bytes / gb, 713.29, 0.015);
  EXPECT_NEAR(estimate("deepseek-v3", GgufRecipe::kQ6_K).bytes / gb, 550.80, 0.015);
  EXPECT_NEAR(estimate("deepseek-v3", GgufRecipe::kQ5_K_S).bytes / gb, 461.81, 0.015);
  EXPECT_NEAR(estimate("deepseek-v3", GgufRecipe::kQ4_K_M).bytes / gb, 404.43 + 0.130, 0.015);
}

// Q4_0 by hand for Llama-2-7B: the embedding and the layers' matrices, 131,072,000 + 6,476,005,376 weights at
// 4.5 bits = 3,716,481,024 B; output Q6_K 131,072,000 · 6.5625/8 = 107,520,000 B; F32 norms 65 · 4096 · 4 =
// 1,064,960 B; 3,825,065,984 B in all.
TEST(Gguf, Q4_0LlamaByHand) {
  const GgufEstimate e = estimate("llama-2-7b", GgufRecipe::kQ4_0);
  EXPECT_EQ(e.bytes, 3716481024 + 107520000 + 1064960);
  EXPECT_EQ(e.params, 6738415616);
  EXPECT_NEAR(e.bits_per_weight, 8.0 * 3825065984 / 6738415616, 1e-12);
}

// Mixtral (8 experts): llama-quant.cpp bumps attn_v and attn_k to Q8_0 and attn_output to Q5_K under Q4_K_M.
TEST(Gguf, EightExpertRulesApply) {
  const GgufEstimate e = estimate("mixtral-8x7b", GgufRecipe::kQ4_K_M);
  bool saw_v = false, saw_o = false;
  for (const GgufTensor& t : e.tensors) {
    if (t.name.find("v_proj") != std::string::npos) { EXPECT_EQ(t.type, GgmlType::kQ8_0); saw_v = true; }
    if (t.name.find("o_proj") != std::string::npos) { EXPECT_EQ(t.type, GgmlType::kQ5_K); saw_o = true; }
    if (t.name.find("block_sparse_moe.gate.") != std::string::npos) EXPECT_EQ(t.type, GgmlType::kF32);
  }
  EXPECT_TRUE(saw_v && saw_o);
}

// A row of 2,880 weights (gpt-oss's width) is not a multiple of 256: tensor_type_fallback turns Q4_K into Q5_0
// and IQ4_XS into IQ4_NL; Q8_0's 32 divides it.
TEST(Gguf, RowsTheBlockDoesNotDivideFallBack) {
  ImportResult m = load_preset("llama-2-7b");
  Architecture a = m.arch;
  a.hidden_size = 2880;
  a.num_heads = 45;
  a.num_kv_heads = 45;
  a.head_dim = 64;
  const GgufEstimate q4 = gguf_estimate(a, count_parameters(a), GgufRecipe::kQ4_K_M);
  for (const GgufTensor& t : q4.tensors)
    if (t.name.find("q_proj") != std::string::npos) EXPECT_EQ(t.type, GgmlType::kQ5_0);
  const GgufEstimate iq = gguf_estimate(a, count_parameters(a), GgufRecipe::kIQ4_XS);
  for (const GgufTensor& t : iq.tensors)
    if (t.name.find("q_proj") != std::string::npos) EXPECT_EQ(t.type, GgmlType::kIQ4_NL);
}

TEST(Gguf, RecipeNamesRoundTrip) {
  for (int i = 0; i < kGgufRecipeCount; ++i) {
    GgufRecipe r{};
    ASSERT_TRUE(parse_gguf_recipe(gguf_recipe_name(static_cast<GgufRecipe>(i)), &r));
    EXPECT_EQ(static_cast<int>(r), i);
  }
  GgufRecipe r{};
  EXPECT_FALSE(parse_gguf_recipe("Q4_K_X", &r));
}

}  // namespace
}  // namespace lpp::llm
