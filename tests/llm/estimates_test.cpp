// Estimates against hand arithmetic and widely quoted figures (Llama-2-7B's 0.5 MiB of KV cache per token, 16
// bytes per parameter for mixed-precision Adam, DeepSeek's 576 cached values per layer).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "llm/estimates.hpp"
#include "llm/hf_import.hpp"
#include "llm/presets.hpp"

namespace lpp::llm {
namespace {

Architecture preset_arch(const char* id) {
  const ImportResult r = load_preset(id);
  EXPECT_TRUE(r.ok()) << id;
  return r.arch;
}

TEST(Estimates, WeightBytesPerDtype) {
  const std::int64_t n = 6738415616;  // Llama-2-7B
  EXPECT_EQ(weight_bytes(n, DType::kFp32).value, 4.0 * n);
  EXPECT_EQ(weight_bytes(n, DType::kBf16).value, 13476831232.0);
  EXPECT_EQ(weight_bytes(n, DType::kFp8).value, 1.0 * n);
  EXPECT_EQ(weight_bytes(n, DType::kInt4).value, 3369207808.0);
  // int4 with one fp16 scale per 128 weights: n/2 + ceil(n/128)·2 = 3,369,207,808 + 52,643,872·2
  EXPECT_EQ(weight_bytes(n, DType::kInt4, 128).value, 3369207808.0 + 52643872.0 * 2);
  EXPECT_NE(weight_bytes(n, DType::kBf16).formula.find("6,738,415,616 · 2 B (bf16) = 13.48 GB"), std::string::npos)
      << weight_bytes(n, DType::kBf16).formula;
}

// MHA: 2·L·K·Dh·b = 2·32·32·128·2 = 524,288 B per token; at 4096 tokens, 2 GiB.
TEST(Estimates, KvCacheMhaLlama2) {
  const KvCache kv = kv_cache(preset_arch("llama-2-7b"), {DType::kBf16, 4096, 1});
  EXPECT_EQ(kv.per_token.value, 524288.0);
  EXPECT_EQ(kv.total.value, 2147483648.0);
}

// GQA with 8 KV heads: 2·32·8·128·2 = 131,072 B per token (Llama-3.1-8B); batch 4 at 8192 tokens = 4 GiB.
TEST(Estimates, KvCacheGqaLlama31) {
  const KvCache kv = kv_cache(preset_arch("llama-3.1-8b"), {DType::kBf16, 8192, 4});
  EXPECT_EQ(kv.per_token.value, 131072.0);
  EXPECT_EQ(kv.total.value, 4.0 * 8192 * 131072);
}

// MLA caches kv_lora_rank + qk_rope_head_dim = 576 values per layer (DeepSeek-V2 paper, table 1):
// 61·576·2 = 70,272 B per token for DeepSeek-V3, against 2·61·128·(128+64)... for uncompressed MHA.
TEST(Estimates, KvCacheMlaDeepSeekV3) {
  const KvCache kv = kv_cache(preset_arch("deepseek-v3"), {DType::kBf16, 1000, 1});
  EXPECT_EQ(kv.per_token.value, 70272.0);
  EXPECT_EQ(kv.total.value, 70272000.0);
}

// Sliding windows cap the cache: Mistral-7B (all 32 layers, W 4096) at 32k holds 4096 tokens per layer;
// Gemma-2-9B (21 of 42 layers windowed) at 8192: 21·8192 + 21·4096 token-layers of 2·8·256·2 B.
TEST(Estimates, KvCacheSlidingWindows) {
  const KvCache m = kv_cache(preset_arch("mistral-7b"), {DType::kBf16, 32768, 1});
  EXPECT_EQ(m.total.value, 32.0 * 4096 * 2 * 8 * 128 * 2);
  const KvCache g = kv_cache(preset_arch("gemma-2-9b"), {DType::kBf16, 8192, 1});
  EXPECT_EQ(g.total.value, (21.0 * 8192 + 21.0 * 4096) * 2 * 8 * 256 * 2);
}

// Hybrids cache keys and values in their attention layers only. Qwen3-Next-80B-A3B: 12 full-attention layers of
// 48 (every 4th), K 2, Dh 256: 12 · 2 · 2 · 256 · 2 B = 24,576 B per token. Mamba 2.8B: no attention, no cache.
TEST(Estimates, KvCacheHybridsCountAttentionLayersOnly) {
  const KvCache q = kv_cache(preset_arch("qwen3-next-80b-a3b"), {DType::kBf16, 1000, 2});
  EXPECT_EQ(q.per_token.value, 12.0 * 2 * 2 * 256 * 2);
  EXPECT_EQ(q.total.value, 2.0 * 1000 * 12 * 2 * 2 * 256 * 2);
  EXPECT_NE(q.per_token.formula.find("the other 36 keep a fixed-size state"), std::string::npos);
  EXPECT_EQ(kv_cache(preset_arch("mamba-2.8b"), {DType::kBf16, 1000, 1}).total.value, 0.0);
}

TEST(Estimates, TrainingMemoryIsSixteenBytesPerParameter) {
  const TrainingMemory m = training_memory(1000000000, true);
  EXPECT_EQ(m.weights.value, 2e9);
  EXPECT_EQ(m.gradients.value, 2e9);
  EXPECT_EQ(m.master_weights.value, 4e9);
  EXPECT_EQ(m.optimizer.value, 8e9);
  EXPECT_EQ(m.total.value, 16e9);
  EXPECT_EQ(training_memory(1000000000, false).master_weights.value, 0.0);
  EXPECT_EQ(training_memory(1000000000, false).total.value, 16e9);
}

// GPT-2 small at T = 1024: 2·124,439,808 + 2·12 heads·(64 + 64)·(12 layers·1024) = 248,879,616 + 37,748,736.
TEST(Estimates, FlopsPerTokenByHand) {
  const Estimate f = flops_per_token(preset_arch("gpt2"), 124439808, 1024);
  EXPECT_EQ(f.value, 286628352.0);
}

// 6·N·D: Llama-2-7B on 2T tokens = 6·6,738,415,616·2e12 = 8.086e22 FLOP.
TEST(Estimates, TrainingComputeSixND) {
  EXPECT_DOUBLE_EQ(training_flops(6738415616, 2e12).value, 6.0 * 6738415616 * 2e12);
  // The Llama 3 paper (Dubey et al. 2024, section 3.2.1) quotes 3.8e25 FLOPs for 405B on 15.6T tokens.
  EXPECT_NEAR(training_flops(405853388800, 15.6e12).value, 3.8e25, 0.05e25);
}

// 1e24 FLOP on 1000 H100 SXM at 40%: 1e24 / (1000·989e12·0.4) = 1e24 / 3.956e17 = 2,527,805.9 s (29.3 days);
// energy 2,527,805.9 s·1000·700 W / 3.6e6 J/kWh = 491,517.8 kWh.
TEST(Estimates, RunCostOnH100) {
  const auto& table = default_accelerators();
  const auto it = std::find_if(table.begin(), table.end(), [](const Accelerator& a) { return a.id == "h100-sxm"; });
  ASSERT_NE(it, table.end());
  EXPECT_EQ(it->bf16_tflops, 989);
  EXPECT_EQ(it->watts, 700);
  const RunCost c = run_cost(1e24, *it, 0.4, 1000);
  EXPECT_NEAR(c.seconds.value, 2527805.9, 0.1);
  EXPECT_NEAR(c.energy.value, 491517.8, 0.1);
}

TEST(Estimates, EditedAcceleratorTableReportsProblems) {
  std::vector<std::string> errors;
  const auto t = parse_accelerators(R"({"accelerators":[{"id":"x","name":"X","bf16_tflops":-1,"watts":5,
    "memory_gb":1}]})", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "accelerators[0].bf16_tflops must be a positive number");
  errors.clear();
  parse_accelerators("nope", &errors);
  EXPECT_FALSE(errors.empty());
}

TEST(Estimates, DtypeNames) {
  DType d = DType::kFp32;
  EXPECT_TRUE(parse_dtype("bfloat16", &d));
  EXPECT_EQ(d, DType::kBf16);
  EXPECT_FALSE(parse_dtype("fp4", &d));
  EXPECT_EQ(format_count(6738415616), "6,738,415,616");
}

}  // namespace
}  // namespace lpp::llm
