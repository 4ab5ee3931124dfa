// A toy mixture of experts: a linear gate scores E small expert MLPs per example, the top k are run and their
// outputs mixed by a softmax over the chosen scores (Shazeer et al. 2017, "Outrageously Large Neural Networks",
// eq. 3-5; the top-k-then-softmax form of Mixtral, Jiang et al. 2024, eq. 2), with the Switch Transformer's
// load-balancing loss (Fedus et al. 2022, eq. 4-6). Built from core/nn's Mlp, data sets and trainer; plus the
// comparison against two dense networks (same total, same active parameters) on the same data and seed.
// Legend: F input features, E experts, k experts per example, H expert hidden width, d_L outputs, B batch.
#pragma once
#include <cstdint>
#include <random>
#include <vector>

#include "nn/trainer.hpp"

namespace lpp {

struct MoeConfig {
  int experts = 4;                          // E, e.g. 4 (8 in Mixtral, 256 in DeepSeek-V3)
  int top_k = 2;                            // k, experts run per example, e.g. 2 (Mixtral). Under k = 1 the one
                                            // weight is always 1: the gate then learns only from the balancing loss
  int expert_width = 8;                     // H, hidden neurons of each expert, e.g. 8
  Activation activation = Activation::Tanh; // the experts' hidden activation
  double balance = 0.01;                    // α, weight of the load-balancing loss, e.g. 0.01 (Switch's value)
};

// [count] gate F·E + E; one expert (F·H + H) + (H·d_L + d_L); total = gate + E·expert; active = gate + k·expert.
struct MoeParamCount {
  std::int64_t gate = 0;      // F·E + E
  std::int64_t expert = 0;    // one expert: (F·H + H) + (H·d_L + d_L)
  std::int64_t experts = 0;   // E
  std::int64_t top_k = 0;     // k
  std::int64_t total() const { return gate + experts * expert; }
  std::int64_t active() const { return gate + top_k * expert; }   // what one example runs through
};
MoeParamCount moe_param_count(int features, int outputs, const MoeConfig& config);

template <typename T>
struct Moe {
  Mlp<T> gate;                   // F → E, linear: the gate's scores (logits) z
  std::vector<Mlp<T>> experts;   // E: F → H → d_L, the last layer linear (logits, like the dense network's)
  int top_k = 1;                 // k
};

// The gate and the experts initialised from `rng` as make_mlp does (gate first, then expert 0, 1, …).
template <typename T>
Moe<T> make_moe(int features, int outputs, const MoeConfig& config, std::mt19937_64& rng);

template <typename T>
struct MoeCache {
  ForwardCache<T> gate;                          // gate.a[1]: z, E×B scores
  MatrixT<T> probs;                              // E×B: softmax over all E scores (for the balancing loss)
  Eigen::MatrixXi chosen;                        // k×B: the chosen experts, highest score first
  MatrixT<T> weight;                             // k×B: p = softmax of the chosen scores (sums to 1 per column)
  std::vector<std::vector<Eigen::Index>> rows;   // E: the columns (examples) routed to each expert
  std::vector<ForwardCache<T>> expert;           // E: each expert's forward pass over its own columns
  MatrixT<T> out;                                // d_L×B: y = Σ_{e chosen} p_e · f_e(x)
};

// Routes the batch x (F×B), runs each expert once over the columns routed to it, and mixes.
template <typename T>
void forward(const Moe<T>& moe, const Eigen::Ref<const MatrixT<T>>& x, MoeCache<T>& cache);

// Switch's balancing loss over the batch: E · Σ_e f_e · P_e, f_e the share of routing slots given to expert e
// (k per example), P_e the mean of softmax(z)_e. 1 when routing is uniform; E when one expert takes everything.
template <typename T>
T balance_loss(const MoeCache<T>& cache);

template <typename T>
struct MoeBuffers {
  BackwardBuffers<T> gate;                  // grad: ∂objective/∂(gate params)
  std::vector<BackwardBuffers<T>> experts;  // E: grad of each expert (0 for an expert no example reached)
};

// Gradient of data_loss(out, y) + α·balance_loss with respect to the gate and every expert. `cache` must hold
// forward(moe, x). Returns the data loss. The top-k choice is piecewise constant, so the gradient reaches the gate
// through the mixing weights p and the balancing loss.
template <typename T>
T backward(const Moe<T>& moe, const MoeCache<T>& cache, LossKind loss, const Eigen::Ref<const MatrixT<T>>& y,
           T alpha, MoeBuffers<T>& buffers);

// [training] A MoE trained like a TrainRun: same split, features, targets, batches and optimizer.
struct MoeRun {
  Moe<float> net;
  std::vector<OptimizerState<float>> opt;   // 1 + E: the gate's, then each expert's (Adam's moments are per entry,
                                            // so this equals one optimizer over all parameters concatenated)
  LossKind loss = LossKind::BinaryCrossEntropy;
  unsigned features = 0;
  Eigen::MatrixXf train_x, test_x, train_y, test_y;   // F×N, d_L×N
  std::vector<int> train_label, test_label;
  MoeCache<float> cache;
  MoeBuffers<float> buffers;
  Eigen::Index cursor = 0;
  long steps = 0;
  std::int64_t examples = 0;
  bool diverged = false;
  StopReason stopped = StopReason::None;    // why training stopped it (judge_step), when diverged
  std::vector<Eigen::VectorXf> last_finite; // 1 + E: the gate's and each expert's parameters after the last chunk
                                            // of steps that stayed finite
  std::vector<LossPoint> history;
};

MoeRun make_moe_run(const LayersState& s, const MoeConfig& config, const TrainTest& data);
// Like train_steps: at most `max_steps` batches or `max_seconds`; stops as train_steps does (judge_step over all the
// parameters) and restores those of the last chunk that stayed finite.
StepStats train_moe_steps(MoeRun& run, const LayersState& s, const MoeConfig& config, int max_steps,
                          double max_seconds);
Evaluation evaluate(const Moe<float>& net, LossKind loss, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y,
                    const std::vector<int>& label);
void record_losses(MoeRun& run);

// How many examples of `x` each expert is chosen for (any of the k slots). E entries.
std::vector<int> expert_usage(const Moe<float>& net, const Eigen::MatrixXf& x);

// The gate over a res×res grid of [−6, 6]² (row 0 at the top, as GridEval): each cell's top expert and its weight,
// and the MoE's prediction for the decision boundary.
struct MoeGrid {
  int resolution = 0;                 // R
  std::vector<int> expert;            // R²: the top-1 expert of each cell
  std::vector<float> weight;          // R²: its mixing weight p (1 under top-1)
  Eigen::MatrixXf prediction;         // d_L×R²
};
void evaluate_moe_grid(const Moe<float>& net, LossKind loss, unsigned features, int resolution, MoeGrid& grid);

// [comparison] The MoE and two dense one-hidden-layer networks on the same data, features, seed and optimizer:
// one with (about) the MoE's total parameters, one with (about) its active parameters per example.
// Width of the hidden layer whose F→w→d_L network has the count closest to `params` (at least 1).
int dense_width_for(int features, int outputs, std::int64_t params);

struct MoeComparison {
  LayersState settings;       // data, features, optimizer, batch, seed (its hidden layers are ignored)
  MoeConfig config;
  TrainTest data;
  MoeRun moe;
  LayersState dense_total_settings, dense_active_settings;   // `settings` with one hidden layer of the matched width
  TrainRun dense_total, dense_active;
  long steps_goal = 3000;     // steps each model trains, e.g. 3000
  bool done() const { return moe.steps >= steps_goal; }
  double progress() const { return steps_goal > 0 ? std::min(1.0, double(moe.steps) / double(steps_goal)) : 1.0; }
};

MoeComparison make_moe_comparison(const LayersState& settings, const MoeConfig& config, long steps_goal);
// Trains the three models in lockstep (the same steps each) for at most `max_seconds`; records losses.
void moe_comparison_advance(MoeComparison& c, double max_seconds);

}  // namespace lpp
