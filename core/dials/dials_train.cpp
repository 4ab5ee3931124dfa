// The Dials trainer: runners over the shared optimizers, mini-batches, divergence and stability bounds.
#include "dials/dials_train.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace lpp {
namespace {

bool same(LineParams p, LineParams q) { return p.a == q.a && p.b == q.b; }

// NaN equals NaN here: data holding a NaN is still the same data, so the run (and its message) stays.
bool same(double u, double v) { return u == v || (std::isnan(u) && std::isnan(v)); }

bool same(const LineStats& s, const LineStats& t) {
  return s.n == t.n && same(s.mx, t.mx) && same(s.my, t.my) && same(s.mxx, t.mxx) && same(s.mxy, t.mxy) &&
         same(s.myy, t.myy);
}

bool finite(const LineStats& s) {
  return std::isfinite(s.mx) && std::isfinite(s.my) && std::isfinite(s.mxx) && std::isfinite(s.mxy) &&
         std::isfinite(s.myy);
}

// The first point whose value, square or product is not finite (what makes the statistics so), or -1.
int first_bad_point(const LineData& data) {
  for (int i = 0; i < data.size(); ++i) {
    const double x = data.x[i], y = data.y[i];
    if (!std::isfinite(x * x) || !std::isfinite(x * y) || !std::isfinite(y * y)) return i;
  }
  return -1;
}

unsigned racer_bits(const DialsTrainConfig& t) {
  unsigned bits = 0;
  for (int k = 0; k < kOptimizerKindCount; ++k)
    if (t.racers[k]) bits |= 1u << k;
  return bits;
}

void record(DialsRunner& r) {
  if (r.steps % r.stride != 0) return;
  if (static_cast<int>(r.trajectory.size()) >= kHistoryCap) {
    // Keep entries 0, 2, 4, ...: they belong to steps 0, 2·stride, 4·stride, ...
    for (std::size_t i = 0; 2 * i < r.trajectory.size(); ++i) {
      r.trajectory[i] = r.trajectory[2 * i];
      r.losses[i] = r.losses[2 * i];
    }
    r.trajectory.resize((r.trajectory.size() + 1) / 2);
    r.losses.resize(r.trajectory.size());
    r.stride *= 2;
    if (r.steps % r.stride != 0) return;
  }
  r.trajectory.push_back(r.params);
  r.losses.push_back(r.loss);
}

DialsRunner make_runner(OptimizerKind kind, LineParams start, const LineStats& stats, std::uint64_t seed) {
  DialsRunner r;
  r.kind = kind;
  optimizer_reset(r.memory, 2);
  r.params = r.last_good = start;
  r.start_loss = r.loss = mse(stats, start);
  r.rng.seed(seed);
  record(r);
  return r;
}

}  // namespace

double max_stable_learning_rate(const OptimizerConfig& c, double lambda_max) {
  if (!(lambda_max > 0)) return 0.0;
  switch (c.kind) {
    case OptimizerKind::Sgd: return 2.0 / lambda_max;
    case OptimizerKind::Momentum: return 2.0 * (1.0 + c.momentum) / lambda_max;
    case OptimizerKind::Nesterov: return 2.0 * (1.0 + c.momentum) / ((1.0 + 2.0 * c.momentum) * lambda_max);
    case OptimizerKind::RmsProp:
    case OptimizerKind::Adam: return 0.0;
  }
  return 0.0;
}

void dials_reset_run(DialsState& s, const LineData& data) {
  DialsRun& run = s.run;
  run.start = s.start;
  run.data = line_stats(data);
  run.use_bias = s.use_bias;
  run.race = s.train.race;
  run.racers = racer_bits(s.train);
  run.kind = s.train.optimizer;
  run.valid = true;
  run.runners.clear();
  // Every runner draws the same mini-batches: a race compares optimizers, not luck.
  const std::uint64_t seed = s.data.seed * 0x9E3779B97F4A7C15ull + 1;
  if (run.race) {
    for (int k = 0; k < kOptimizerKindCount; ++k)
      if (s.train.racers[k]) run.runners.push_back(make_runner(static_cast<OptimizerKind>(k), s.start, run.data, seed));
  } else {
    run.runners.push_back(make_runner(s.train.optimizer, s.start, run.data, seed));
  }
  s.params = s.start;
}

