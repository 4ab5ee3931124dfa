// The training loop over a TrainRun (see trainer.hpp): batches, optimizer steps, divergence and restore,
// losses, accuracy and the grid evaluation.
#include "trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace lpp {

LossKind fitting_loss(LossKind wanted, const DataSet& data) {
  return loss_fits(wanted, data) ? wanted : LossKind::Mse;
}

std::vector<int> network_widths(const LayersState& s, const DataSet& data) {
  std::vector<int> widths{feature_count(s.features)};
  for (const HiddenLayer& h : s.hidden) widths.push_back(h.width);
  widths.push_back(output_width(data, fitting_loss(s.loss, data)));
  return widths;
}

std::vector<Activation> network_activations(const LayersState& s) {
  std::vector<Activation> acts;
  for (const HiddenLayer& h : s.hidden) acts.push_back(h.activation);
  acts.push_back(s.loss == LossKind::Mse ? s.output_activation : Activation::Linear);
  return acts;
}

TrainRun make_run(const LayersState& s, const TrainTest& data) {
  TrainRun run;
  run.loss = fitting_loss(s.loss, data.train);
  run.features = s.features;
  std::vector<Activation> acts = network_activations(s);
  if (run.loss != s.loss) acts.back() = s.output_activation;   // fell back to MSE
  std::mt19937_64 rng(s.seed);
  run.net = make_mlp<float>(network_widths(s, data.train), acts, s.init, rng);
  optimizer_reset(run.opt, run.net.params.size());
  run.train_x = make_features(data.train.x, s.features);
  run.test_x = make_features(data.test.x, s.features);
  run.train_y = make_targets(data.train, run.loss);
  run.test_y = make_targets(data.test, run.loss);
  if (!data.train.regression()) run.train_label = data.train.label, run.test_label = data.test.label;
  run.last_finite = run.net.params;
  return run;
}

StopReason judge_step(float loss, bool gradient_finite, const Eigen::Ref<const Eigen::MatrixXf>& batch_x,
                      const Eigen::Ref<const Eigen::MatrixXf>& batch_y, double norm_before, double norm_after) {
  if (!std::isfinite(loss) || !gradient_finite)
    return batch_x.allFinite() && batch_y.allFinite() ? StopReason::NotFinite : StopReason::DataNotFinite;
  if (!std::isfinite(norm_after)) return StopReason::NotFinite;
  if (norm_before > 0 && norm_after > kMaxStepGrowth * norm_before) return StopReason::StepTooLarge;
  return StopReason::None;
}

StepStats train_steps(TrainRun& run, const LayersState& s, int max_steps, double max_seconds) {
  StepStats stats;
  const Eigen::Index n = run.train_x.cols();
  if (run.diverged || n == 0) return stats;
  const Eigen::Index batch = std::clamp<Eigen::Index>(s.batch_size, 1, n);
  const float lambda = static_cast<float>(s.regularization_rate);
  using Clock = std::chrono::steady_clock;
  const Clock::time_point t0 = Clock::now();
  double norm = run.net.params.norm();   // ‖θ‖ before the step (a weight edited between calls counts)
  for (int i = 0; i < max_steps; ++i) {
    if (run.cursor + batch > n) run.cursor = 0;   // the last partial batch of an epoch is skipped, as in TF
    const Eigen::Ref<const Eigen::MatrixXf> x = run.train_x.middleCols(run.cursor, batch);
    const Eigen::Ref<const Eigen::MatrixXf> y = run.train_y.middleCols(run.cursor, batch);
    forward<float>(run.net, x, run.cache);
    const float loss = backward<float>(run.net, run.cache, run.loss, y, s.regularization, lambda, run.buffers);
    stats.last_loss = loss;
    stats.reason = judge_step(loss, run.buffers.grad.allFinite(), x, y, norm, norm);
    if (stats.reason != StopReason::None) break;
    optimizer_step<float>(s.optimizer, run.opt, run.net.params, run.buffers.grad);
    const double after = run.net.params.norm();
    stats.reason = judge_step(loss, true, x, y, norm, after);
    if (stats.reason != StopReason::None) {
      stats.growth = after / norm;
      break;
    }
    norm = after;
    run.cursor += batch;
    run.examples += batch;
    ++run.steps;
    ++stats.steps;
    if ((i & 7) == 7 && std::chrono::duration<double>(Clock::now() - t0).count() > max_seconds) break;
  }
  stats.diverged = stats.reason != StopReason::None;
  if (stats.diverged) {
    // Nothing is lost: back to the parameters of the last finite chunk, the optimizer's memory cleared.
    run.net.params = run.last_finite;
    optimizer_reset(run.opt, run.net.params.size());
    run.diverged = true;
    run.stopped = stats.reason;
  } else {
    run.last_finite = run.net.params;
    run.last_finite_step = run.steps;
  }
  stats.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return stats;
}

