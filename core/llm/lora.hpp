// LoRA and QLoRA on a counted model: which of its own modules an adapter of rank r targets, the trainable
// parameters per module and in total as peft's print_trainable_parameters reports them, the adapter's bytes on
// disk, and training memory for full fine-tuning, LoRA and QLoRA (4-bit base) side by side. Not a trainer.
// Legend: r rank, O output and I input features of a Linear (LoRA adds A [r, I] and B [O, r]: r · (I + O)).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "llm/architecture.hpp"
#include "llm/estimates.hpp"
#include "llm/param_count.hpp"

namespace lpp::llm {

// "q_proj,v_proj" or "all-linear" into module names; each bad entry becomes a message naming it.
std::vector<std::string> parse_lora_targets(std::string_view text, std::vector<std::string>* errors);

struct LoraOptions {
  std::int64_t rank = 8;                  // r, e.g. 16
  double alpha = 16;                      // lora_alpha; the update is scaled by alpha / r
  std::vector<std::string> targets = {"q_proj", "v_proj"};  // module names, dotted suffixes or "all-linear"
  bool experts = true;                    // also wrap routed experts' Linears (Mixtral's w1, Qwen-MoE's gate_proj)
  std::vector<std::string> modules_to_save;  // trained in full as copies, e.g. {"lm_head", "embed_tokens"}
  DType adapter_dtype = DType::kFp32;     // peft upcasts adapter weights to fp32 (autocast_adapter_dtype)
  DType base_dtype = DType::kBf16;        // frozen base and modules_to_save copies, e.g. bf16
};

// One targeted module name over all the layers (and experts) it occurs in.
struct LoraModule {
  std::string name;                       // e.g. "q_proj"
  std::int64_t instances = 0;             // layers × experts, e.g. 32
  std::int64_t in = 0, out = 0;           // I and O of one instance (the first, when they differ)
  std::int64_t params = 0;                // Σ r · (I + O) over instances
};

struct LoraReport {
  std::vector<LoraModule> modules;
  std::int64_t lora_params = 0;           // Σ modules
  std::int64_t saved_params = 0;          // modules_to_save copies
  std::int64_t trainable = 0;             // lora + saved: peft's "trainable params"
  std::int64_t all_params = 0;            // base + lora + saved: peft's "all params"
  double trainable_share = 0;             // trainable / all, peft's "trainable%" / 100
  std::int64_t all_params_4bit = 0;       // "all params" peft printed for a 4-bit base before counting packed
                                          // Params4bit twice: unquantized + packed bytes + trainable
  double scaling = 0;                     // alpha / r
  Estimate adapter_bytes;                 // adapter_model.safetensors data: lora · b_adapter + saved · b_base
  Estimate full_memory;                   // full fine-tuning, mixed-precision Adam: 16 B per parameter
  Estimate lora_memory;                   // frozen base in b_base + trainable · 16 B
  Estimate qlora_memory;                  // base as bitsandbytes nf4 with double quantization + trainable · 16 B
  std::vector<std::string> available;     // the model's Linear module names, for choosing targets
  std::vector<std::string> notes;
  std::vector<std::string> errors;        // a bad rank or a target that matches nothing; the numbers are void
};

// Expects a validated Architecture and its ParamCount without overflow.
LoraReport lora_report(const Architecture& arch, const ParamCount& pc, const LoraOptions& options);

}  // namespace lpp::llm
