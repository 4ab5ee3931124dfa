// The LLM lab's pure model logic (see lab_model.hpp).
// [SECTION] model  [SECTION] what-if  [SECTION] formulas (and component rows)  [SECTION] fit  [SECTION] ladder
#include "llm/lab_model.hpp"

#include <algorithm>
#include <cstdio>

#include "llm/presets.hpp"
#include "nn/datasets.hpp"
#include "nn/mlp.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;
using I64 = std::int64_t;

std::string json_value_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// "model.layers.{i}.self_attn.q_proj.weight" -> "q_proj.weight": enough to tell the terms of a sum apart.
std::string short_name(const std::string& name) {
  const std::size_t last = name.rfind('.');
  if (last == std::string::npos || last == 0) return name;
  const std::size_t prev = name.rfind('.', last - 1);
  return prev == std::string::npos ? name : name.substr(prev + 1);
}

std::string shape_text(const std::vector<I64>& shape) {
  std::string s;
  for (I64 d : shape) s += (s.empty() ? "" : "·") + format_count(d);
  return s.empty() ? "1" : s;
}

}  // namespace

// [SECTION] model

LabModel resolve_lab_model(std::string_view preset_id, std::string_view config_text, const json& overrides) {
  LabModel m;
  m.resolved = true;
  m.base = config_text.empty() ? load_preset(preset_id) : import_model_text(config_text);
  if (!m.base.ok()) {
    m.errors = m.base.errors;
    return m;
  }
  m.arch = m.base.arch;
  if (overrides.is_object() && !overrides.empty()) {
    m.arch = architecture_from_json(overrides, m.base.arch, &m.errors);
    if (!m.ok()) return m;
    m.errors = validate(m.arch, m.base.keys);
    if (!m.ok()) return m;
  }
  m.count = count_parameters(m.arch);
  if (!m.count.overflow.empty()) {
    m.errors.push_back(m.count.overflow);
    return m;
  }
  m.storage.format = checkpoint_format_of_text(config_text.empty() ? preset_id : config_text);
  if (m.storage.format.ok()) {
    const CheckpointFormat format = m.storage.format;
    m.storage = storage_report(m.count, format);
  }
  return m;
}

std::string lab_model_name(const LabModel& m) {
  return m.base.name.empty() ? m.base.arch.model_type : m.base.name;
}

namespace {

void choose_model_of(LlmState& s, const LlmState& from) {
  s.preset = from.preset;
  s.config_text = from.config_text;
  s.config_name = from.config_name;
  s.overrides = from.overrides;
}

LabModel resolve_choice(const LlmState& s) { return resolve_lab_model(s.preset, s.config_text, s.overrides); }

}  // namespace

std::string keep_valid_model(LlmState& s, const LlmState& previous) {
  const LabModel m = resolve_choice(s);
  if (m.ok()) return "";
  // Which key failed: the config (or preset) itself, else the what-if overrides applied to it.
  const bool base_failed = !m.base.ok();
  const char* key = !base_failed ? "m.over" : s.config_text.empty() ? "m.preset" : "m.config";
  LlmState fallback;                      // the default preset, as it ships
  fallback.preset = s.preset;             // the preset as it ships, if the chosen one loads
  LabModel kept = resolve_choice(previous);
  if (kept.ok()) {
    choose_model_of(s, previous);
  } else if (kept = resolve_choice(fallback); kept.ok()) {
    choose_model_of(s, fallback);
  } else {
    choose_model_of(s, LlmState{});
    kept = resolve_choice(s);
  }
  std::string why;   // every error, joined as paramcount prints them
  for (const std::string& e : m.errors) why += (why.empty() ? "" : "; ") + e;
  return std::string(key) + ": " + why + "; kept " + lab_model_name(kept);
}

// [SECTION] what-if

json architecture_overrides(const Architecture& base, const Architecture& edited) {
  const json a = architecture_to_json(base), b = architecture_to_json(edited);
  json diff = json::object();
  for (const auto& [key, v] : b.items())
    if (!a.contains(key) || a[key] != v) diff[key] = v;
  return diff;
}

std::vector<FieldChange> describe_changes(const Architecture& base, const Architecture& edited) {
  const json a = architecture_to_json(base);
  const json diff = architecture_overrides(base, edited);  // named: items() of a temporary would dangle
  std::vector<FieldChange> out;
  for (const auto& [key, v] : diff.items())
    out.push_back({key, a.contains(key) ? json_value_text(a[key]) : "", json_value_text(v)});
  return out;
}

// [SECTION] formulas

std::vector<ComponentRow> component_rows(const ParamCount& pc) {
  std::vector<ComponentRow> rows;
  for (int i = 0; i < kComponentCount; ++i) {
    if (pc.components[i] == 0) continue;
    ComponentRow r{static_cast<Component>(i), pc.components[i], 0, 0, 0};
    for (const TensorGroup& t : pc.tensors)
      if (t.component == r.component) (t.bias ? r.biases : r.weights) += t.count;
    r.share = pc.total > 0 ? static_cast<double>(r.params) / static_cast<double>(pc.total) : 0;
    rows.push_back(r);
  }
  return rows;
}

