// The toy mixture of experts: routing, mixing, the balancing loss, their gradients, training and the comparison
// with dense networks (equations in moe.hpp). Legend: F features, E experts, k top-k, H width, d_L outputs, B batch.
#include "nn/moe.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <numeric>

namespace lpp {

MoeParamCount moe_param_count(int features, int outputs, const MoeConfig& config) {
  MoeParamCount c;
  c.gate = total_param_count({features, config.experts});                             // F·E + E
  c.expert = total_param_count({features, config.expert_width, outputs});             // (F·H + H) + (H·d_L + d_L)
  c.experts = config.experts;
  c.top_k = config.top_k;
  return c;
}

template <typename T>
Moe<T> make_moe(int features, int outputs, const MoeConfig& config, std::mt19937_64& rng) {
  assert(config.experts >= 1 && config.top_k >= 1 && config.top_k <= config.experts && "validated by the UI");
  Moe<T> moe;
  moe.top_k = config.top_k;
  moe.gate = make_mlp<T>({features, config.experts}, {Activation::Linear}, InitKind::Xavier, rng);
  for (int e = 0; e < config.experts; ++e)
    moe.experts.push_back(make_mlp<T>({features, config.expert_width, outputs},
                                      {config.activation, Activation::Linear}, InitKind::Auto, rng));
  return moe;
}

template <typename T>
void forward(const Moe<T>& moe, const Eigen::Ref<const MatrixT<T>>& x, MoeCache<T>& cache) {
  const int E = static_cast<int>(moe.experts.size()), k = moe.top_k;
  const Eigen::Index B = x.cols();
  // z = W_g·x + b_g   (E×B)
  forward<T>(moe.gate, x, cache.gate);
  const MatrixT<T>& z = cache.gate.a[1];
  // softmax(z) over all E, for the balancing loss   (E×B)
  predict_from_output<T>(LossKind::SoftmaxCrossEntropy, z, cache.probs);

  cache.chosen.resize(k, B);
  cache.weight.resize(k, B);
  cache.rows.assign(E, {});
  std::vector<int> order(E);
  for (Eigen::Index j = 0; j < B; ++j) {
    std::iota(order.begin(), order.end(), 0);
    // The k highest scores; ties go to the lower index, so routing is deterministic.
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [&](int a, int b) { return z(a, j) > z(b, j) || (z(a, j) == z(b, j) && a < b); });
    // p_i = e^(z_i − z_max) / Σ_{chosen} e^(z_s − z_max)   over the k chosen
    T sum = 0;
    for (int i = 0; i < k; ++i) sum += std::exp(z(order[i], j) - z(order[0], j));
    for (int i = 0; i < k; ++i) {
      cache.chosen(i, j) = order[i];
      cache.weight(i, j) = std::exp(z(order[i], j) - z(order[0], j)) / sum;
      cache.rows[order[i]].push_back(j);
    }
  }

  cache.expert.resize(E);
  const int outputs = moe.experts.front().widths.back();
  cache.out.setZero(outputs, B);
  MatrixT<T> xe;
  for (int e = 0; e < E; ++e) {
    const std::vector<Eigen::Index>& rows = cache.rows[e];
    xe.resize(x.rows(), static_cast<Eigen::Index>(rows.size()));
    for (std::size_t r = 0; r < rows.size(); ++r) xe.col(r) = x.col(rows[r]);
    // f_e(x) over the examples routed to e   (d_L×B_e)
    forward<T>(moe.experts[e], xe, cache.expert[e]);
  }
  // y_j = Σ_i p_ij · f_{chosen_ij}(x_j)   (d_L×B)
  std::vector<Eigen::Index> seen(E, 0);
  for (Eigen::Index j = 0; j < B; ++j)
    for (int i = 0; i < k; ++i) {
      const int e = cache.chosen(i, j);
      cache.out.col(j) += cache.weight(i, j) * cache.expert[e].a.back().col(seen[e]++);
    }
}

namespace {

// f_e: the share of the batch's k·B routing slots that went to each expert.   (E)
template <typename T>
VectorT<T> routing_shares(const MoeCache<T>& cache) {
  const Eigen::Index E = cache.probs.rows();
  VectorT<T> f(E);
  const T slots = static_cast<T>(cache.chosen.size());
  for (Eigen::Index e = 0; e < E; ++e) f[e] = static_cast<T>(cache.rows[e].size()) / std::max(slots, T(1));
  return f;
}

}  // namespace

