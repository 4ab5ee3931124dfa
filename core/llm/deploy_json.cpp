// The deploy and lora objects of the shared report (count_json.hpp), one key per figure of deploy.hpp / lora.hpp.
#include "llm/deploy_json.hpp"

#include <map>

namespace lpp::llm {
namespace {

using nlohmann::json;

json est(const Estimate& e) { return {{"value", e.value}, {"unit", e.unit}, {"formula", e.formula}}; }

}  // namespace

ComponentBytes stored_component_bytes(const ParamCount& pc, const StorageReport& st) {
  std::map<std::string, Component> of;
  for (const TensorGroup& t : pc.tensors) of.emplace(t.name, t.component);
  ComponentBytes b{};
  for (const TensorStorage& t : st.tensors) {
    const auto it = of.find(t.name);
    if (!t.extra && it != of.end()) b[static_cast<int>(it->second)] += static_cast<double>(t.bytes);
  }
  return b;
}

json deploy_json(const Architecture& a, const ParamCount& pc, const ComponentBytes& bytes, const DeployRequest& q) {
  CacheOptions cache = q.cache;
  cache.tp = q.parallelism.tp;
  const SequenceCache c = sequence_cache(a, cache);
  const DevicePlacement d = place(a, pc, bytes, q.parallelism, q.cache, q.batch);
  const Fit f = fit_budget(a, pc, bytes, q.parallelism, q.cache, q.batch, q.budget_bytes);
  const Throughput t = throughput(a, pc, bytes, q.parallelism, q.cache, q.batch, *q.accelerator, q.utilisation);
  json j = {{"kv_dtype", kv_dtype_name(q.cache.dtype)},
            {"engine", kv_engine_name(q.cache.engine)},
            {"context", q.cache.context},
            {"batch", q.batch},
            {"tp", q.parallelism.tp},
            {"pp", q.parallelism.pp},
            {"ep", q.parallelism.ep},
            {"devices", d.devices},
            {"weights_source", q.weights_source}};
  j["cache"] = {{"full_attention", est(c.full_attention)}, {"window", est(c.window)},
                {"window_exact", est(c.window_exact)},     {"states", est(c.states)},
                {"per_token", est(c.per_token)},           {"total", est(c.total)},
                {"kv_heads_per_rank", c.kv_heads_per_rank}};
  j["placement"] = {{"weights_first", est(d.weights_first)}, {"weights_last", est(d.weights_last)},
                    {"weights", est(d.weights)},             {"kv_per_sequence", est(d.kv_per_sequence)},
                    {"total", est(d.total)},                 {"layers_per_stage", d.layers_per_stage}};
  j["fit"] = {{"budget", {{"value", q.budget_bytes}, {"unit", "B"}}},
              {"max_context", est(f.max_context)},
              {"max_batch", est(f.max_batch)}};
  j["throughput"] = {{"accelerator", q.accelerator->id}, {"bandwidth_tbs", q.accelerator->bandwidth_tbs},
                     {"bf16_tflops", q.accelerator->bf16_tflops}, {"fp8_tflops", q.accelerator->fp8_tflops},
                     {"bytes_per_step", est(t.bytes_per_step)}, {"decode", est(t.decode)},
                     {"prefill", est(t.prefill)}};
  j["notes"] = d.notes;
  return j;
}

json lora_json(const LoraReport& r, const LoraOptions& o) {
  json modules = json::array();
  for (const LoraModule& m : r.modules)
    modules.push_back({{"name", m.name}, {"instances", m.instances}, {"in", m.in}, {"out", m.out},
                       {"params", m.params}});
  return {{"rank", o.rank},
          {"alpha", o.alpha},
          {"scaling", r.scaling},
          {"targets", o.targets},
          {"experts", o.experts},
          {"modules_to_save", o.modules_to_save},
          {"modules", modules},
          {"lora_params", r.lora_params},
          {"saved_params", r.saved_params},
          {"trainable", r.trainable},
          {"all_params", r.all_params},
          {"trainable_percent", 100 * r.trainable_share},
          {"all_params_4bit", r.all_params_4bit},
          {"adapter_bytes", est(r.adapter_bytes)},
          {"memory", {{"full", est(r.full_memory)}, {"lora", est(r.lora_memory)}, {"qlora", est(r.qlora_memory)}}},
          {"available", r.available},
          {"notes", r.notes}};
}

}  // namespace lpp::llm
