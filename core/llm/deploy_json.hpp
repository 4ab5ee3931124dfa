// The "deploy" and "lora" objects of count_json's report, built from deploy.hpp and lora.hpp; every figure an
// {value, unit, formula} estimate as in the rest of the report. Reads no text and validates nothing itself.
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "llm/deploy.hpp"
#include "llm/lora.hpp"
#include "llm/storage.hpp"

namespace lpp::llm {

struct DeployRequest {
  Parallelism parallelism;
  CacheOptions cache;
  std::int64_t batch = 1;             // B sequences
  double budget_bytes = 0;            // per device
  const Accelerator* accelerator = nullptr;  // for the throughput bounds; must not be null
  double utilisation = 0.4;           // of peak compute, for prefill
  std::string weights_source;         // e.g. "stored (bitsandbytes nf4 ...)" or "bf16"
};

// Each component's stored bytes by the checkpoint layout (tensors matched to components by name).
ComponentBytes stored_component_bytes(const ParamCount& pc, const StorageReport& storage);

// {kv_dtype, engine, tp, pp, ep, devices, cache{...}, placement{...}, fit{...}, throughput{...}, notes}.
nlohmann::json deploy_json(const Architecture& arch, const ParamCount& pc, const ComponentBytes& bytes,
                           const DeployRequest& request);

// {rank, alpha, scaling, targets, modules[...], trainable, all_params, trainable_percent, ..., memory{...}}.
nlohmann::json lora_json(const LoraReport& report, const LoraOptions& options);

}  // namespace lpp::llm