template <typename T>
T balance_loss(const MoeCache<T>& cache) {
  const Eigen::Index E = cache.probs.rows();
  if (cache.probs.cols() == 0) return T(0);
  // E · Σ_e f_e · P_e,  P_e = (1/B)·Σ_j softmax(z_j)_e
  const VectorT<T> p_mean = cache.probs.rowwise().mean();
  return static_cast<T>(E) * routing_shares(cache).dot(p_mean);
}

template <typename T>
T backward(const Moe<T>& moe, const MoeCache<T>& cache, LossKind loss, const Eigen::Ref<const MatrixT<T>>& y,
           T alpha, MoeBuffers<T>& buffers) {
  const int E = static_cast<int>(moe.experts.size()), k = moe.top_k;
  const Eigen::Index B = cache.out.cols();
  // G = ∂loss/∂y = (prediction − y)/B on logits (σ or softmax) and under MSE   (d_L×B)
  MatrixT<T> g;
  predict_from_output<T>(loss, cache.out, g);
  g -= y;
  g /= static_cast<T>(B);

  // Experts: ∂loss/∂f_e(x_j) = p_ej · G_j. mlp.hpp's backward seeds δ_L = (out − target)/B_e under MSE with a
  // linear output layer, so target = out − B_e·(p·G) seeds it with exactly p·G and backpropagates it unchanged.
  MatrixT<T> dz = MatrixT<T>::Zero(E, B);   // ∂objective/∂z   (E×B)
  buffers.experts.resize(E);
  std::vector<MatrixT<T>> target(E);
  for (int e = 0; e < E; ++e) target[e] = cache.expert[e].a.back();
  std::vector<Eigen::Index> seen(E, 0);
  for (Eigen::Index j = 0; j < B; ++j) {
    // ∂loss/∂p_i = G_j · f_i(x_j);  ∂loss/∂z_i = p_i·(∂loss/∂p_i − Σ_s p_s·∂loss/∂p_s)   (softmax over the chosen)
    T mean = 0;
    VectorT<T> dp(k);
    for (int i = 0; i < k; ++i) {
      const int e = cache.chosen(i, j);
      const Eigen::Index r = seen[e]++;
      dp[i] = g.col(j).dot(cache.expert[e].a.back().col(r));
      mean += cache.weight(i, j) * dp[i];
      const T b_e = static_cast<T>(cache.rows[e].size());
      target[e].col(r) -= b_e * cache.weight(i, j) * g.col(j);
    }
    for (int i = 0; i < k; ++i) dz(cache.chosen(i, j), j) = cache.weight(i, j) * (dp[i] - mean);
  }
  for (int e = 0; e < E; ++e) {
    if (cache.rows[e].empty()) {
      buffers.experts[e].grad.setZero(moe.experts[e].params.size());
      continue;
    }
    backward<T>(moe.experts[e], cache.expert[e], LossKind::Mse, target[e], Regularization::None, T(0),
                buffers.experts[e]);
  }

  // Balancing: ∂(α·E·Σ_e f_e·P_e)/∂z_ij = α·(E/B)·q_ij·(f_i − Σ_e f_e·q_ej), q = softmax(z), f held constant.
  if (alpha != T(0) && B > 0) {
    const VectorT<T> f = routing_shares(cache);
    const Eigen::Matrix<T, 1, Eigen::Dynamic> fq = f.transpose() * cache.probs;   // 1×B: Σ_e f_e·q_ej
    const T scale = alpha * static_cast<T>(E) / static_cast<T>(B);
    dz.array() += scale * cache.probs.array() * (f.replicate(1, B).rowwise() - fq).array();
  }
  // Gate: the same seeding, target = z − B·∂objective/∂z.
  const MatrixT<T> gate_target = cache.gate.a[1] - static_cast<T>(B) * dz;
  backward<T>(moe.gate, cache.gate, LossKind::Mse, gate_target, Regularization::None, T(0), buffers.gate);
  return data_loss<T>(loss, cache.out, y);
}

MoeRun make_moe_run(const LayersState& s, const MoeConfig& config, const TrainTest& data) {
  MoeRun run;
  run.loss = fitting_loss(s.loss, data.train);
  run.features = s.features;
  std::mt19937_64 rng(s.seed);
  run.net = make_moe<float>(feature_count(s.features), output_width(data.train, run.loss), config, rng);
  run.opt.resize(1 + run.net.experts.size());
  run.train_x = make_features(data.train.x, s.features);
  run.test_x = make_features(data.test.x, s.features);
  run.train_y = make_targets(data.train, run.loss);
  run.test_y = make_targets(data.test, run.loss);
  if (!data.train.regression()) run.train_label = data.train.label, run.test_label = data.test.label;
  run.last_finite.push_back(run.net.gate.params);
  for (const Mlp<float>& e : run.net.experts) run.last_finite.push_back(e.params);
  return run;
}

