// Parameters, stored elements and bytes: the counter's tensor list laid out the way a checkpoint stores it, from
// the config's quantization_config and dtype alone (offline): packed 4-bit weights in uint8 or int32, block scales,
// zero points, GPTQ's g_idx, an MTP module's copies. It reads no weights and opens no file; a format it cannot read
// is an error naming the key, never a silent bf16 guess.
// Legend: O output features (rows of an nn.Linear weight), I input features, E experts, g group size, b bits.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/param_count.hpp"

namespace lpp::llm {

// safetensors element types.
enum class StoreType { kF32, kBf16, kF16, kF8, kI8, kU8, kI32, kI64 };
const char* store_type_name(StoreType t);   // "F32", "BF16", "F16", "F8_E4M3", "I8", "U8", "I32", "I64"
std::int64_t store_type_bytes(StoreType t); // 4, 2, 2, 1, 1, 1, 4, 8

enum class QuantMethod { kNone, kMxfp4, kFp8, kGptq, kAwq, kBnb4, kBnb8, kCompressed };

// How compressed-tensors lays out a quantized weight (its "format" key).
enum class CtFormat { kPackQuantized, kIntQuantized, kFloatQuantized, kNvfp4 };
// compressed-tensors "strategy": one scale per tensor, per output row, per group of g inputs, or per block.
enum class CtStrategy { kTensor, kChannel, kGroup, kBlock };

// What quantization_config says, validated. Fields a method does not use keep their defaults.
struct QuantScheme {
  QuantMethod method = QuantMethod::kNone;
  std::string label;                   // shown to the user, e.g. "GPTQ 4-bit, group 128, act-order (desc_act)"
  int bits = 16;                       // b, bits per quantized weight, e.g. 4
  std::int64_t group_size = 0;         // g, inputs per scale (GPTQ, AWQ, compressed-tensors group); 0 = whole row
  bool zero_point = false;             // stores zero points (GPTQ always, AWQ zero_point, compressed !symmetric)
  bool g_idx = false;                  // GPTQ's per-input group index [I] (AutoGPTQ writes it for every layer)
  std::int64_t block_out = 128;        // fp8 / compressed block strategy: weight_block_size, e.g. [128, 128]
  std::int64_t block_in = 128;
  bool double_quant = false;           // bitsandbytes bnb_4bit_use_double_quant: absmax re-quantized to uint8
  CtFormat ct_format = CtFormat::kPackQuantized;
  CtStrategy ct_strategy = CtStrategy::kGroup;
  bool ct_static_input = false;        // compressed-tensors input_activations with dynamic: false (an input_scale)
  bool quantize_router = false;        // MoE router linears quantized too (bitsandbytes, compressed-tensors)
  bool quantize_lm_head = false;       // lm_head quantized (GPTQ "lm_head": true, compressed-tensors not ignored)
  std::vector<std::string> skip;       // modules_to_not_convert / ignore / ignored_layers, as written
};

// quantization_config (an object) into a scheme; an unknown quant_method or a bad value becomes a message naming
// the key ("quantization_config.bits (5) is not one of 2, 3, 4, 8"). A null or absent config is QuantMethod::kNone.
QuantScheme parse_quantization_config(const nlohmann::json& qc, std::vector<std::string>* errors);

// The checkpoint's element type of unquantized tensors and the quantization scheme, read from a config.json (or a
// preset / reference file's "config"): torch_dtype (or transformers 5's "dtype", or text_config's), absent = bf16
// with a note saying so.
struct CheckpointFormat {
  QuantScheme scheme;
  StoreType dtype = StoreType::kBf16;  // unquantized tensors, e.g. kBf16
  std::string dtype_source;            // e.g. "torch_dtype: bfloat16" or "torch_dtype absent: bf16 assumed"
  std::vector<std::string> errors;
  bool ok() const { return errors.empty(); }
};
CheckpointFormat checkpoint_format(const nlohmann::json& config);
// The same for any text count_report accepts: a config.json, a preset or reference file, or a preset id. Text that
// does not parse gives the bf16 default (the importer reports the parse error itself).
CheckpointFormat checkpoint_format_of_text(std::string_view text);

// One tensor as the checkpoint stores it (one instance: a layer, an expert).
struct StoredTensor {
  std::string name;                    // e.g. "model.layers.{i}.self_attn.q_proj.qweight"
  std::vector<std::int64_t> shape;     // e.g. {512, 4096}
  StoreType type = StoreType::kBf16;
  std::int64_t elements = 0;           // product of shape
  std::int64_t bytes = 0;              // elements × element size
};

// One tensor group of the counter (or the part of it in some layers) with what stores it.
struct TensorStorage {
  std::string name;                    // the counter's name, e.g. "model.layers.{i}.self_attn.q_proj.weight"
  std::string layers;                  // the {i} values this row covers, e.g. "0-31"; empty without {i}
  std::int64_t repeat = 1;             // instances covered (layers × experts)
  std::int64_t params = 0;             // logical parameters over the instances
  std::int64_t elements = 0;           // stored elements over the instances
  std::int64_t bytes = 0;              // bytes over the instances
  bool quantized = false;
  bool extra = false;                  // part of an extra module (MTP), outside the headline total
  std::vector<StoredTensor> stored;    // for one instance
};

struct StorageReport {
  CheckpointFormat format;
  std::int64_t parameters = 0;         // the headline total (ParamCount::total)
  std::int64_t parameters_stored = 0;  // parameters the checkpoint holds: total plus extra modules
  std::int64_t elements = 0;           // stored elements, extra modules included
  std::int64_t bytes = 0;              // stored bytes, extra modules included (the safetensors data size)
  std::int64_t main_bytes = 0;         // bytes of the headline model alone (what inference loads)
  std::int64_t quantized_params = 0;   // parameters held in quantized tensors
  std::int64_t quantized_elements = 0; // their packed weight elements (uint8/int32/fp8 codes)
  std::int64_t aux_elements = 0;       // scales, zero points, g_idx, code books, shapes
  std::vector<TensorStorage> tensors;
  std::string why;                     // one or two sentences on why parameters, elements and bytes differ
  std::vector<std::string> notes;      // what the layout assumes or leaves out
  std::string overflow;                // non-empty when a number exceeds int64; the numbers are void
};

// Expects a ParamCount without overflow and a CheckpointFormat that is ok().
StorageReport storage_report(const ParamCount& pc, const CheckpointFormat& format);

// Whether a module path (e.g. "model.layers.3.mlp.gate") is listed: "re:" entries (compressed-tensors) and entries
// with '*' (gpt-oss's "model.layers.*.self_attn") are regular expressions matched from the start as Python's
// re.match does (the subset . * ^ $ and escapes); others match whole dotted components anywhere in the path
// ("gate", "lm_head", "model.layers.0.mlp"), as transformers' loaders do.
bool module_listed(const std::string& path, const std::vector<std::string>& list);

// The {i} values of a TensorGroup's `layers` text ("0-2,5" -> 0, 1, 2, 5).
std::vector<std::int64_t> layer_values(const std::string& layers);

}  // namespace lpp::llm
