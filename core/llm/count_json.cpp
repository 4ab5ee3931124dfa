// Assembles the report of count_json.hpp from the importer, the counter and the estimates.
#include "llm/count_json.hpp"

#include <algorithm>
#include <cctype>

#include "llm/estimates.hpp"
#include "llm/param_count.hpp"
#include "llm/presets.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;

json error_report(const std::vector<std::string>& errors) {
  json j = json::object();
  std::string all;
  for (const std::string& e : errors) all += (all.empty() ? "" : "; ") + e;
  j["error"] = all;
  j["errors"] = errors;
  return j;
}

json estimate_json(const Estimate& e) { return {{"value", e.value}, {"unit", e.unit}, {"formula", e.formula}}; }

json tensor_json(const TensorGroup& t) {
  json j = {{"name", t.name}, {"shape", t.shape}, {"count", t.count}, {"each", t.each}, {"repeat", t.repeat},
            {"component", component_name(t.component)}, {"bias", t.bias}};
  if (!t.layers.empty()) j["layers"] = t.layers;
  if (t.experts > 0) j["experts"] = t.experts;
  if (t.inactive > 0) j["inactive"] = t.inactive;
  return j;
}

// "hidden_size (1000000000000000)": the largest size field, the likely culprit of an overflow.
std::string largest_field(const ImportResult& r) {
  const Architecture& a = r.arch;
  const std::pair<std::string, std::int64_t> fields[] = {
      {r.keys.hidden_size.empty() ? "hidden_size" : r.keys.hidden_size, a.hidden_size},
      {r.keys.vocab_size.empty() ? "vocab_size" : r.keys.vocab_size, a.vocab_size},
      {r.keys.intermediate_size.empty() ? "intermediate_size" : r.keys.intermediate_size, a.intermediate_size},
      {r.keys.num_layers.empty() ? "num_layers" : r.keys.num_layers, a.num_layers},
      {r.keys.num_heads.empty() ? "num_heads" : r.keys.num_heads, a.num_heads},
      {r.keys.head_dim.empty() ? "head_dim" : r.keys.head_dim, a.head_dim},
      {r.keys.num_experts.empty() ? "num_experts" : r.keys.num_experts, a.num_experts},
      {r.keys.expert_intermediate_size.empty() ? "expert_intermediate_size" : r.keys.expert_intermediate_size,
       a.expert_intermediate_size},
  };
  const auto* best = std::max_element(std::begin(fields), std::end(fields),
                                      [](const auto& x, const auto& y) { return x.second < y.second; });
  return best->first + " (" + std::to_string(best->second) + ")";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

json count_report(std::string_view text, const JsonOptions& o) {
  DType dtype = DType::kBf16;
  std::vector<std::string> option_errors;
  if (!parse_dtype(o.dtype, &dtype)) option_errors.push_back("dtype \"" + o.dtype.substr(0, 40) +
                                                             "\" is not one of fp32, bf16, fp16, fp8, int8, int4");
  if (o.context < 1) option_errors.push_back("context (" + std::to_string(o.context) + ") must be positive");
  if (o.batch < 1) option_errors.push_back("batch (" + std::to_string(o.batch) + ") must be positive");
  const Accelerator* accelerator = nullptr;
  if (o.training_tokens > 0) {
    for (const Accelerator& a : default_accelerators())
      if (a.id == o.accelerator) accelerator = &a;
    if (!accelerator) option_errors.push_back("accelerator \"" + o.accelerator.substr(0, 40) + "\" is not in the table");
    if (!(o.utilisation > 0 && o.utilisation <= 1)) option_errors.push_back("utilisation must be in (0, 1]");
    if (o.devices < 1) option_errors.push_back("devices (" + std::to_string(o.devices) + ") must be positive");
  } else if (!(o.training_tokens == 0)) {
    option_errors.push_back("training tokens must not be negative");
  }
  if (!option_errors.empty()) return error_report(option_errors);

  const std::string_view t = trim(text);
  ImportResult r;
  std::string preset_id;
  if (!t.empty() && t.front() != '{' && !preset_text(t).empty()) {
    preset_id = std::string(t);
    r = load_preset(t);
  } else {
    r = import_model_text(text);
  }
  if (!r.ok()) return error_report(r.errors);

  const ParamCount pc = count_parameters(r.arch);
  if (!pc.overflow.empty()) return error_report({pc.overflow + "; check " + largest_field(r)});

  json j = json::object();
  j["model_type"] = r.arch.model_type;
  if (!preset_id.empty()) j["preset"] = preset_id;
  if (!r.name.empty()) j["name"] = r.name;
  if (!r.source.empty()) j["source"] = r.source;
  if (!r.caveats.empty()) j["caveats"] = r.caveats;
  j["best_effort"] = r.best_effort;
  j["assumptions"] = r.assumptions;
  std::vector<std::string> notes = r.notes;
  notes.insert(notes.end(), pc.notes.begin(), pc.notes.end());
  j["notes"] = notes;
  j["total"] = pc.total;
  j["active"] = pc.active;
  j["weights"] = pc.weights;
  j["biases"] = pc.biases;
  json comps = json::object();
  for (int c = 0; c < kComponentCount; ++c) comps[component_name(static_cast<Component>(c))] = pc.components[c];
  j["components"] = comps;
  json extra = json::array();
  std::int64_t with_extra = pc.total;
  for (const ExtraModule& m : pc.extra) {
    json e = {{"name", m.name}, {"count", m.count}, {"description", m.description}};
    if (o.tensors) {
      e["tensors"] = json::array();
      for (const TensorGroup& tg : m.tensors) e["tensors"].push_back(tensor_json(tg));
    }
    extra.push_back(e);
    if (__builtin_add_overflow(with_extra, m.count, &with_extra))
      return error_report({"total with extra modules overflows 64-bit integers; check " + largest_field(r)});
  }
  j["extra_modules"] = extra;
  j["total_with_extra"] = with_extra;
  j["architecture"] = architecture_to_json(r.arch);

  json est = json::object();
  est["dtype"] = dtype_name(dtype);
  est["context"] = o.context;
  est["batch"] = o.batch;
  est["weight_bytes"] = estimate_json(weight_bytes(pc.total, dtype));
  if (with_extra != pc.total) est["weight_bytes_with_extra"] = estimate_json(weight_bytes(with_extra, dtype));
  const KvCache kv = kv_cache(r.arch, {dtype, o.context, o.batch});
  est["kv_cache_per_token"] = estimate_json(kv.per_token);
  est["kv_cache"] = estimate_json(kv.total);
  const TrainingMemory tm = training_memory(pc.total, true);
  est["training_memory"] = {{"weights", estimate_json(tm.weights)},
                            {"gradients", estimate_json(tm.gradients)},
                            {"master_weights", estimate_json(tm.master_weights)},
                            {"optimizer", estimate_json(tm.optimizer)},
                            {"total", estimate_json(tm.total)}};
  est["flops_per_token"] = estimate_json(flops_per_token(r.arch, pc.active, o.context));
  j["estimates"] = est;

  if (accelerator) {
    const Estimate compute = training_flops(pc.active, o.training_tokens);
    const RunCost cost = run_cost(compute.value, *accelerator, o.utilisation, o.devices);
    j["training"] = {{"tokens", o.training_tokens},
                     {"accelerator", {{"id", accelerator->id}, {"name", accelerator->name},
                                      {"bf16_tflops", accelerator->bf16_tflops}, {"watts", accelerator->watts},
                                      {"source", accelerator->source}}},
                     {"utilisation", o.utilisation},
                     {"devices", o.devices},
                     {"compute", estimate_json(compute)},
                     {"time", estimate_json(cost.seconds)},
                     {"energy", estimate_json(cost.energy)}};
  }

  if (o.tensors) {
    j["tensors"] = json::array();
    for (const TensorGroup& tg : pc.tensors) j["tensors"].push_back(tensor_json(tg));
  }
  return j;
}

std::string count_json(std::string_view text, const JsonOptions& o) {
  try {
    return count_report(text, o).dump(o.indent, ' ', false, json::error_handler_t::replace);
  } catch (const std::exception& e) {  // allocation failure or a bug: still one JSON object, never a throw
    return json{{"error", std::string("internal error: ") + e.what()}}.dump(-1, ' ', false,
                                                                              json::error_handler_t::replace);
  }
}

}  // namespace lpp::llm
