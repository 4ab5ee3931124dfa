// The LLM lab's model logic as pure functions over the counting engine: which model the lab shows (a preset or a
// pasted config plus what-if overrides), what changed against its base, component formulas with the values filled
// in, the "does it fit?" solver and the parameter ladder. No UI here, and no counting rule of its own: every count
// comes from count_parameters, every byte from estimates.hpp.
// Legend: see architecture.hpp; T context, B batch, M memory budget in bytes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/estimates.hpp"
#include "llm/gguf_recipes.hpp"
#include "llm/hf_import.hpp"
#include "llm/llm_state.hpp"
#include "llm/param_count.hpp"
#include "llm/storage.hpp"
#include "nn/layers_state.hpp"

namespace lpp::llm {

// [model] The lab's current model.
struct LabModel {
  ImportResult base;                 // the preset or pasted config as imported (its arch is the "preset" of what-if)
  Architecture arch;                 // base.arch with the overrides applied
  ParamCount count;                  // count_parameters(arch); valid when ok()
  StorageReport storage;             // count laid out as the config's quantization_config and dtype store it;
                                     // storage.format.errors says why not when that config is unreadable
  std::vector<std::string> errors;   // import, override, validation or overflow problems, each naming the field
  bool resolved = false;             // made by resolve_lab_model: a default LabModel has no model to show
  bool ok() const { return resolved && errors.empty(); }
};

// Imports `config_text` if it is not empty, else the preset `preset_id`, then applies `overrides` (an object of
// architecture_to_json keys, e.g. {"num_kv_heads": 8}) and counts. Never throws.
LabModel resolve_lab_model(std::string_view preset_id, std::string_view config_text, const nlohmann::json& overrides);

// The display name: the preset's or config's name, else its model_type.
std::string lab_model_name(const LabModel& m);

// Never a number without a model: when the model `s` chooses (preset, config_text, overrides) does not resolve,
// `s` takes `previous`'s choice instead (the preset as it ships when that fails too, then the default preset).
// Returns "" when `s` resolved, else the problem naming the link key, the field and what was kept, as the CLI
// and the paste box word it: "m.config: hidden_size (-1) must be a positive integer; kept Llama 2 7B".
std::string keep_valid_model(LlmState& s, const LlmState& previous);

// [what-if] The fields of `edited` that differ from `base`, as an object of architecture_to_json keys.
nlohmann::json architecture_overrides(const Architecture& base, const Architecture& edited);

struct FieldChange {
  std::string field;   // architecture_to_json key, e.g. "num_kv_heads"
  std::string from;    // e.g. "32"
  std::string to;      // e.g. "8"
};
std::vector<FieldChange> describe_changes(const Architecture& base, const Architecture& edited);

// [breakdown] One row per component present: its parameters, share of the total, weights and biases.
struct ComponentRow {
  Component component;
  std::int64_t params = 0;
  std::int64_t weights = 0;
  std::int64_t biases = 0;
  double share = 0;   // params / total, e.g. 0.12
};
std::vector<ComponentRow> component_rows(const ParamCount& pc);

// [formulas] How a count is made, with the values filled in, from the engine's tensor groups:
// "attention = 32 × (4096·4096) [q_proj] + ... = 2,147,483,648".
std::string component_formula(const ParamCount& pc, Component c);
std::string total_formula(const ParamCount& pc);    // "embeddings + attention + ... = total"
std::string active_formula(const ParamCount& pc);   // "total − routed experts a token skips = active"

// [weights] What the weights occupy in memory: as the checkpoint stores them (the main model; an MTP module is not
// loaded for inference), N × a nominal data type, or a GGUF recipe's tensor data (WeightSource, estimates.hpp).
// Never a silent default: an unreadable quantization_config falls back to N × b and the formula says why.
Estimate lab_weight_bytes(const LabModel& m, WeightSource source, DType dtype, std::int64_t group_size,
                          GgufRecipe recipe);
// How the views name those bytes: "Weights as stored", "Weights in bf16", "Weights in GGUF Q4_K_M".
std::string lab_weight_label(WeightSource source, DType dtype, GgufRecipe recipe);

// The three answers to "how many parameters", side by side, with why they differ.
struct ParameterViews {
  std::int64_t parameters = 0;       // the headline (module tree) count
  std::int64_t stored_elements = 0;  // elements in the checkpoint, extra modules and scales included; 0 = unknown
  std::int64_t stored_bytes = 0;     // its bytes, extra modules included (the safetensors data size); 0 = unknown
  std::string label;                 // e.g. "FP8 e4m3, one fp32 scale per 128 x 128 block" or "unquantized BF16"
  std::string why;                   // the storage report's sentence, or what made the layout unreadable
  std::string elements_formula;      // "packed codes 9,555,148,800 + scales ... + unquantized ... = ..."
  std::string bytes_formula;         // "Σ elements × element size = quantized 10.15 GB + BF16 3.61 GB = ... B"
};
ParameterViews parameter_views(const LabModel& m);

// [fit] "Does it fit?": the largest context (at a fixed batch) or batch (at a fixed context) whose weights plus
// KV cache fit a memory budget. The weights are all of them (every expert is resident, active or not). FitAxis is
// in llm_state.hpp, beside the setting that chooses it.
struct FitResult {
  bool weights_fit = false;    // the weights alone fit the budget
  std::int64_t largest = 0;    // the largest T (or B) that fits; 0 when none does
  bool capped = false;         // the search reached its cap (e.g. a sliding-window-only cache stops growing)
  Estimate weights;            // the weights passed in
  Estimate kv;                 // KV cache at the answer
  std::string formula;         // "weights 13.48 GB + KV(T = 129,000, B = 1) 66.5 GB ≤ 80 GB"
};

inline constexpr std::int64_t kFitContextCap = std::int64_t{1} << 30;  // tokens searched, ~1.07 B
inline constexpr std::int64_t kFitBatchCap = std::int64_t{1} << 24;    // sequences searched

// `weights` from lab_weight_bytes (or weight_bytes); `kv_dtype` is the KV cache's element type.
FitResult largest_fitting(const Architecture& arch, const Estimate& weights, DType kv_dtype, double budget_bytes,
                          FitAxis axis, std::int64_t fixed_other);

// [ladder] One counting rule from 2 parameters to 10^12: the rungs of the log ruler.
enum class RungKind { kDials, kLayers, kPreset };

struct Rung {
  std::string label;     // e.g. "Llama 2 7B"
  std::int64_t params;   // e.g. 6738415616
  RungKind kind;
  std::string preset;    // preset id for kPreset, e.g. "llama-2-7b"
};

// Parameters of the Layers lab's network: Σ_l (d_{l-1}·d_l + d_l) over inputs, hidden widths and outputs
// (3 outputs for the three-spirals set, else 1; a CSV's class count is unknown here and taken as 1).
std::int64_t layers_network_params(const LayersState& layers);

inline bool operator==(const Rung& a, const Rung& b) {
  return a.label == b.label && a.params == b.params && a.kind == b.kind && a.preset == b.preset;
}

Rung dials_rung(std::int64_t dials_params);     // y = a·x + b (2), or y = a·x (1)
Rung layers_rung(const LayersState& layers);    // "Layers network 2-4-1" and its count
std::vector<Rung> preset_rungs();               // every preset that counts, in list order

// y = a·x + b (2, or 1 without a bias), the Layers network, and every preset, sorted by count.
std::vector<Rung> ladder_rungs(std::int64_t dials_params, const LayersState& layers);
// The same from rungs already made: `presets` from preset_rungs().
std::vector<Rung> ladder_rungs(const Rung& dials, const Rung& layers, const std::vector<Rung>& presets);

}  // namespace lpp::llm
