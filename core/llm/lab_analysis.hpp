// The LLM lab's analysis: every number its views show, worked out once per change of the spec (LlmState) from the
// resolved model, each with its formula (Estimate, or a count with its sum). Pure; the views only read it. Not here:
// resolving the model (lab_model.hpp) or the formulas themselves (estimates.hpp, param_count.hpp).
// Legend: see architecture.hpp; N parameters, T context, B batch, D training tokens.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "llm/estimates.hpp"
#include "llm/lab_model.hpp"
#include "llm/llm_state.hpp"

namespace lpp::llm {

// An exact count and how it is made, e.g. {6738415616, "N = embeddings + attention + ... = 6,738,415,616"}.
struct CountFigure {
  std::int64_t value = 0;
  std::string formula;
};

// One row of the breakdown table: a component's count with its formula and share.
struct BreakdownRow {
  ComponentRow row;
  std::string formula;   // component_formula
};

// A sample of memory against context, in GB (10^9 bytes), at the spec's batch.
struct KvSample {
  double log2_context = 0;   // x: T = 2^x tokens
  double kv_gb = 0;          // KV cache at T, B
  double total_gb = 0;       // weights + KV cache
};

// The numbers of one model in the Compare view.
struct CompareFigures {
  Estimate weights;           // lab_weight_bytes under the spec's choice (as stored, N × dtype, or GGUF)
  Estimate kv_per_token;
  Estimate kv_total;          // at the spec's T and B
  std::vector<FieldChange> against_first;   // architecture fields that differ from the first model that resolved
};

struct LlmAnalysis {
  // [headline] and the Model view
  CountFigure total;                  // N
  CountFigure active;                 // N_active
  Estimate weights;                   // lab_weight_bytes: as stored, N × the spec's dtype, or a GGUF recipe
  std::string weights_label;          // lab_weight_label, e.g. "Weights as stored"
  KvCache kv;                         // at T, B
  Estimate weights_and_kv;            // weights + KV cache at T, B
  Estimate flops_per_token;           // at T
  std::vector<BreakdownRow> breakdown;
  Estimate active_weights;            // N_active in the spec's dtype (what MoE does not save)
  CountFigure checkpoint;             // N plus the modules outside the headline (DeepSeek-V3's MTP)

  // [storage] parameters, stored elements and bytes side by side, and the model as GGUF files
  ParameterViews storage;
  std::vector<GgufEstimate> gguf;     // every recipe, in GgufRecipe order

  // [what-if] the spec's own model (shown, or rejected while the reader fixes it) against it as imported
  ParamCount imported;                // count_parameters of the imported architecture, before the overrides
  std::vector<FieldChange> changes;   // the fields the overrides change

  // [memory] "does it fit?", the plot, training
  FitResult fit;
  std::vector<KvSample> kv_curve;     // 96 samples, T = 2^kv_curve_x0 to 2^kv_curve_x1, evenly in log2 T
  double kv_curve_x0 = 8;             // log2 of the smallest T plotted
  double kv_curve_x1 = 17;            // log2 of the largest: 2 past the spec's T, at least 2^17
  double kv_curve_y_max = 1;          // GB, the plot's top: the largest total or the budget, with room
  KvSample at_context;                // the spec's own T
  TrainingMemory training;            // Adam, at the spec's precision
  Estimate training_flops;            // 6·N_active·D
  Accelerator accelerator;            // the spec's, or the table's first
  RunCost cost;                       // on `accelerator` at the spec's utilisation and devices

  // [compare] one entry per resolved compare model (failed ones get empty figures)
  std::vector<CompareFigures> compare;
};

// Every figure for `shown` (a valid, resolved model) under the settings of `s`. `chosen` is the model `s` itself
// resolves to (equal to `shown` unless a what-if change was rejected); `compare` are the models of s.compare.
LlmAnalysis analyse_llm(const LlmState& s, const LabModel& shown, const LabModel& chosen,
                        const std::vector<LabModel>& compare);

}  // namespace lpp::llm
