// GptLabState: what the Tiny GPT lab must reproduce from a link (the model's choices, the training settings, the
// seed, the sampling temperature and prompt), as plain data. The run itself (weights, Adam moments, the loss curve)
// is the shell's runtime, rebuilt from this spec; nothing derived is stored here.
#pragma once
#include <cstdint>
#include <string>
#include <tuple>

#include "gpt/gpt_model.hpp"
#include "gpt/gpt_train.hpp"

namespace lpp {

struct GptLabState {
  // The model's choices. `vocab` is not one: the runtime sets it to the corpus's byte count.
  gpt::GptConfig model = [] {
    gpt::GptConfig c;
    c.context = 32;      // T, e.g. 32 bytes of text a prediction sees
    c.layers = 2;        // L, e.g. 2
    c.width = 48;        // C, e.g. 48: about 60 K parameters, a few hundred steps a second natively
    c.heads = 4;         // H
    c.kv_heads = 4;      // K
    c.mlp_width = 192;   // F = 4·C
    return c;
  }();
  gpt::TrainConfig train = [] {
    gpt::TrainConfig t;
    t.batch = 8;               // B
    t.learning_rate = 1e-2;    // small models take a large peak rate, e.g. 1e-2
    t.warmup_steps = 50;
    t.decay_steps = 3000;
    return t;
  }();
  std::uint64_t seed = 1;      // the one RNG a run draws its initial weights and batches from
  double temperature = 0.8;    // τ of the samples, e.g. 0.8; 0 = always the most likely byte
  std::string prompt = "The "; // the text samples continue
};

// The fields whose change starts a new run (the model, its training, the seed): the one equality the runtime's
// rebuild check uses. Temperature and prompt only change the next sample.
inline auto gpt_run_fields(const GptLabState& s) { return std::tie(s.model, s.train, s.seed); }
inline bool same_run(const GptLabState& a, const GptLabState& b) { return gpt_run_fields(a) == gpt_run_fields(b); }

// Every field; keep in step with the struct (a field left out is never noticed changing).
inline bool operator==(const GptLabState& a, const GptLabState& b) {
  return same_run(a, b) && a.temperature == b.temperature && a.prompt == b.prompt;
}
inline bool operator!=(const GptLabState& a, const GptLabState& b) { return !(a == b); }

}  // namespace lpp