Evaluation evaluate(const Mlp<float>& net, LossKind loss, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y,
                    const std::vector<int>& label, EvalBuffers& buffers) {
  Evaluation e;
  if (x.cols() == 0) return e;
  ForwardCache<float>& cache = buffers.cache;
  Eigen::MatrixXf& p = buffers.prediction;
  double sum = 0;
  long right = 0;
  for (Eigen::Index from = 0; from < x.cols(); from += 1024) {
    const Eigen::Index count = std::min<Eigen::Index>(1024, x.cols() - from);
    forward<float>(net, x.middleCols(from, count), cache);
    sum += static_cast<double>(data_loss<float>(loss, cache.a.back(), y.middleCols(from, count))) * count;
    if (label.empty()) continue;
    predict_from_output<float>(loss, cache.a.back(), p);
    for (Eigen::Index i = 0; i < count; ++i) right += predicted_class(loss, p.col(i)) == label[from + i];
  }
  e.loss = sum / static_cast<double>(x.cols());
  e.accuracy = label.empty() ? 0.0 : static_cast<double>(right) / static_cast<double>(x.cols());
  return e;
}

Evaluation evaluate(const Mlp<float>& net, LossKind loss, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y,
                    const std::vector<int>& label) {
  EvalBuffers buffers;
  return evaluate(net, loss, x, y, label, buffers);
}

double evaluate_loss(const Mlp<float>& net, LossKind loss, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y) {
  return evaluate(net, loss, x, y, {}).loss;
}

double accuracy(const Mlp<float>& net, LossKind loss, const Eigen::MatrixXf& x, const std::vector<int>& label) {
  return evaluate(net, loss, x, Eigen::MatrixXf::Zero(net.widths.back(), x.cols()), label).accuracy;
}

void record_losses(TrainRun& run) {
  LossPoint p;
  p.epoch = run.train_x.cols() ? static_cast<double>(run.examples) / static_cast<double>(run.train_x.cols()) : 0.0;
  const Evaluation train = evaluate(run.net, run.loss, run.train_x, run.train_y, run.train_label, run.train_eval);
  const Evaluation test = evaluate(run.net, run.loss, run.test_x, run.test_y, run.test_label, run.test_eval);
  p.train = train.loss, p.train_accuracy = train.accuracy;
  p.test = test.loss, p.test_accuracy = test.accuracy;
  run.history.push_back(p);
  if (run.history.size() >= TrainRun::kMaxHistory) {
    std::size_t keep = 0;
    for (std::size_t i = 0; i < run.history.size(); i += 2) run.history[keep++] = run.history[i];
    run.history.resize(keep);
  }
}

void evaluate_grid(const Mlp<float>& net, LossKind loss, unsigned features, int resolution, GridEval& grid) {
  const int r = std::max(resolution, 2);
  const bool moved = grid.resolution != r;
  if (moved) {
    grid.resolution = r;
    grid.points.resize(2, static_cast<Eigen::Index>(r) * r);
    const double cell = 2 * kDataRadius / r;
    for (int row = 0; row < r; ++row)
      for (int col = 0; col < r; ++col) {
        grid.points(0, row * r + col) = -kDataRadius + (col + 0.5) * cell;
        grid.points(1, row * r + col) = kDataRadius - (row + 0.5) * cell;
      }
  }
  if (moved || grid.features_mask != features || grid.features.cols() == 0) {
    grid.features = make_features(grid.points, features);
    grid.features_mask = features;
  }
  forward<float>(net, grid.features, grid.cache);
  predict_from_output<float>(loss, grid.cache.a.back(), grid.prediction);
}

int grid_resolution_for(const std::vector<int>& widths, double flop_budget, int lo, int hi) {
  const double per_point = 2.0 * static_cast<double>(std::max<std::int64_t>(forward_macs(widths), 1));
  const int r = static_cast<int>(std::sqrt(flop_budget / per_point));
  return std::clamp(r, lo, hi);
}

}  // namespace lpp
