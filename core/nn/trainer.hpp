// Training a network on a train/test split, as free functions over a plain TrainRun: steps under a budget of
// steps and seconds (a frame never blocks), divergence detection with the last finite parameters restored, loss
// history, accuracy, and the forward pass over a grid for the decision-boundary and neuron heat maps.
// A step returns its stats and never touches the UI. Legend: F features, N examples, d_L outputs, P parameters.
#pragma once
#include <cstdint>
#include <vector>

#include "datasets.hpp"
#include "mlp.hpp"

namespace lpp {

// The loss to train with on `data`: `wanted` if it fits (loss_fits), else MSE, which fits every set.
LossKind fitting_loss(LossKind wanted, const DataSet& data);

// [F, hidden widths…, d_L] and the L activations (the output's is Linear under the cross-entropies).
std::vector<int> network_widths(const LayersState& s, const DataSet& data);
std::vector<Activation> network_activations(const LayersState& s);

// A step that makes the parameters' norm ‖θ‖ more than this many times larger is a runaway, not descent. A bounded
// output (tanh, sigmoid) keeps the loss finite while the weights fly off and every neuron saturates, so checking for
// inf and NaN alone lets a learning rate of 10^3 train on, useless. Healthy updates are small next to the weights
// (about 1e-3 of them, CS231n's rule of thumb). Measured on 4 networks × 5 data sets × 5 optimizers: at 10^3 the
// first step grew ‖θ‖ 23× or more every time; no run at a rate up to 0.3 grew it more than 4× in a step; the most
// in a run that still trained well was 8.4× (RMSProp at 1, whose first step moves every weight by about 3η).
constexpr double kMaxStepGrowth = 10.0;

// Why training stopped a run.
enum class StopReason {
  None,            // it did not
  NotFinite,       // the loss, a gradient or a parameter became inf or NaN
  StepTooLarge,    // one step made ‖θ‖ more than kMaxStepGrowth times larger
  DataNotFinite,   // the batch's inputs or targets hold inf or NaN: no learning rate can help
};

// Judges a step: its batch loss and whether its gradient is finite, the batch it came from (F×B inputs, d_L×B
// targets), and ‖θ‖ before and after the optimizer moved the parameters (pass after = before to judge only the loss).
StopReason judge_step(float loss, bool gradient_finite, const Eigen::Ref<const Eigen::MatrixXf>& batch_x,
                      const Eigen::Ref<const Eigen::MatrixXf>& batch_y, double norm_before, double norm_after);

struct LossPoint {
  double epoch = 0;        // training examples seen / N_train
  double train = 0;        // data loss over the whole training set
  double test = 0;         // data loss over the whole test set
  double train_accuracy = 0;   // share of training examples classified right (classification; 0 for regression)
  double test_accuracy = 0;    // the same over the test set
};

// What an evaluation pass writes, kept from call to call. At 8×64 one pass holds 17 matrices of up to 64×1024
// floats (256 KB each), above glibc's mmap threshold: allocated afresh on every call, they were mapped, faulted in
// and unmapped each time, and natively the train and test losses took 5.8 ms against 1.4 ms in wasm.
struct EvalBuffers {
  ForwardCache<float> cache;   // the last chunk's forward pass
  Eigen::MatrixXf prediction;  // d_L×chunk: predict_from_output, for accuracy
};

struct TrainRun {
  Mlp<float> net;                       // P parameters
  OptimizerState<float> opt;            // the optimizer's memory (velocity, moments), P each
  LossKind loss = LossKind::Mse;        // as trained (fitting_loss of the state's choice)
  unsigned features = 0;                // the input features' bit set
  Eigen::MatrixXf train_x, test_x;      // F×N_train, F×N_test
  Eigen::MatrixXf train_y, test_y;      // d_L×N_train, d_L×N_test
  std::vector<int> train_label, test_label;   // N: classes, for accuracy (empty for regression)
  ForwardCache<float> cache;            // the last training batch's forward pass
  BackwardBuffers<float> buffers;       // its gradient
  EvalBuffers train_eval, test_eval;    // record_losses' passes, one per set so neither resizes to the other's N
  Eigen::VectorXf last_finite;          // P: parameters after the last chunk of steps that stayed finite
  long last_finite_step = 0;
  Eigen::Index cursor = 0;              // next training example (batches are runs of the shuffled training set)
  long steps = 0;                       // optimizer steps taken
  std::int64_t examples = 0;            // training examples seen
  bool diverged = false;                // training stopped (see `stopped`): the user changes something and clears it
  StopReason stopped = StopReason::None;   // why, the last time training stopped it
  std::vector<LossPoint> history;       // one point per record_losses, thinned to at most kMaxHistory
  static constexpr std::size_t kMaxHistory = 1200;
};

// A fresh run: the network initialised from s.seed, the optimizer reset, no history.
TrainRun make_run(const LayersState& s, const TrainTest& data);

struct StepStats {
  int steps = 0;              // steps taken in this call
  double seconds = 0;         // their wall time
  double last_loss = 0;       // data loss of the last batch
  bool diverged = false;      // this call detected divergence (the run restored its last finite parameters)
  StopReason reason = StopReason::None;   // why
  double growth = 0;          // ‖θ‖ after / before the step that stopped it (StepTooLarge)
};

// Up to `max_steps` steps of `s.batch_size` examples, stopping early after `max_seconds` of wall time or on
// divergence (judge_step), which restores the parameters of the last chunk that stayed finite and clears the
// optimizer's memory. Does nothing on a diverged run (reset it, or clear `diverged` after changing the settings).
StepStats train_steps(TrainRun& run, const LayersState& s, int max_steps, double max_seconds);

struct Evaluation {
  double loss = 0;        // mean data loss
  double accuracy = 0;    // share of examples whose predicted class is their label (0 without labels)
};
// Loss and accuracy over a whole matrix of examples in one forward pass per batch of at most 1024 columns, into
// `buffers` (reused: no allocation once they have held a pass of the same sizes). The overload without buffers
// allocates its own, for one-off calls.
Evaluation evaluate(const Mlp<float>& net, LossKind loss, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y,
                    const std::vector<int>& label, EvalBuffers& buffers);
Evaluation evaluate(const Mlp<float>& net, LossKind loss, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y,
                    const std::vector<int>& label);
double evaluate_loss(const Mlp<float>& net, LossKind loss, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y);
double accuracy(const Mlp<float>& net, LossKind loss, const Eigen::MatrixXf& x, const std::vector<int>& label);

// Appends {epoch, train loss, test loss} to run.history, thinning it (every other point) when it is full.
void record_losses(TrainRun& run);

// The network over a res×res grid of [−6, 6]² (row 0 at the top, x1 to the right): every layer's outputs for the
// neuron heat maps, and the prediction for the decision boundary or regression surface.
struct GridEval {
  int resolution = 0;                   // R
  Eigen::Matrix<double, 2, Eigen::Dynamic> points;   // 2×R²: x1, x2 of each cell centre, row-major
  Eigen::MatrixXf features;             // F×R²: make_features of the points, rebuilt when R or the mask changes
  unsigned features_mask = 0;           // the mask `features` was built with
  ForwardCache<float> cache;            // a[0] = features (F×R²), a[l] = layer l's outputs (d_l×R²)
  Eigen::MatrixXf prediction;           // d_L×R²: predict_from_output
};
void evaluate_grid(const Mlp<float>& net, LossKind loss, unsigned features, int resolution, GridEval& grid);

// The grid resolution whose forward pass costs about `flop_budget` (2·MACs per point), clamped to [lo, hi].
int grid_resolution_for(const std::vector<int>& widths, double flop_budget, int lo, int hi);

}  // namespace lpp