namespace {

// ‖θ‖ over the gate and every expert, as one parameter vector.
double moe_norm(const Moe<float>& net) {
  double sq = net.gate.params.squaredNorm();
  for (const Mlp<float>& e : net.experts) sq += e.params.squaredNorm();
  return std::sqrt(sq);
}

bool moe_gradient_finite(const MoeBuffers<float>& b) {
  bool ok = b.gate.grad.allFinite();
  for (const BackwardBuffers<float>& e : b.experts) ok = ok && e.grad.allFinite();
  return ok;
}

}  // namespace

StepStats train_moe_steps(MoeRun& run, const LayersState& s, const MoeConfig& config, int max_steps,
                          double max_seconds) {
  StepStats stats;
  const Eigen::Index n = run.train_x.cols();
  if (run.diverged || n == 0) return stats;
  const Eigen::Index batch = std::clamp<Eigen::Index>(s.batch_size, 1, n);
  using Clock = std::chrono::steady_clock;
  const Clock::time_point t0 = Clock::now();
  double norm = moe_norm(run.net);
  for (int i = 0; i < max_steps; ++i) {
    if (run.cursor + batch > n) run.cursor = 0;   // as train_steps: the last partial batch is skipped
    const Eigen::Ref<const Eigen::MatrixXf> x = run.train_x.middleCols(run.cursor, batch);
    const Eigen::Ref<const Eigen::MatrixXf> y = run.train_y.middleCols(run.cursor, batch);
    forward<float>(run.net, x, run.cache);
    const float loss =
        backward<float>(run.net, run.cache, run.loss, y, static_cast<float>(config.balance), run.buffers);
    stats.last_loss = loss;
    stats.reason = judge_step(loss, moe_gradient_finite(run.buffers), x, y, norm, norm);
    if (stats.reason != StopReason::None) break;
    optimizer_step<float>(s.optimizer, run.opt[0], run.net.gate.params, run.buffers.gate.grad);
    for (std::size_t e = 0; e < run.net.experts.size(); ++e)
      optimizer_step<float>(s.optimizer, run.opt[1 + e], run.net.experts[e].params, run.buffers.experts[e].grad);
    const double after = moe_norm(run.net);
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
  const std::size_t experts = run.net.experts.size();
  if (stats.diverged) {   // as train_steps: back to the last finite chunk, the optimizers' memory cleared
    run.net.gate.params = run.last_finite[0];
    for (std::size_t e = 0; e < experts; ++e) run.net.experts[e].params = run.last_finite[1 + e];
    for (OptimizerState<float>& o : run.opt) o = OptimizerState<float>{};
    run.diverged = true;
    run.stopped = stats.reason;
  } else {
    run.last_finite[0] = run.net.gate.params;
    for (std::size_t e = 0; e < experts; ++e) run.last_finite[1 + e] = run.net.experts[e].params;
  }
  stats.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return stats;
}

Evaluation evaluate(const Moe<float>& net, LossKind loss, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y,
                    const std::vector<int>& label) {
  Evaluation e;
  if (x.cols() == 0) return e;
  MoeCache<float> cache;
  forward<float>(net, x, cache);
  e.loss = data_loss<float>(loss, cache.out, y);
  if (label.empty()) return e;
  Eigen::MatrixXf p;
  predict_from_output<float>(loss, cache.out, p);
  long right = 0;
  for (Eigen::Index i = 0; i < x.cols(); ++i) right += predicted_class(loss, p.col(i)) == label[i];
  e.accuracy = static_cast<double>(right) / static_cast<double>(x.cols());
  return e;
}

void record_losses(MoeRun& run) {
  LossPoint p;
  p.epoch = run.train_x.cols() ? static_cast<double>(run.examples) / static_cast<double>(run.train_x.cols()) : 0.0;
  const Evaluation train = evaluate(run.net, run.loss, run.train_x, run.train_y, run.train_label);
  const Evaluation test = evaluate(run.net, run.loss, run.test_x, run.test_y, run.test_label);
  p.train = train.loss, p.train_accuracy = train.accuracy;
  p.test = test.loss, p.test_accuracy = test.accuracy;
  run.history.push_back(p);
}

std::vector<int> expert_usage(const Moe<float>& net, const Eigen::MatrixXf& x) {
  MoeCache<float> cache;
  forward<float>(net, x, cache);
  std::vector<int> usage;
  for (const std::vector<Eigen::Index>& rows : cache.rows) usage.push_back(static_cast<int>(rows.size()));
  return usage;
}

void evaluate_moe_grid(const Moe<float>& net, LossKind loss, unsigned features, int resolution, MoeGrid& grid) {
  const int r = std::max(resolution, 2);
  grid.resolution = r;
  Eigen::Matrix<double, 2, Eigen::Dynamic> points(2, static_cast<Eigen::Index>(r) * r);
  const double cell = 2 * kDataRadius / r;
  for (int row = 0; row < r; ++row)
    for (int col = 0; col < r; ++col) {
      points(0, row * r + col) = -kDataRadius + (col + 0.5) * cell;
      points(1, row * r + col) = kDataRadius - (row + 0.5) * cell;
    }
  MoeCache<float> cache;
  forward<float>(net, make_features(points, features), cache);
  grid.expert.resize(points.cols());
  grid.weight.resize(points.cols());
  for (Eigen::Index j = 0; j < points.cols(); ++j) {
    grid.expert[j] = cache.chosen(0, j);
    grid.weight[j] = cache.weight(0, j);
  }
  predict_from_output<float>(loss, cache.out, grid.prediction);
}

int dense_width_for(int features, int outputs, std::int64_t params) {
  // F·w + w + w·d_L + d_L = params  →  w = (params − d_L) / (F + 1 + d_L), rounded to the nearest count.
  const double w = static_cast<double>(params - outputs) / (features + 1 + outputs);
  const int lo = std::max(1, static_cast<int>(std::floor(w)));
  const auto miss = [&](int width) { return std::llabs(total_param_count({features, width, outputs}) - params); };
  return miss(lo + 1) < miss(lo) ? lo + 1 : lo;
}

MoeComparison make_moe_comparison(const LayersState& settings, const MoeConfig& config, long steps_goal) {
  MoeComparison c;
  c.settings = settings;
  c.config = config;
  c.steps_goal = steps_goal;
  c.data = split_dataset(make_dataset(settings.data, settings.points, settings.noise, settings.data_seed),
                         settings.train_percent, settings.data_seed);
  c.moe = make_moe_run(settings, config, c.data);
  const int F = feature_count(settings.features);
  const int outputs = output_width(c.data.train, c.moe.loss);
  const MoeParamCount count = moe_param_count(F, outputs, config);
  c.dense_total_settings = c.dense_active_settings = settings;
  c.dense_total_settings.hidden = {{dense_width_for(F, outputs, count.total()), config.activation}};
  c.dense_active_settings.hidden = {{dense_width_for(F, outputs, count.active()), config.activation}};
  c.dense_total = make_run(c.dense_total_settings, c.data);
  c.dense_active = make_run(c.dense_active_settings, c.data);
  record_losses(c.moe);
  record_losses(c.dense_total);
  record_losses(c.dense_active);
  return c;
}

void moe_comparison_advance(MoeComparison& c, double max_seconds) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point t0 = Clock::now();
  constexpr int kChunk = 25;   // steps per model between clock checks and loss records
  while (!c.done() && std::chrono::duration<double>(Clock::now() - t0).count() < max_seconds) {
    const int steps = static_cast<int>(std::min<long>(kChunk, c.steps_goal - c.moe.steps));
    train_moe_steps(c.moe, c.settings, c.config, steps, 1e9);
    train_steps(c.dense_total, c.dense_total_settings, steps, 1e9);
    train_steps(c.dense_active, c.dense_active_settings, steps, 1e9);
    if (c.moe.diverged) c.moe.steps = c.steps_goal;   // stop: the comparison shows where it got to
    if (c.moe.steps % 250 == 0 || c.done()) {
      record_losses(c.moe);
      record_losses(c.dense_total);
      record_losses(c.dense_active);
    }
  }
}

#define LPP_INSTANTIATE_MOE(T)                                                                                \
  template Moe<T> make_moe<T>(int, int, const MoeConfig&, std::mt19937_64&);                                 \
  template void forward<T>(const Moe<T>&, const Eigen::Ref<const MatrixT<T>>&, MoeCache<T>&);                \
  template T balance_loss<T>(const MoeCache<T>&);                                                             \
  template T backward<T>(const Moe<T>&, const MoeCache<T>&, LossKind, const Eigen::Ref<const MatrixT<T>>&, T, \
                         MoeBuffers<T>&);
LPP_INSTANTIATE_MOE(float)
LPP_INSTANTIATE_MOE(double)
#undef LPP_INSTANTIATE_MOE

}  // namespace lpp
