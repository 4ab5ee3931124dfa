// Caches as engines allocate them, per-device placement, the budget solver and the throughput bounds, against
// figures measured on llama.cpp, vLLM's own page formulas and state shapes, and hand-worked splits.
#include <gtest/gtest.h>

#include "llm/deploy.hpp"
#include "llm/hf_import.hpp"
#include "llm/presets.hpp"

namespace lpp::llm {
namespace {

Architecture preset_arch(const char* id) {
  const ImportResult r = load_preset(id);
  EXPECT_TRUE(r.ok()) << id;
  return r.arch;
}

// google/gemma-3-270m's config.json: 18 layers, 1 KV head of 256, a 512-token window on 5 of every 6 layers.
Architecture gemma3_270m() {
  Architecture a;
  a.vocab_size = 262144;
  a.hidden_size = 640;
  a.num_layers = 18;
  a.num_heads = 4;
  a.num_kv_heads = 1;
  a.head_dim = 256;
  a.intermediate_size = 2048;
  a.sliding_window = 512;
  a.sliding_window_layers = 15;
  return a;
}

TEST(Deploy, LlamaCppSwaCacheMatchesMeasuredGemma3) {
  // Measured on a live llama-server (unslothai/unsloth pull request 7530, "Studio: match llama.cpp SWA cache
  // sizing"): gemma-3-270m at ctx 1024 allocates 27.0 MiB with 3 slots (1536 cells) and 18.0 MiB with 4 slots
  // (1024 cells), f16 K and V. Each slot is its own stream of n_ctx / slots cells.
  CacheOptions o;
  o.dtype = KvDType::kFp16;
  o.engine = KvEngine::kLlamaCpp;
  o.context = 1024 / 3;  // 341 cells asked, padded to 512; the SWA cache min(512, 512 + 512) = 512
  EXPECT_EQ(3 * sequence_cache(gemma3_270m(), o).total.value, 27.0 * 1024 * 1024);
  o.context = 1024 / 4;  // 256 cells; SWA min(256, 1024) = 256
  EXPECT_EQ(4 * sequence_cache(gemma3_270m(), o).total.value, 18.0 * 1024 * 1024);
}

TEST(Deploy, SlidingWindowEnginesFollowVllmFormulas) {
  // Gemma-2-9B: 21 full and 21 sliding layers (W = 4096), 8 KV heads of 256, bf16: 8,192 B per layer and token.
  // vLLM's page: 2 · S · K · Dh · b = 2 · 16 · 8 · 256 · 2 = 131,072 B. At T = 8192, chunk 2048:
  //   FullAttentionSpec: ceil(8192 / 16) = 512 pages = 67,108,864 B per layer;
  //   SlidingWindowSpec: ceil(min(4095 + 2048, 8192) / 16) + 1 = 385 pages = 50,462,720 B per layer.
  const Architecture a = preset_arch("gemma-2-9b");
  CacheOptions o;
  o.context = 8192;
  o.engine = KvEngine::kPagedFull;
  EXPECT_EQ(sequence_cache(a, o).total.value, 42 * 67108864.0);
  o.engine = KvEngine::kPagedWindow;
  const SequenceCache paged = sequence_cache(a, o);
  EXPECT_EQ(paged.total.value, 21 * 67108864.0 + 21 * 50462720.0);
  // The lower bound holds min(T, W) = 4096 tokens per sliding layer: 21 · 4096 · 8192 B.
  EXPECT_EQ(paged.window_exact.value, 21 * 4096 * 8192.0);
  EXPECT_NE(paged.window.formula.find("= 6,160"), std::string::npos) << paged.window.formula;
}

TEST(Deploy, KvDtypesCarryTheirBlockOverhead) {
  // Llama-2-7B: 32 layers · 2 · 32 · 128 = 262,144 values a token; q4_0 stores 32 values in 18 bytes (ggml's
  // block_q4_0), q8_0 in 34: 147,456 B and 278,528 B a token against 524,288 B in bf16.
  const Architecture a = preset_arch("llama-2-7b");
  CacheOptions o;
  o.dtype = KvDType::kQ4_0;
  EXPECT_EQ(sequence_cache(a, o).per_token.value, 147456.0);
  o.dtype = KvDType::kQ8_0;
  EXPECT_EQ(sequence_cache(a, o).per_token.value, 278528.0);
  KvDType d;
  EXPECT_FALSE(parse_kv_dtype("q5_k", &d));
  // Cross-layer sharing: 10 of the 32 layers reusing another's KV leave 22 · 2 · 32 · 128 · 2 B = 360,448 B.
  o.dtype = KvDType::kBf16;
  o.shared_kv_layers = 10;
  EXPECT_EQ(sequence_cache(a, o).per_token.value, 360448.0);
}

TEST(Deploy, GatedDeltaNetStateMatchesVllmShapes) {
  // vLLM logs MambaSpec(shapes=((3, 6144), (16, 128, 128)), dtypes=(bfloat16, float32)) for a Gated DeltaNet
  // layer with 16 key and 16 value heads of 128 and a 4-wide conv: 3 · 6144 · 2 + 16 · 128 · 128 · 4 =
  // 36,864 + 1,048,576 = 1,085,440 B per layer and sequence, whatever the context.
  Architecture a;
  a.num_layers = 4;
  a.mixers = "DDDA";
  a.linear_key_heads = a.linear_value_heads = 16;
  a.linear_key_head_dim = a.linear_value_head_dim = 128;
  CacheOptions o;
  o.ssm_state_dtype = DType::kFp32;
  const SequenceCache short_ctx = sequence_cache(a, o);
  EXPECT_EQ(short_ctx.states.value, 3 * 1085440.0);
  o.context = 65536;
  EXPECT_EQ(sequence_cache(a, o).states.value, short_ctx.states.value);
  // Mamba-1 (mamba-2.8b, 64 layers, Di = 5120, N = 16, Kc = 4), bf16: 64 · (5120 · 3 + 5120 · 16) · 2 B.
  EXPECT_EQ(sequence_cache(preset_arch("mamba-2.8b"), CacheOptions{}).total.value, 64.0 * (5120 * 3 + 5120 * 16) * 2);
}

TEST(Deploy, TensorParallelSplitOfLlama2) {
  // Llama-2-7B in bf16 on tp = 2, by hand: embeddings 131,072,000 and lm_head 131,072,000 split by vocab rows,
  // attention 2,147,483,648 and MLP 4,328,521,728 split by heads and columns, norms 266,240 replicated:
  // (131,072,000 + 131,072,000 + 2,147,483,648 + 4,328,521,728) / 2 + 266,240 = 3,369,340,928 params · 2 B
  // = 6,738,681,856 B per device. KV: 16 of 32 heads per rank: 32 · 2 · 16 · 128 · 2 B · 4096 = 1,073,741,824 B,
  // half the single device's 2 GiB.
  const Architecture a = preset_arch("llama-2-7b");
  const ParamCount pc = count_parameters(a);
  const Parallelism par{2, 1, 1};
  ASSERT_TRUE(validate_parallelism(a, par).empty());
  const DevicePlacement d = place(a, pc, component_bytes_at(pc, 16), par, CacheOptions{}, 1);
  EXPECT_EQ(d.weights.value, 6738681856.0);
  EXPECT_EQ(d.kv_per_sequence.value, 1073741824.0);
  EXPECT_EQ(d.devices, 2);
  // pp = 2: stage 0 holds the embeddings and 16 layers, stage 1 the lm_head and 16 layers: the same here.
  const DevicePlacement staged = place(a, pc, component_bytes_at(pc, 16), {1, 2, 1}, CacheOptions{}, 1);
  EXPECT_EQ(staged.layers_per_stage, 16);
  EXPECT_EQ(staged.weights_first.value, staged.weights_last.value);
  EXPECT_FALSE(validate_parallelism(a, {3, 1, 1}).empty());
  // GPT-2 ties lm_head to wte: on pp = 2 the last stage holds its own 50,257 · 768 copy, the first wte and wpe.
  const Architecture g = preset_arch("gpt2");
  const ParamCount gpc = count_parameters(g);
  const DevicePlacement gs = place(g, gpc, component_bytes_at(gpc, 16), {1, 2, 1}, CacheOptions{}, 1);
  EXPECT_EQ(gs.weights_first.value - gs.weights_last.value, 1024.0 * 768 * 2);
}

TEST(Deploy, KvHeadsReplicateBeyondTheirCount) {
  // Llama-3.1-8B has 8 KV heads: on tp = 16 each rank still holds one (vLLM: max(1, K / t)), so the cache per
  // rank is 32 · 2 · 1 · 128 · 2 B = 16,384 B a token, not half of that.
  const Architecture a = preset_arch("llama-3.1-8b");
  CacheOptions o;
  o.tp = 16;
  const SequenceCache c = sequence_cache(a, o);
  EXPECT_EQ(c.kv_heads_per_rank, 1);
  EXPECT_EQ(c.per_token.value, 16384.0);
  ASSERT_FALSE(c.notes.empty());
  EXPECT_NE(c.notes[0].find("replicated on 2 ranks"), std::string::npos) << c.notes[0];
}

TEST(Deploy, BudgetSolverHandlesWindows) {
  // Llama-2-7B bf16 in 24 GB: 24e9 − 13,476,831,232 B of weights leaves 10,523,168,768 B; at 524,288 B a token
  // one sequence holds floor(20,071.35) = 20,071 tokens, and at T = 4096 (2 GiB each) 4 sequences.
  const Architecture a = preset_arch("llama-2-7b");
  const ParamCount pc = count_parameters(a);
  const Fit f = fit_budget(a, pc, component_bytes_at(pc, 16), {}, CacheOptions{}, 1, 24e9);
  EXPECT_EQ(f.max_context.value, 20071);
  EXPECT_EQ(f.max_batch.value, 4);
  // Mistral-7B's 4096-token window on every layer caps its exact cache: memory never bounds the context.
  const Architecture m = preset_arch("mistral-7b");
  const ParamCount mpc = count_parameters(m);
  EXPECT_EQ(fit_budget(m, mpc, component_bytes_at(mpc, 16), {}, CacheOptions{}, 1, 24e9).max_context.value, -1);
}

TEST(Deploy, DecodeBoundFromBandwidth) {
  // Llama-2-7B bf16, one sequence at T = 4096 on an H100 SXM (3.35 TB/s): a step reads the layers
  // (2,147,483,648 + 4,328,521,728 + 266,240) · 2 B, lm_head 262,144,000 B and 2,147,483,648 B of cache:
  // 15,362,170,880 B, so 3.35e12 / 15,362,170,880 = 218.068 tokens/s at most.
  const Architecture a = preset_arch("llama-2-7b");
  const ParamCount pc = count_parameters(a);
  const Accelerator* h100 = nullptr;
  for (const Accelerator& acc : default_accelerators())
    if (acc.id == "h100-sxm") h100 = &acc;
  ASSERT_NE(h100, nullptr);
  const Throughput t = throughput(a, pc, component_bytes_at(pc, 16), {}, CacheOptions{}, 1, *h100, 0.4);
  EXPECT_EQ(t.bytes_per_step.value, 15362170880.0);
  EXPECT_NEAR(t.decode.value, 218.068, 1e-3);
  EXPECT_GT(t.prefill.value, 0);
}

}  // namespace
}  // namespace lpp::llm
