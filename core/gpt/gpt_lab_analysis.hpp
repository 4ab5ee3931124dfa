// The Tiny GPT lab's analysis: every number its view shows, each with its formula, worked out from the model's
// configuration (once per run) and from the run's progress (the loss history). Pure; the views only read it. Not
// here: training (gpt_train.hpp), the run's state (the shell's runtime), counting rules (the LLM engine, reached
// through export_config).
// Legend: see gpt_model.hpp; N parameters, D tokens seen, ln natural logarithm.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "gpt/gpt_corpus.hpp"
#include "gpt/gpt_model.hpp"

namespace lpp::gpt {

// A shown number and how it is made, e.g. {1.62, "bits = loss / ln 2 = 1.123 / 0.6931 = 1.62"}.
struct Figure {
  double value = 0;
  std::string formula;
};

struct CountFigure {
  std::int64_t value = 0;
  std::string formula;
};

// One row of the per-tensor inventory, as PyTorch would list the module's parameters.
struct TensorRow {
  std::string name;    // e.g. "blocks.0.attn.q.weight"
  std::string shape;   // e.g. "[48, 48]"
  std::int64_t count = 0;
};

// What the configuration alone decides (a run's shape).
struct GptModelAnalysis {
  std::string family;           // the config.json's family ("gpt2", "llama", "starcoder2"; "" explicit)
  std::string config_json;      // the exported config.json
  CountFigure engine_params;    // N as the LLM counting engine counts the exported config
  CountFigure trainer_params;   // P, the floats the trainer allocates: the sum of its tensors
  std::vector<TensorRow> tensors;
  Figure flops_per_token;       // training FLOPs per token: 6·N + 12·L·T·C
  Figure uniform_loss;          // ln V: the loss of the untrained model (logits ≈ 0)
  Figure unigram_loss;          // the best context-free model's loss on the validation stream
};

// One point of the loss curve.
struct LossPoint {
  std::int64_t tokens = 0;   // D, training tokens seen when it was taken
  double train = 0;          // mean batch loss (nats per byte) since the previous point
  double validation = 0;     // loss on the fixed validation windows at that moment
};

// What the run's progress shows.
struct GptProgressAnalysis {
  Figure tokens_seen;        // D = steps · B · T
  Figure train_loss, validation_loss;      // nats per byte, the last point
  Figure train_bits, validation_bits;      // bits per byte = loss / ln 2
  Figure training_flops;     // ≈ (6·N + 12·L·T·C) · D
};

// The cross-entropy (nats per byte) of the training stream's own byte frequencies (add-one smoothed), scored on
// the validation stream: what a model that uses no context can reach at best (Shannon 1951's first order).
double unigram_cross_entropy(const TextData& d);

// `c` valid, with the vocabulary of `text`.
GptModelAnalysis analyse_gpt_model(const GptConfig& c, const TextData& text);

// From the model's analysis, the run's history (may be empty) and the training tokens seen so far.
GptProgressAnalysis analyse_gpt_progress(const GptModelAnalysis& m, const std::vector<LossPoint>& history,
                                         std::int64_t tokens_seen);

}  // namespace lpp::gpt
