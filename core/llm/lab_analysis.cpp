// The LLM lab's analysis (see lab_analysis.hpp): the estimates of estimates.hpp and the formulas of lab_model.hpp,
// evaluated once for a spec.
#include "llm/lab_analysis.hpp"

#include <algorithm>
#include <cmath>

namespace lpp::llm {
namespace {

using I64 = std::int64_t;

constexpr int kCurveSamples = 96;

const Accelerator& accelerator_of(const LlmState& s) {
  const std::vector<Accelerator>& accs = default_accelerators();
  for (const Accelerator& a : accs)
    if (a.id == s.accelerator) return a;
  return accs.front();
}

}  // namespace

LlmAnalysis analyse_llm(const LlmState& s, const LabModel& shown, const LabModel& chosen,
                        const std::vector<LabModel>& compare) {
  LlmAnalysis a;
  const ParamCount& pc = shown.count;
  const Architecture& arch = shown.arch;
  a.total = {pc.total, total_formula(pc)};
  a.active = {pc.active, active_formula(pc)};
  a.weights = lab_weight_bytes(shown, s.weights, s.dtype, s.quant_group, s.gguf);
  a.weights_label = lab_weight_label(s.weights, s.dtype, s.gguf);
  a.kv = kv_cache(arch, {s.dtype, s.context, s.batch});
  a.weights_and_kv = {a.weights.value + a.kv.total.value, "B",
                      "weights + KV = " + format_bytes(a.weights.value) + " + " + format_bytes(a.kv.total.value)};
  a.flops_per_token = flops_per_token(arch, pc.active, s.context);
  for (const ComponentRow& r : component_rows(pc)) a.breakdown.push_back({r, component_formula(pc, r.component)});
  a.active_weights = weight_bytes(pc.active, s.dtype, s.quant_group);
  a.checkpoint = {pc.total, "headline " + format_count(pc.total)};
  for (const ExtraModule& e : pc.extra) {
    a.checkpoint.value += e.count;
    a.checkpoint.formula += " + " + e.name + " " + format_count(e.count);
  }
  a.checkpoint.formula += " = " + format_count(a.checkpoint.value);
  a.storage = parameter_views(shown);
  a.gguf = gguf_table(arch, pc);

  const bool chosen_imports = chosen.base.ok();
  const Architecture& base = chosen_imports ? chosen.base.arch : shown.base.arch;
  a.imported = count_parameters(base);
  a.changes = describe_changes(base, chosen_imports ? chosen.arch : shown.arch);

  a.fit = largest_fitting(arch, a.weights, s.dtype, s.memory_budget_gb * 1e9, s.fit_axis,
                          s.fit_axis == FitAxis::kContext ? s.batch : s.context);
  auto sample = [&](double log2_t) {
    const I64 t = static_cast<I64>(std::llround(std::pow(2.0, log2_t)));
    const double kv = kv_cache(arch, {s.dtype, t, s.batch}).total.value / 1e9;
    return KvSample{log2_t, kv, a.weights.value / 1e9 + kv};
  };
  a.kv_curve_x1 = std::max(17.0, std::ceil(std::log2(static_cast<double>(s.context))) + 2);
  for (int i = 0; i < kCurveSamples; ++i)
    a.kv_curve.push_back(sample(a.kv_curve_x0 + (a.kv_curve_x1 - a.kv_curve_x0) * i / (kCurveSamples - 1)));
  a.kv_curve_y_max = std::max(a.kv_curve.back().total_gb, s.memory_budget_gb) * 1.08;
  a.at_context = sample(std::log2(static_cast<double>(s.context)));

  a.training = training_memory(pc.total, s.mixed_precision);
  a.training_flops = training_flops(pc.active, s.training_tokens);
  a.accelerator = accelerator_of(s);
  a.cost = run_cost(a.training_flops.value, a.accelerator, s.utilisation, s.devices);

  const LabModel* first = nullptr;
  for (const LabModel& m : compare) {
    CompareFigures c;
    if (m.ok()) {
      const KvCache kv = kv_cache(m.arch, {s.dtype, s.context, s.batch});
      c = {lab_weight_bytes(m, s.weights, s.dtype, s.quant_group, s.gguf), kv.per_token, kv.total, {}};
      if (first) c.against_first = describe_changes(first->arch, m.arch);
      else first = &m;
    }
    a.compare.push_back(c);
  }
  return a;
}

}  // namespace lpp::llm
