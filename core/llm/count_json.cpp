// Assembles the report of count_json.hpp from the importer, the counter and the estimates.
#include "llm/count_json.hpp"

#include <algorithm>
#include <cctype>

#include "llm/deploy_json.hpp"
#include "llm/estimates.hpp"
#include "llm/gguf_recipes.hpp"
#include "llm/param_count.hpp"
#include "llm/presets.hpp"
#include "llm/storage.hpp"

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

json stored_json(const StoredTensor& s) {
  return {{"name", s.name}, {"shape", s.shape}, {"dtype", store_type_name(s.type)}, {"elements", s.elements},
          {"bytes", s.bytes}};
}

// The storage rows of one tensor group (several when a skip list names some of its layers).
json tensor_storage_json(const StorageReport& st, const std::string& name, bool extra) {
  json rows = json::array();
  for (const TensorStorage& t : st.tensors) {
    if (t.name != name || t.extra != extra) continue;
    json row = {{"quantized", t.quantized}, {"elements", t.elements}, {"bytes", t.bytes}, {"stored", json::array()}};
    if (!t.layers.empty()) row["layers"] = t.layers;
    for (const StoredTensor& s : t.stored) row["stored"].push_back(stored_json(s));
    rows.push_back(row);
  }
  return rows;
}

json storage_json(const StorageReport& st) {
  const QuantScheme& q = st.format.scheme;
  const char* methods[] = {"none", "mxfp4", "fp8", "gptq", "awq", "bitsandbytes-4bit", "bitsandbytes-8bit",
                           "compressed-tensors"};
  json j = {{"method", methods[static_cast<int>(q.method)]},
            {"dtype", store_type_name(st.format.dtype)},
            {"dtype_source", st.format.dtype_source}};
  if (!q.label.empty()) j["label"] = q.label;
  if (!st.format.ok()) {
    j["errors"] = st.format.errors;
    return j;
  }
  j["parameters"] = st.parameters;
  j["parameters_stored"] = st.parameters_stored;
  j["elements"] = st.elements;
  j["bytes"] = st.bytes;
  j["main_bytes"] = st.main_bytes;
  j["quantized_parameters"] = st.quantized_params;
  j["quantized_elements"] = st.quantized_elements;
  j["aux_elements"] = st.aux_elements;
  j["why"] = st.why;
  j["notes"] = st.notes;
  return j;
}

json gguf_json(const GgufEstimate& g) {
  json types = json::object();
  for (const auto& [type, n] : g.params_by_type) types[ggml_type_traits(type).name] = n;
  return {{"recipe", gguf_recipe_name(g.recipe)}, {"rule", gguf_recipe_rule(g.recipe)}, {"bytes", g.bytes},
          {"bits_per_weight", g.bits_per_weight}, {"params", types}, {"formula", g.formula}};
}