void dials_sync_run(DialsState& s, const LineData& data) {
  DialsRun& run = s.run;
  if (!s.use_bias) s.start.b = 0.0;
  if (!run.valid) {  // a new run (first frame, or state from a link): it starts where the dials are
    s.start = s.params;
    dials_reset_run(s, data);
    return;
  }
  // The dials show the runner (training alone) or the start point (racing): a difference is the reader's edit.
  const LineParams shown = !run.race && !run.runners.empty() ? run.runners.front().params : run.start;
  if (!same(s.params, shown)) {
    s.start = s.params;
    run.playing = false;
    dials_reset_run(s, data);
    return;
  }
  if (!same(line_stats(data), run.data) || s.use_bias != run.use_bias) {
    if (!run.race) s.start = s.params;
    if (!s.use_bias) s.start.b = s.params.b = 0.0;
    dials_reset_run(s, data);
    return;
  }
  if (s.train.race != run.race || racer_bits(s.train) != run.racers || s.train.optimizer != run.kind ||
      !same(s.start, run.start)) {
    dials_reset_run(s, data);
  }
}

void dials_runner_step(DialsRunner& r, const OptimizerConfig& c, const LineData& data, const LineStats& stats,
                       bool use_bias, int batch) {
  if (r.status != RunStatus::Running || data.size() == 0) return;
  if (!finite(stats)) {  // no step can be taken: stop before moving, parameters as they were
    r.status = RunStatus::Diverged;
    r.divergence = Divergence{};
    r.divergence.step = r.steps;
    r.divergence.loss = r.loss;
    r.divergence.learning_rate = c.learning_rate;
    r.divergence.bad_data = true;
    r.divergence.bad_point = first_bad_point(data);
    r.divergence.restored = r.params = r.last_good;
    return;
  }
  LineGradient g;
  if (batch > 0 && batch < data.size()) {
    // ∂L/∂a, ∂L/∂b on `batch` points drawn with replacement: the same formulas as mse_gradient over a subset.
    for (int i = 0; i < batch; ++i) {
      const int k = static_cast<int>(r.rng() % static_cast<std::uint64_t>(data.size()));
      const double residual = r.params.a * data.x[k] + r.params.b - data.y[k];
      g.da += residual * data.x[k];
      g.db += residual;
    }
    g.da *= 2.0 / batch;
    g.db *= 2.0 / batch;
  } else {
    g = mse_gradient(stats, r.params);
  }
  if (!use_bias) g.db = 0.0;  // b is not a parameter: it stays at 0

  Eigen::Vector2d theta(r.params.a, r.params.b);
  const Eigen::Vector2d grad(g.da, g.db);
  optimizer_step<double>(c, r.memory, theta, grad);
  r.params = {theta(0), theta(1)};
  r.loss = mse(stats, r.params);
  ++r.steps;

  if (!std::isfinite(r.loss) || !std::isfinite(r.params.a) || !std::isfinite(r.params.b) ||
      r.loss > kExplodeFactor * std::max(r.start_loss, 1e-12)) {
    r.status = RunStatus::Diverged;
    Divergence& d = r.divergence;
    d.step = r.steps;
    d.loss = r.loss;
    d.learning_rate = c.learning_rate;
    d.lambda_max = max_eigenvalue(mse_hessian(stats, use_bias));
    OptimizerConfig sgd = c;
    sgd.kind = OptimizerKind::Sgd;
    d.gd_max_rate = max_stable_learning_rate(sgd, d.lambda_max);
    d.kind_max_rate = max_stable_learning_rate(c, d.lambda_max);
    d.restored = r.last_good;
    r.params = r.last_good;
    r.loss = mse(stats, r.params);
    return;
  }
  if (r.loss <= r.start_loss) r.last_good = r.params;
  record(r);
  const LineGradient full = mse_gradient(stats, r.params);
  if (std::hypot(full.da, use_bias ? full.db : 0.0) < kConvergedGradient) r.status = RunStatus::Converged;
}

bool dials_any_running(const DialsRun& run) {
  for (const DialsRunner& r : run.runners)
    if (r.status == RunStatus::Running) return true;
  return false;
}

int dials_advance(DialsState& s, const LineData& data, int steps) {
  DialsRun& run = s.run;
  assert(run.valid && "dials_sync_run first");
  const int batch = s.train.mini_batch ? std::max(1, s.train.batch_size) : 0;
  int taken = 0;
  for (DialsRunner& r : run.runners) {
    const OptimizerConfig& c = s.train.optimizers[static_cast<int>(r.kind)];
    int i = 0;
    for (; i < steps && r.status == RunStatus::Running; ++i) dials_runner_step(r, c, data, run.data, s.use_bias, batch);
    taken = std::max(taken, i);
  }
  if (!run.race && !run.runners.empty()) s.params = run.runners.front().params;
  if (!dials_any_running(run)) run.playing = false;
  return taken;
}

}  // namespace lpp