std::string component_formula(const ParamCount& pc, Component c) {
  std::string terms;
  I64 sum = 0;
  int shown = 0;
  constexpr int kMaxTerms = 8;  // a formula longer than this stops teaching; the inventory has the rest
  for (const TensorGroup& t : pc.tensors) {
    if (t.component != c) continue;
    sum += t.count;
    if (++shown > kMaxTerms) continue;
    terms += (terms.empty() ? "" : " + ") +
             (t.repeat > 1 ? format_count(t.repeat) + " × " : std::string()) + "(" + shape_text(t.shape) + ") " +
             short_name(t.name);
  }
  if (shown == 0) return std::string(component_name(c)) + " = 0 (no such tensors)";
  if (shown > kMaxTerms) terms += " + " + std::to_string(shown - kMaxTerms) + " more";
  return std::string(component_name(c)) + " = " + terms + " = " + format_count(sum);
}

std::string total_formula(const ParamCount& pc) {
  std::string names, values;
  for (int i = 0; i < kComponentCount; ++i) {
    if (pc.components[i] == 0) continue;
    names += (names.empty() ? "" : " + ") + std::string(component_name(static_cast<Component>(i)));
    values += (values.empty() ? "" : " + ") + format_count(pc.components[i]);
  }
  return "N = " + names + " = " + values + " = " + format_count(pc.total);
}

std::string active_formula(const ParamCount& pc) {
  const I64 skipped = pc.total - pc.active;
  if (skipped == 0) return "N_active = N = " + format_count(pc.total) + " (dense: every token uses every parameter)";
  return "N_active = N − routed experts outside the top-k = " + format_count(pc.total) + " − " +
         format_count(skipped) + " = " + format_count(pc.active);
}

// [SECTION] fit

namespace {

bool storage_known(const StorageReport& s) {
  return s.format.ok() && s.overflow.empty() && !s.tensors.empty();
}

std::string storage_label(const StorageReport& s) {
  return s.format.scheme.label.empty() ? std::string("unquantized ") + store_type_name(s.format.dtype)
                                       : s.format.scheme.label;
}

std::string storage_unknown_why(const StorageReport& s) {
  if (!s.format.errors.empty()) return s.format.errors.front();
  return s.overflow.empty() ? std::string("no tensors to lay out") : s.overflow;
}

// Bytes of the quantized tensors, of the other tensors, and of the extra modules (MTP), over a report's rows.
struct ByteSplit {
  I64 quantized = 0, plain = 0, extra = 0;
};

ByteSplit byte_split(const StorageReport& s) {
  ByteSplit b;
  for (const TensorStorage& t : s.tensors) (t.extra ? b.extra : t.quantized ? b.quantized : b.plain) += t.bytes;
  return b;
}

}  // namespace

Estimate lab_weight_bytes(const LabModel& m, WeightSource source, DType dtype, I64 group_size, GgufRecipe recipe) {
  if (source == WeightSource::kGguf) {
    const GgufEstimate g = gguf_estimate(m.arch, m.count, recipe);
    return {static_cast<double>(g.bytes), "B", std::string("GGUF ") + gguf_recipe_name(recipe) + ": " + g.formula};
  }
  if (source == WeightSource::kStored && storage_known(m.storage)) {
    const ByteSplit b = byte_split(m.storage);
    std::string formula = "as stored (" + storage_label(m.storage) + "): ";
    if (b.quantized > 0)
      formula += "quantized tensors " + format_bytes(static_cast<double>(b.quantized)) + " + the rest in " +
                 store_type_name(m.storage.format.dtype) + " " + format_bytes(static_cast<double>(b.plain)) + " = ";
    else formula += "N · " + std::to_string(store_type_bytes(m.storage.format.dtype)) + " B = ";
    formula += format_bytes(static_cast<double>(m.storage.main_bytes));
    if (b.extra > 0) formula += " (the " + format_bytes(static_cast<double>(b.extra)) + " of extra modules is not loaded)";
    return {static_cast<double>(m.storage.main_bytes), "B", formula};
  }
  Estimate e = weight_bytes(m.count.total, dtype, group_size);
  if (source == WeightSource::kStored) e.formula = "checkpoint layout unknown (" + storage_unknown_why(m.storage) + "): " + e.formula;
  return e;
}

std::string lab_weight_label(WeightSource source, DType dtype, GgufRecipe recipe) {
  switch (source) {
    case WeightSource::kStored: return "Weights as stored";
    case WeightSource::kDtype: return std::string("Weights in ") + dtype_name(dtype);
    case WeightSource::kGguf: return std::string("Weights in GGUF ") + gguf_recipe_name(recipe);
  }
  return "Weights";
}