// Above this many parameters the byte figures could leave 64-bit integers; no real model comes near.
constexpr std::int64_t kMaxStoredParams = std::int64_t{1} << 56;

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
  for (const Accelerator& a : default_accelerators())
    if (a.id == o.accelerator) accelerator = &a;
  if (!accelerator) option_errors.push_back("accelerator \"" + o.accelerator.substr(0, 40) + "\" is not in the table");
  DeployRequest deploy;
  if (!parse_kv_dtype(o.kv_dtype, &deploy.cache.dtype))
    option_errors.push_back("kv_dtype \"" + o.kv_dtype.substr(0, 40) + "\" is not one of fp32, bf16, fp16, fp8, q8_0, q4_0");
  if (!parse_kv_engine(o.kv_engine, &deploy.cache.engine))
    option_errors.push_back("kv_engine \"" + o.kv_engine.substr(0, 40) +
                            "\" is not one of exact, paged-full, paged-window, llama.cpp");
  if (o.kv_shared_layers < 0)
    option_errors.push_back("kv_shared_layers (" + std::to_string(o.kv_shared_layers) + ") must not be negative");
  if (!(o.budget_gb >= 0 && o.budget_gb < 1e9)) option_errors.push_back("budget_gb must be a size in GB (0 = the accelerator's)");
  LoraOptions lora;
  if (o.lora_rank > 0) {
    lora.rank = o.lora_rank;
    lora.alpha = o.lora_alpha > 0 ? o.lora_alpha : 2.0 * static_cast<double>(o.lora_rank);
    lora.targets = parse_lora_targets(o.lora_targets, &option_errors);
    lora.experts = o.lora_experts;
    if (!o.lora_save.empty()) lora.modules_to_save = parse_lora_targets(o.lora_save, &option_errors);
  } else if (o.lora_rank < 0) {
    option_errors.push_back("lora_rank (" + std::to_string(o.lora_rank) + ") must not be negative");
  }
  if (o.training_tokens > 0) {
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
  // Where each architectural quantity came from: {key, value, rule} (rule only for defaults and derivations).
  json prov = json::array();
  for (const Provenance& p : r.provenance) {
    json e = {{"key", p.key}, {"value", p.value}, {"defaulted", p.defaulted}};
    if (!p.rule.empty()) e["rule"] = p.rule;
    prov.push_back(std::move(e));
  }
  j["provenance"] = prov;
  j["ignored_keys"] = r.ignored_keys;
  j["total"] = pc.total;
  j["active"] = pc.active;
  j["weights"] = pc.weights;
  j["biases"] = pc.biases;
  json comps = json::object();
  for (int c = 0; c < kComponentCount; ++c) comps[component_name(static_cast<Component>(c))] = pc.components[c];
  j["components"] = comps;

  // Parameters, stored elements and bytes: the checkpoint as its quantization_config and dtype lay it out.
  StorageReport storage;
  storage.format = checkpoint_format_of_text(preset_id.empty() ? text : std::string_view(preset_id));
  std::int64_t stored_params = pc.total;
  bool sized = true;
  for (const ExtraModule& m : pc.extra) sized = sized && !__builtin_add_overflow(stored_params, m.count, &stored_params);
  sized = sized && stored_params < kMaxStoredParams;
  if (storage.format.ok() && sized) storage = storage_report(pc, storage.format);
  const bool stored_ok = storage.format.ok() && sized && storage.overflow.empty();
  j["stored_elements"] = stored_ok ? json(storage.elements) : json(nullptr);
  j["stored_bytes"] = stored_ok ? json(storage.bytes) : json(nullptr);
  j["storage"] = storage_json(storage);
  if (!sized || !storage.overflow.empty())
    j["storage"]["errors"] = {sized ? storage.overflow : "too many parameters to lay out in bytes"};

  json extra = json::array();
  std::int64_t with_extra = pc.total;
  for (const ExtraModule& m : pc.extra) {
    json e = {{"name", m.name}, {"count", m.count}, {"description", m.description}};
    if (o.tensors) {
      e["tensors"] = json::array();
      for (const TensorGroup& tg : m.tensors) {
        json tj = tensor_json(tg);
        if (stored_ok) tj["storage"] = tensor_storage_json(storage, tg.name, true);
        e["tensors"].push_back(tj);
      }
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

  if (stored_ok) {
    est["stored_weight_bytes"] = {{"value", static_cast<double>(storage.main_bytes)}, {"unit", "B"},
                                  {"formula", "Σ tensors as stored (" +
                                                  (storage.format.scheme.label.empty() ? std::string(store_type_name(storage.format.dtype))
                                                                                       : storage.format.scheme.label) +
                                                  ") = " + format_bytes(static_cast<double>(storage.main_bytes))}};
  }
  j["estimates"] = est;
  j["gguf"] = json::array();
  if (sized)
    for (const GgufEstimate& g : gguf_table(r.arch, pc)) j["gguf"].push_back(gguf_json(g));

  if (accelerator && o.training_tokens > 0) {
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

  deploy.parallelism = {o.tp, o.pp, o.ep};
  const std::vector<std::string> parallel_errors = validate_parallelism(r.arch, deploy.parallelism);
  if (!parallel_errors.empty()) return error_report(parallel_errors);
  deploy.cache.context = o.context;
  deploy.cache.shared_kv_layers = o.kv_shared_layers;
  deploy.batch = o.batch;
  deploy.accelerator = accelerator;
  deploy.utilisation = o.utilisation;
  deploy.budget_bytes = o.budget_gb > 0 ? o.budget_gb * 1e9 : accelerator->memory_gb * 1e9 * 0.9;
  // Weights as the checkpoint stores them unless --dtype asks otherwise; an unquantized fp32 checkpoint is served
  // in half precision (vLLM's dtype "auto" downcasts float32).
  const bool fp32_checkpoint = storage.format.scheme.method == QuantMethod::kNone && storage.format.dtype == StoreType::kF32;
  const bool use_stored = stored_ok && o.dtype == "bf16" && !fp32_checkpoint;
  deploy.weights_source = use_stored ? "stored: " + (storage.format.scheme.label.empty()
                                                         ? std::string(store_type_name(storage.format.dtype))
                                                         : storage.format.scheme.label)
                                     : std::string(dtype_name(dtype)) +
                                           (fp32_checkpoint && o.dtype == "bf16" ? " (the F32 checkpoint served in half precision)" : "");
  const ComponentBytes bytes = use_stored ? stored_component_bytes(pc, storage) : component_bytes_at(pc, dtype_bits(dtype));
  j["deploy"] = deploy_json(r.arch, pc, bytes, deploy);
  if (o.lora_rank > 0) {
    const LoraReport lr = lora_report(r.arch, pc, lora);
    if (!lr.errors.empty()) return error_report(lr.errors);
    j["lora"] = lora_json(lr, lora);
  }

  if (o.tensors) {
    j["tensors"] = json::array();
    for (const TensorGroup& tg : pc.tensors) {
      json tj = tensor_json(tg);
      if (stored_ok) tj["storage"] = tensor_storage_json(storage, tg.name, false);
      j["tensors"].push_back(tj);
    }
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
