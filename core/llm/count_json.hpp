// The one report every front end shows: config or preset text in, a JSON object out (counts, components, extra
// modules, estimates, optionally tensors). The CLI's --json and the page's JS API both print exactly this, so
// the numbers are identical everywhere. Never throws; errors come back as {"error": ..., "errors": [...]}.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lpp::llm {

struct JsonOptions {
  bool tensors = false;          // include "tensors": [{name, shape, count, ...}]
  std::string dtype = "bf16";    // weights and KV cache dtype for the estimates, e.g. "bf16", "int4"
  std::int64_t context = 4096;   // T for the KV cache and attention FLOPs, e.g. 4096
  std::int64_t batch = 1;        // B sequences for the KV cache, e.g. 1
  double training_tokens = 0;    // D; > 0 adds "training" (6·N·D, time and energy), e.g. 2e12
  std::string accelerator = "h100-sxm";  // id in the accelerator table, e.g. "a100-sxm"
  double utilisation = 0.4;      // fraction of peak reached (MFU), e.g. 0.4
  std::int64_t devices = 1;      // accelerators training together, e.g. 2048
  // "deploy": caches as an engine allocates them, placement on tp · pp devices, the budget fit, throughput bounds
  std::int64_t tp = 1, pp = 1, ep = 1;   // tensor, pipeline and expert parallel degrees, e.g. 8, 1, 1
  std::string kv_dtype = "bf16";         // KV cache elements: fp32, bf16, fp16, fp8, q8_0, q4_0
  std::string kv_engine = "exact";       // exact, paged-full, paged-window, llama.cpp
  double budget_gb = 0;                  // per-device memory budget in GB; 0 = the accelerator's memory × 0.9
  std::int64_t kv_shared_layers = 0;     // attention layers reusing an earlier layer's KV, e.g. 10 for Gemma-3n
  // "lora" (with lora_rank > 0): trainable parameters, adapter size, full / LoRA / QLoRA memory
  std::int64_t lora_rank = 0;            // r, e.g. 16
  double lora_alpha = 0;                 // 0 = 2 · r
  std::string lora_targets = "q_proj,v_proj";  // module names, comma-separated, or "all-linear"
  bool lora_experts = true;              // also wrap routed experts' Linears
  std::string lora_save;                 // modules_to_save, comma-separated, e.g. "lm_head"
  int indent = -1;               // -1 compact, 2 pretty
};

// The object's keys: model_type, name/source/caveats (presets), best_effort, assumptions, notes, provenance
// [{key, value, defaulted, rule}] (each quantity a config.json family read: its key path, or the default taken and
// why), ignored_keys (present but not read by the family), total, active,
// weights, biases, components {embeddings, attention, mlp, experts, shared_experts, router, norms, lm_head},
// extra_modules [{name, count, description}], total_with_extra, architecture, estimates {dtype, context, batch,
// weight_bytes, stored_weight_bytes, kv_cache_per_token, kv_cache, training_memory, flops_per_token}, training (with
// tokens), tensors (with the option; each with its "storage" rows). Each estimate is {value, unit, formula}.
// stored_elements and stored_bytes: the checkpoint as quantization_config and torch_dtype lay it out (null when
// that config is unreadable), with "storage" {method, label, dtype, parameters, elements, bytes, why, notes or
// errors}; "gguf": one {recipe, rule, bytes, bits_per_weight, params by ggml type, formula} per llama.cpp recipe;
// "deploy" and "lora" as deploy_json.hpp lays them out.

// `text` is a config.json, a preset/reference file, an explicit architecture, or a preset id ("llama-2-7b").
nlohmann::json count_report(std::string_view text, const JsonOptions& options);

// count_report serialised (invalid UTF-8 replaced, never throws).
std::string count_json(std::string_view text, const JsonOptions& options);

}  // namespace lpp::llm
