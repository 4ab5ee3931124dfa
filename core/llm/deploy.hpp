// Running a model: its caches as inference engines allocate them (per layer kind, per KV-cache dtype), where the
// weights and caches land on tensor-, pipeline- and expert-parallel devices, what fits a per-device budget, and the
// decode and prefill throughput bounds. Each figure is an Estimate carrying its formula with the values filled in.
// Not a parameter count (param_count.hpp) nor a checkpoint layout (storage.hpp): it takes their results.
// Legend: see architecture.hpp; T context, B sequences, W window, S block (page) size in tokens, t/p/e the
// tensor/pipeline/expert parallel degrees, Kr KV heads per tensor-parallel rank.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "llm/architecture.hpp"
#include "llm/estimates.hpp"
#include "llm/param_count.hpp"

namespace lpp::llm {

// An Estimate in bytes with its formula.
Estimate bytes_estimate(double value, std::string formula);

// [SECTION] caches

// The element type of the KV cache, chosen apart from the weights'. q8_0 and q4_0 are llama.cpp's block formats:
// 32 values with one fp16 scale, 34 and 18 bytes a block (ggml.c type traits).
enum class KvDType { kFp32, kBf16, kFp16, kFp8, kQ8_0, kQ4_0 };
const char* kv_dtype_name(KvDType d);                       // "fp32", "bf16", "fp16", "fp8", "q8_0", "q4_0"
bool parse_kv_dtype(std::string_view text, KvDType* out);
double kv_dtype_bytes(KvDType d);                           // bytes per value: 4, 2, 2, 1, 34/32, 18/32

// How an engine reserves cache memory for the attention layers of one sequence.
enum class KvEngine {
  kExact,        // tokens actually held: T per full layer, min(T, W) per sliding layer (the lower bound)
  kPagedFull,    // a paged engine reserving full-length pages for every layer, windows ignored (vLLM's
                 // FullAttentionSpec, used for all layers when its hybrid allocator is off)
  kPagedWindow,  // vLLM's hybrid allocator: SlidingWindowSpec pages for sliding layers
  kLlamaCpp,     // llama.cpp: cells padded to 256, its SWA cache of n_swa + n_ubatch cells
};
const char* kv_engine_name(KvEngine e);                     // "exact", "paged-full", "paged-window", "llama.cpp"
bool parse_kv_engine(std::string_view text, KvEngine* out);

struct CacheOptions {
  KvDType dtype = KvDType::kBf16;     // KV cache elements, e.g. fp8
  KvEngine engine = KvEngine::kExact;
  std::int64_t context = 4096;        // T tokens per sequence, e.g. 8192
  std::int64_t block_size = 16;       // S, vLLM's default page of 16 tokens
  std::int64_t max_batched_tokens = 2048;  // vLLM's max_num_batched_tokens (the chunked-prefill chunk)
  std::int64_t ubatch = 512;          // llama.cpp's n_ubatch (its default)
  std::int64_t shared_kv_layers = 0;  // attention layers reusing an earlier layer's KV (cross-layer sharing, e.g.
                                      // Gemma-3n's num_kv_shared_layers = 10): they add no cache
  DType conv_state_dtype = DType::kBf16;  // Mamba / Gated DeltaNet convolution state, e.g. bf16
  DType ssm_state_dtype = DType::kBf16;   // their recurrent state; vLLM's "auto" is the model dtype, some
                                          // configs ask for fp32 (mamba_ssm_dtype)
  std::int64_t tp = 1;                // tensor-parallel degree: heads and states split across ranks
};

// One sequence's cache on one tensor-parallel rank (all layers).
struct SequenceCache {
  Estimate full_attention;   // full-attention layers
  Estimate window;           // sliding-window layers under the chosen engine
  Estimate window_exact;     // the same layers holding min(T, W) tokens: the lower bound, for comparison
  Estimate states;           // fixed recurrent state of Mamba and Gated DeltaNet layers, independent of T
  Estimate per_token;        // bytes one token adds while T <= W
  Estimate total;            // full_attention + window + states
  std::int64_t kv_heads_per_rank = 0;  // Kr = max(1, K / t); MLA's latent is replicated on every rank
  std::vector<std::string> notes;
};

// Expects a validated Architecture and options with positive sizes.
SequenceCache sequence_cache(const Architecture& arch, const CacheOptions& options);

// [SECTION] placement on devices

struct Parallelism {
  std::int64_t tp = 1;  // t: attention heads, MLP columns, vocab rows split over t ranks
  std::int64_t pp = 1;  // p: layers split into p stages; embeddings on the first, lm_head on the last
  std::int64_t ep = 1;  // e: routed experts spread whole over e of the tensor-parallel ranks (1 = experts
                        // sharded by t like the MLP)
};

// Problems with the degrees for this model, naming the flag-like field ("tp (3) must divide the 32 attention
// heads"); empty when placement may run.
std::vector<std::string> validate_parallelism(const Architecture& arch, const Parallelism& par);

// Stored bytes of each component (ParamCount::components order), e.g. from the checkpoint layout.
using ComponentBytes = std::array<double, kComponentCount>;
// Each component at a uniform bits per parameter.
ComponentBytes component_bytes_at(const ParamCount& pc, double bits_per_param);

struct DevicePlacement {
  Estimate weights_first;    // stage 0: embeddings and its share of layers
  Estimate weights_last;     // stage p-1: lm_head and its share of layers (the same device when p = 1)
  Estimate weights;          // the larger of the two: the device that fills first
  Estimate kv_per_sequence;  // one sequence's cache on that device (its layers, its heads)
  Estimate total;            // weights + B sequences of cache
  std::int64_t devices = 1;  // t · p
  std::int64_t layers_per_stage = 0;  // ceil(L / p)
  std::vector<std::string> notes;
};

DevicePlacement place(const Architecture& arch, const ParamCount& pc, const ComponentBytes& bytes,
                      const Parallelism& par, const CacheOptions& cache, std::int64_t batch);

// The largest context for `batch` sequences, and the largest batch at options.context, whose weights and caches fit
// `budget_bytes` per device. The cache is monotone in T, so a bisection handles windows, pages and fixed states.
struct Fit {
  Estimate max_context;   // tokens; value -1 when memory does not bound it (no attention cache)
  Estimate max_batch;     // sequences at options.context
};
Fit fit_budget(const Architecture& arch, const ParamCount& pc, const ComponentBytes& bytes, const Parallelism& par,
               const CacheOptions& cache, std::int64_t batch, double budget_bytes);

// [SECTION] throughput bounds

struct Throughput {
  Estimate bytes_per_step;  // read from one device per decode step: active weights + B caches
  Estimate decode;          // tokens/s ≤ B · BW / (p · bytes per step)
  Estimate prefill;         // tokens/s ≤ t · p · peak · u / FLOPs per prompt token
};

// `active_bytes` are the weight bytes a token reads (routed experts scaled by those a batch of B touches). Needs
// an accelerator with bandwidth_tbs > 0.
Throughput throughput(const Architecture& arch, const ParamCount& pc, const ComponentBytes& bytes,
                      const Parallelism& par, const CacheOptions& cache, std::int64_t batch,
                      const Accelerator& accelerator, double utilisation);

}  // namespace lpp::llm