ParameterViews parameter_views(const LabModel& m) {
  ParameterViews v;
  v.parameters = m.count.total;
  const StorageReport& s = m.storage;
  if (!storage_known(s)) {
    v.why = "The stored layout is unknown: " + storage_unknown_why(s) + ".";
    return v;
  }
  v.stored_elements = s.elements;
  v.stored_bytes = s.bytes;
  v.label = storage_label(s);
  v.why = s.why;
  const I64 plain = s.elements - s.quantized_elements - s.aux_elements;
  v.elements_formula = s.quantized_elements > 0
                           ? "packed codes " + format_count(s.quantized_elements) + " + scales and other side tensors " +
                                 format_count(s.aux_elements) + " + unquantized " + format_count(plain) + " = " +
                                 format_count(s.elements)
                           : "one element a parameter" +
                                 std::string(s.parameters_stored > s.parameters ? ", extra modules included" : "") +
                                 " = " + format_count(s.elements);
  const ByteSplit b = byte_split(s);
  v.bytes_formula = "Σ elements × element size = ";
  if (b.quantized > 0) v.bytes_formula += "quantized " + format_bytes(static_cast<double>(b.quantized)) + " + ";
  v.bytes_formula += std::string(store_type_name(s.format.dtype)) + " " + format_bytes(static_cast<double>(b.plain));
  if (b.extra > 0) v.bytes_formula += " + extra modules " + format_bytes(static_cast<double>(b.extra));
  v.bytes_formula += " = " + format_count(s.bytes) + " B";
  return v;
}

FitResult largest_fitting(const Architecture& arch, const Estimate& weights, DType dtype, double budget_bytes,
                          FitAxis axis, I64 fixed_other) {
  FitResult r;
  r.weights = weights;
  const bool by_context = axis == FitAxis::kContext;
  const I64 cap = by_context ? kFitContextCap : kFitBatchCap;
  const I64 other = std::max<I64>(1, fixed_other);
  auto kv_at = [&](I64 n) {
    return kv_cache(arch, {dtype, by_context ? n : other, by_context ? other : n}).total;
  };
  auto fits = [&](I64 n) { return r.weights.value + kv_at(n).value <= budget_bytes; };
  const std::string budget = format_bytes(budget_bytes);
  r.weights_fit = r.weights.value <= budget_bytes;
  if (!r.weights_fit) {
    r.formula = "weights " + r.weights.formula + " > budget " + budget + ": the weights alone do not fit";
    return r;
  }
  // weights + KV(n) never decreases with n (windows only cap it), so the answer is a bisection.
  I64 lo = 0, hi = cap;
  if (fits(cap)) {
    lo = cap;
    r.capped = true;
  }
  while (lo < hi) {
    const I64 mid = lo + (hi - lo + 1) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  r.largest = lo;
  const char* var = by_context ? "T" : "B";
  const char* fixed = by_context ? "B" : "T";
  if (lo == 0) {
    r.kv = kv_at(1);
    r.formula = "weights " + format_bytes(r.weights.value) + " + KV(" + var + " = 1, " + fixed + " = " +
                format_count(other) + ") " + format_bytes(r.kv.value) + " > budget " + budget;
    return r;
  }
  r.kv = kv_at(lo);
  r.formula = "largest " + std::string(var) + " with weights + KV ≤ M: " + format_bytes(r.weights.value) +
              " + KV(" + var + " = " + format_count(lo) + ", " + fixed + " = " + format_count(other) + ") " +
              format_bytes(r.kv.value) + " ≤ " + budget + (r.capped ? " (search capped: the cache stops growing)" : "");
  return r;
}

// [SECTION] ladder

I64 layers_network_params(const LayersState& layers) {
  std::vector<int> widths = {feature_count(layers.features)};
  for (const HiddenLayer& h : layers.hidden) widths.push_back(h.width);
  widths.push_back(layers.data == DataSetKind::ThreeSpirals ? 3 : 1);
  return total_param_count(widths);
}

Rung dials_rung(I64 dials_params) {
  return {dials_params == 1 ? "y = a·x" : "y = a·x + b", dials_params, RungKind::kDials, ""};
}

Rung layers_rung(const LayersState& layers) {
  std::string shape = std::to_string(feature_count(layers.features));
  for (const HiddenLayer& h : layers.hidden) shape += "-" + std::to_string(h.width);
  shape += layers.data == DataSetKind::ThreeSpirals ? "-3" : "-1";
  return {"Layers network " + shape, layers_network_params(layers), RungKind::kLayers, ""};
}

std::vector<Rung> preset_rungs() {
  std::vector<Rung> rungs;
  for (const PresetInfo& p : list_presets()) {
    const ImportResult r = load_preset(p.id);
    if (!r.ok()) continue;
    const ParamCount pc = count_parameters(r.arch);
    if (pc.overflow.empty()) rungs.push_back({p.name, pc.total, RungKind::kPreset, p.id});
  }
  return rungs;
}

std::vector<Rung> ladder_rungs(const Rung& dials, const Rung& layers, const std::vector<Rung>& presets) {
  std::vector<Rung> rungs = {dials, layers};
  rungs.insert(rungs.end(), presets.begin(), presets.end());
  std::stable_sort(rungs.begin(), rungs.end(), [](const Rung& a, const Rung& b) { return a.params < b.params; });
  return rungs;
}

std::vector<Rung> ladder_rungs(I64 dials_params, const LayersState& layers) {
  return ladder_rungs(dials_rung(dials_params), layers_rung(layers), preset_rungs());
}

}  // namespace lpp::llm
