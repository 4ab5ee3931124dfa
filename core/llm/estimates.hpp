// Estimates built on a parameter count: weight bytes per dtype, KV cache (MHA/GQA/MQA/MLA, sliding windows),
// training memory, FLOPs per token, training compute, time and energy on an accelerator. Each returns its formula
// with the values filled in, for the UI to show. Approximations by nature (doubles); counts stay in param_count.
// Legend: see architecture.hpp; N parameters, T context, B batch, D training tokens, b bytes per value.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "llm/architecture.hpp"

namespace lpp::llm {

enum class DType { kFp32, kBf16, kFp16, kFp8, kInt8, kInt4 };

// Where the weights' bytes come from: the checkpoint's layout (storage.hpp), N × a DType, or a GGUF recipe.
enum class WeightSource { kStored, kDtype, kGguf };

const char* dtype_name(DType d);                       // "fp32", "bf16", ...
bool parse_dtype(std::string_view text, DType* out);   // accepts the names above and "float16", "bfloat16"
double dtype_bits(DType d);                            // 32, 16, 16, 8, 8, 4

struct Estimate {
  double value = 0;       // in `unit`
  std::string unit;       // "B", "FLOP", "s", "kWh"
  std::string formula;    // e.g. "N · b = 6,738,415,616 · 2 B = 13.48 GB"
};

// Bytes of N weights. For int8/int4, `group_size` > 0 adds one fp16 scale per group of that many weights.
Estimate weight_bytes(std::int64_t params, DType dtype, std::int64_t group_size = 0);

struct KvCacheOptions {
  DType dtype = DType::kBf16;   // cache element type, e.g. bf16
  std::int64_t context = 4096;  // T tokens held per sequence, e.g. 4096
  std::int64_t batch = 1;       // B sequences, e.g. 1
};

struct KvCache {
  Estimate per_token;  // bytes one token adds over all layers (while T <= W)
  Estimate total;      // bytes at T tokens and B sequences, windows capped at W
};

// MHA/GQA/MQA: 2·K·Dh values per layer and token; MLA: kv_lora_rank + qk_rope_head_dim (the compressed latent
// and the shared rope key, DeepSeek-V2 arXiv:2405.04434 table 1).
KvCache kv_cache(const Architecture& arch, const KvCacheOptions& options);

struct TrainingMemory {
  Estimate weights;         // working weights (bf16 under mixed precision)
  Estimate gradients;       // same dtype as the working weights
  Estimate master_weights;  // fp32 copy under mixed precision, else 0
  Estimate optimizer;       // Adam first and second moments, fp32
  Estimate total;           // the sum; activations are not included
};

// Adam, without activations or fragmentation. Mixed precision: 2 + 2 + 4 + 4 + 4 = 16 bytes per parameter
// (ZeRO, Rajbhandari et al. 2020, section 3.1); fp32: 4 + 4 + 0 + 8 = 16.
TrainingMemory training_memory(std::int64_t params, bool mixed_precision = true);

// Forward FLOPs to generate one token at position T: 2·N_active (Kaplan et al. 2020, eq. 2.2) plus attention
// scores and values over the attended tokens, 2·H·(Dqk + Dv) per layer and attended token (Hoffmann et al. 2022,
// appendix F), windows capped at W.
Estimate flops_per_token(const Architecture& arch, std::int64_t active_params, std::int64_t context);

// Training compute C ≈ 6·N_active·D (Kaplan et al. 2020, section 2.1).
Estimate training_flops(std::int64_t active_params, double tokens);

struct Accelerator {
  std::string id;            // e.g. "h100-sxm"
  std::string name;          // e.g. "NVIDIA H100 SXM"
  double bf16_tflops = 0;    // dense (no sparsity) bf16/fp16 peak, e.g. 989
  double watts = 0;          // board power, e.g. 700
  double memory_gb = 0;      // e.g. 80
  double bandwidth_tbs = 0;  // memory bandwidth in TB/s, e.g. 3.35; 0 = not listed
  double fp8_tflops = 0;     // dense fp8 peak, e.g. 1979; 0 = no fp8 tensor cores
  std::string source;        // where the numbers come from
};

// The table shipped in assets/presets/llm/accelerators.json.
const std::vector<Accelerator>& default_accelerators();
// An edited table in the same format ({"accelerators": [...]}); problems become messages naming the entry.
std::vector<Accelerator> parse_accelerators(std::string_view json_text, std::vector<std::string>* errors);

struct RunCost {
  Estimate seconds;   // C / (n · peak · utilisation)
  Estimate energy;    // seconds · n · watts, in kWh
};

RunCost run_cost(double flops, const Accelerator& accelerator, double utilisation, std::int64_t count);

// "6,738,415,616": an exact count with thousands separators.
std::string format_count(std::int64_t n);
// "13.48 GB": decimal units.
std::string format_bytes(double bytes);

}  // namespace lpp::llm
