// Exact parameter count of an Architecture: a per-tensor inventory with Hugging Face-style names, a per-component
// breakdown, weights vs biases, total and active per token, extra modules apart. Exact int64 arithmetic; an
// overflow is reported, never wrapped. Counts unique trainable parameters: tied weights once, buffers never.
// Legend: see architecture.hpp.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "llm/architecture.hpp"

namespace lpp::llm {

// kSsm holds the sequence mixers that are not softmax attention: Mamba blocks and Gated DeltaNet layers; kVision
// a multimodal wrapper's vision tower and projector.
enum class Component {
  kEmbeddings, kAttention, kMlp, kExperts, kSharedExperts, kRouter, kNorms, kLmHead, kSsm, kVision
};
inline constexpr int kComponentCount = 10;
const char* component_name(Component c);  // "embeddings", "attention", ... (the JSON keys)

// One tensor, or a group of identical tensors repeated over layers (and experts).
struct TensorGroup {
  std::string name;                 // e.g. "model.layers.{i}.mlp.experts.{e}.gate_proj.weight"
  std::vector<std::int64_t> shape;  // as stored, e.g. {14336, 4096}; GPT-2's Conv1D stores {in, out}
  std::string layers;               // the values of {i}, e.g. "0-31" or "3-60"; empty without {i}
  std::int64_t experts = 0;         // the number of values of {e}; 0 without {e}
  std::int64_t repeat = 1;          // instances in the group: layers × experts, e.g. 32 × 8
  std::int64_t each = 0;            // parameters of one instance: the product of shape
  std::int64_t count = 0;           // each × repeat
  std::int64_t inactive = 0;        // of count, parameters a text token does not use (routed experts outside
                                    // top-k, the vision tower)
  Component component = Component::kAttention;
  bool bias = false;                // a bias vector (norm biases included) rather than a weight
};

// A module the checkpoint stores but the headline figure leaves out (DeepSeek-V3's MTP module).
struct ExtraModule {
  std::string name;                 // e.g. "mtp"
  std::string description;          // what it is and why it is apart
  std::int64_t count = 0;
  std::vector<TensorGroup> tensors;
};

struct ParamCount {
  std::int64_t total = 0;           // unique trainable parameters of the *ForCausalLM module
  std::int64_t active = 0;          // used per token: total minus the routed experts outside top-k (and minus
                                    // the input embedding where the family's card counts so, see Architecture)
  std::int64_t active_with_embedding = 0;  // the same, always including the input embedding table
  std::int64_t weights = 0;         // total - biases
  std::int64_t biases = 0;          // bias vectors, norm biases included
  std::array<std::int64_t, kComponentCount> components{};  // indexed by Component; sums to total
  std::vector<TensorGroup> tensors; // sums to total
  std::vector<ExtraModule> extra;   // not in total
  std::vector<std::string> notes;   // e.g. "lm_head.weight is tied to model.embed_tokens.weight (counted once)"
  std::string overflow;             // non-empty when a count exceeds int64: names the tensor; the numbers are void
};

// Expects an Architecture that passed validate(); asserts otherwise.
ParamCount count_parameters(const Architecture& arch);

}  // namespace lpp::llm
