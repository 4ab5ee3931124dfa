// Training the tiny GPT: the learning-rate schedule (linear warm-up, cosine decay), AdamW with a global gradient
// clip, random batches of windows from a token stream, validation loss on fixed windows, and sampling at a
// temperature. Free functions over plain data; a step returns its stats and never touches the UI. Every random
// draw comes from the std::mt19937_64 passed in, through its raw output (the same on every standard library).
// Legend: see gpt_model.hpp; η learning rate, λ weight decay, s step.
#pragma once
#include <cstdint>
#include <random>
#include <vector>

#include "gpt/gpt_model.hpp"

namespace lpp::gpt {

struct TrainConfig {
  int batch = 8;                    // B, sequences per step, e.g. 8
  double learning_rate = 3e-3;      // η_max, peak learning rate after warm-up, e.g. 3e-3
  int warmup_steps = 50;            // steps of linear warm-up from η_max/warmup to η_max, e.g. 50
  int decay_steps = 3000;           // the step at which the cosine reaches η_min; constant η_min after, e.g. 3000
  double min_lr_ratio = 0.1;        // η_min / η_max, e.g. 0.1 (nanoGPT's min_lr = learning_rate / 10)
  double weight_decay = 0.1;        // λ, decoupled, on matrices only (embeddings included), e.g. 0.1
  double beta1 = 0.9;               // β₁, e.g. 0.9
  double beta2 = 0.95;              // β₂, e.g. 0.95 (GPT-3's and nanoGPT's choice for language models)
  double epsilon = 1e-8;            // ε in the denominator
  double clip = 1.0;                // the gradient's global L2 norm is scaled down to this, e.g. 1.0; 0 = off
};

bool operator==(const TrainConfig& a, const TrainConfig& b);
inline bool operator!=(const TrainConfig& a, const TrainConfig& b) { return !(a == b); }

// η at step s (0-based): η_max·(s+1)/W for s < W; then η_min + ½(η_max − η_min)(1 + cos(π·(s − W)/(S − W)))
// until S = decay_steps; η_min after (Loshchilov & Hutter 2017, SGDR, eq. 5, without restarts).
double learning_rate_at(const TrainConfig& c, long step);

struct AdamState {
  Vec<float> m, v;   // P: first and second moments
  long step = 0;     // s, steps taken
};
void adam_reset(AdamState& s, Eigen::Index params);

// One AdamW update (Loshchilov & Hutter 2019, Algorithm 2, PyTorch's form), with g the (clipped) gradient:
//   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η(m̂/(√v̂ + ε) + λ·θ·[θ in a matrix]),
//   m̂ = m/(1−β₁ˢ), v̂ = v/(1−β₂ˢ). Returns the gradient's norm before clipping.
double adamw_step(const TrainConfig& c, Model<float>& model, AdamState& state, Vec<float>& grad);

// B windows of T+1 tokens, each from a uniformly drawn start in `data` (size > T): inputs and next-token targets.
struct Batch {
  std::vector<int> inputs, targets;   // B·T each
  int batch = 0, length = 0;
};
Batch draw_batch(const std::vector<int>& data, int batch, int length, std::mt19937_64& rng);

struct StepStats {
  double loss = 0;        // mean cross-entropy of the batch before the update (nats per token)
  double grad_norm = 0;   // ‖g‖ before clipping
  double learning_rate = 0;
  std::int64_t tokens = 0;  // B·T this step trained on
};

// Scratch space one training step reuses (no allocation per step once sized).
struct StepScratch {
  Cache<float> cache;
  Vec<float> grad;
};

// Draws a batch from `data`, runs forward and backward, and applies AdamW.
StepStats train_step(Model<float>& model, AdamState& state, const TrainConfig& c, const std::vector<int>& data,
                     std::mt19937_64& rng, StepScratch& scratch);

// Mean cross-entropy over up to `windows` fixed windows of T+1 tokens spread evenly over `data` (no randomness,
// so the same model always gets the same validation loss).
double evaluate(const Model<float>& model, const std::vector<int>& data, int windows);

// Continues `prompt` (may be empty; then it starts from token 0) by `count` tokens, each drawn from
// softmax(logits/τ) over the last ≤ T tokens; τ ≤ 0 takes the most likely token. Returns the new tokens only.
std::vector<int> sample(const Model<float>& model, const std::vector<int>& prompt, int count, double temperature,
                        std::mt19937_64& rng);

// Attention weights of every layer and head for one sequence (the last ≤ T tokens of `tokens`): [l][h] is T'×T'.
std::vector<std::vector<Mat<float>>> attention_maps(const Model<float>& model, const std::vector<int>& tokens);

}  // namespace lpp::gpt
