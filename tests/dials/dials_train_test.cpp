// Tests of the Dials trainer (core/dials/dials_train): every optimizer reaches the least-squares solution, the
// no-bias fit lands on the closed form through the origin, divergence is caught at the closed-form stability
// bound and the parameters come back (a rate of 10^3, non-finite data, zero-variance x included), and the run
// restarts when the reader changes the dials or the data.
#include "dials/dials_train.hpp"

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <cmath>

namespace lpp {
namespace {

// The default generated data: x uniform in [−3, 3], 24 points. mean(x²) ≈ 3, so H ≈ 2·[[3, 0], [0, 1]] is
// well-conditioned (κ ≈ 3).
LineData default_data() { return make_line_data({}); }

// λ_max of H = (2/N)·[[Σx², Σx], [Σx, N]] by Eigen's symmetric eigen-solver, independent of our closed form.
double eigen_lambda_max(const LineData& d, bool use_bias) {
  double sxx = 0, sx = 0;
  for (double x : d.x) sxx += x * x, sx += x;
  const double n = d.size();
  if (!use_bias) return 2 * sxx / n;
  Eigen::Matrix2d h;
  h << 2 * sxx / n, 2 * sx / n, 2 * sx / n, 2.0;
  return Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(h).eigenvalues().maxCoeff();
}

// A run of one optimizer alone from `start`, at most `max_steps` steps.
DialsState run_alone(const OptimizerConfig& c, const LineData& data, LineParams start, long max_steps,
                     bool use_bias = true) {
  DialsState s;
  s.use_bias = use_bias;
  s.start = s.params = start;
  s.train.optimizer = c.kind;
  s.train.optimizers[static_cast<int>(c.kind)] = c;
  dials_sync_run(s, data);
  for (long done = 0; done < max_steps && dials_any_running(s.run); done += 1000) dials_advance(s, data, 1000);
  return s;
}

struct Case {
  OptimizerKind kind;
  double learning_rate;
  double epsilon;   // RMSProp's step is about η whatever the gradient's size, so with ε = 1e-8 it can hover ~η/2
                    // from the optimum (it does at η = 0.01 here); a larger ε makes it plain descent near the optimum.
  long max_steps;
};

TEST(DialsTrain, EachOptimizerReachesTheLeastSquaresSolution) {
  const LineData data = default_data();
  const LineParams best = least_squares(data, true);  // Eigen's complete orthogonal decomposition
  for (const Case& k : {Case{OptimizerKind::Sgd, 0.1, 1e-8, 2000}, Case{OptimizerKind::Momentum, 0.03, 1e-8, 2000},
                        Case{OptimizerKind::Nesterov, 0.03, 1e-8, 2000}, Case{OptimizerKind::RmsProp, 0.01, 0.1, 20000},
                        Case{OptimizerKind::Adam, 0.05, 1e-8, 2000}}) {
    OptimizerConfig c;
    c.kind = k.kind;
    c.learning_rate = k.learning_rate;
    c.epsilon = k.epsilon;
    const DialsState s = run_alone(c, data, {-2.0, 4.0}, k.max_steps);
    const DialsRunner& r = s.run.runners.front();
    SCOPED_TRACE(optimizer_name(k.kind));
    EXPECT_EQ(r.status, RunStatus::Converged) << "after " << r.steps << " steps";
    EXPECT_LE(r.steps, k.max_steps);
    EXPECT_NEAR(s.params.a, best.a, 1e-6);
    EXPECT_NEAR(s.params.b, best.b, 1e-6);
  }
}

TEST(DialsTrain, OneSgdStepByHandAndTheBiasSwitchFreezesB) {
  // Points (0, 1), (1, 3), (2, 2) from (a, b) = (1, 0): ∂L/∂a = −4/3, ∂L/∂b = −2 (see linear_model_test).
  // η = 0.1: a = 1 + 0.4/3, b = 0 + 0.2.
  const LineData tiny{{0.0, 1.0, 2.0}, {1.0, 3.0, 2.0}};
  OptimizerConfig c;
  c.learning_rate = 0.1;
  DialsRunner r;
  r.params = {1.0, 0.0};
  r.start_loss = 1e9;
  dials_runner_step(r, c, tiny, line_stats(tiny), true, 0);
  EXPECT_NEAR(r.params.a, 1.0 + 0.4 / 3.0, 1e-15);
  EXPECT_NEAR(r.params.b, 0.2, 1e-15);
  DialsRunner no_bias;
  no_bias.params = {1.0, 0.0};
  no_bias.start_loss = 1e9;
  dials_runner_step(no_bias, c, tiny, line_stats(tiny), false, 0);
  EXPECT_NEAR(no_bias.params.a, 1.0 + 0.4 / 3.0, 1e-15);
  EXPECT_EQ(no_bias.params.b, 0.0);
}

TEST(DialsTrain, NoBiasTrainingReachesTheClosedFormThroughTheOrigin) {
  const LineData data = default_data();
  double sxy = 0, sxx = 0;
  for (int i = 0; i < data.size(); ++i) sxy += data.x[i] * data.y[i], sxx += data.x[i] * data.x[i];
  OptimizerConfig c;
  c.learning_rate = 0.1;
  const DialsState s = run_alone(c, data, {-3.0, 0.0}, 5000, false);
  EXPECT_EQ(s.run.runners.front().status, RunStatus::Converged);
  EXPECT_NEAR(s.params.a, sxy / sxx, 1e-9);  // a = Σxy / Σx²
  EXPECT_EQ(s.params.b, 0.0);
}

TEST(DialsTrain, LambdaMaxMatchesEigenAndAHandWorkedCase) {
  // (0, 1), (1, 3), (2, 2): Σx² = 5, Σx = 3, N = 3, H = (2/3)·[[5, 3], [3, 3]];
  // eigenvalues of [[5, 3], [3, 3]] are 4 ± √(1 + 9), so λ_max = (2/3)(4 + √10).
  const LineData tiny{{0.0, 1.0, 2.0}, {1.0, 3.0, 2.0}};
  EXPECT_NEAR(max_eigenvalue(mse_hessian(line_stats(tiny), true)), 2.0 / 3.0 * (4 + std::sqrt(10.0)), 1e-14);
  EXPECT_NEAR(max_eigenvalue(mse_hessian(line_stats(tiny), false)), 2.0 * 5.0 / 3.0, 1e-14);
  LineDataSpec skewed;  // x in [1, 4]: mean(x) far from 0, so H has a large off-diagonal term
  skewed.x_min = 1.0;
  skewed.x_max = 4.0;
  skewed.count = 50;
  for (const LineData& d : {default_data(), make_line_data(skewed)}) {
    for (bool bias : {true, false}) {
      EXPECT_NEAR(max_eigenvalue(mse_hessian(line_stats(d), bias)), eigen_lambda_max(d, bias), 1e-12);
    }
  }
}

// Runs `kind` at `factor` × its closed-form stability bound (λ_max from Eigen) on skewed data.
RunStatus status_at(OptimizerKind kind, double factor) {
  LineDataSpec spec;
  spec.x_min = 1.0;
  spec.x_max = 4.0;
  const LineData data = make_line_data(spec);
  const double lambda = eigen_lambda_max(data, true);
  OptimizerConfig c;
  c.kind = kind;
  c.momentum = 0.5;
  const double mu = c.momentum;
  // The bounds worked in dials_train.hpp: 2/λ, 2(1 + μ)/λ, 2(1 + μ)/((1 + 2μ)λ).
  const double bound = kind == OptimizerKind::Sgd        ? 2 / lambda
                       : kind == OptimizerKind::Momentum ? 2 * (1 + mu) / lambda
                                                         : 2 * (1 + mu) / ((1 + 2 * mu) * lambda);
  EXPECT_NEAR(max_stable_learning_rate(c, lambda), bound, 1e-12);
  c.learning_rate = factor * bound;
  return run_alone(c, data, {0.0, 0.0}, 200000).run.runners.front().status;
}

TEST(DialsTrain, StableBelowAndDivergentAboveTheClosedFormRate) {
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov}) {
    SCOPED_TRACE(optimizer_name(kind));
    EXPECT_EQ(status_at(kind, 0.97), RunStatus::Converged);
    EXPECT_EQ(status_at(kind, 1.03), RunStatus::Diverged);
  }
}

TEST(DialsTrain, DivergenceStopsTrainingSaysWhatIsStableAndRestoresParameters) {
  const LineData data = default_data();
  const LineStats stats = line_stats(data);
  OptimizerConfig c;
  c.learning_rate = 1.5;  // λ_max ≈ 6 here, so 2/λ_max ≈ 0.33: far too high
  DialsState s = run_alone(c, data, {0.5, 0.0}, 100000);
  const DialsRunner& r = s.run.runners.front();
  ASSERT_EQ(r.status, RunStatus::Diverged);
  EXPECT_FALSE(s.run.playing);
  EXPECT_NEAR(r.divergence.gd_max_rate, 2 / eigen_lambda_max(data, true), 1e-12);
  EXPECT_EQ(r.divergence.learning_rate, 1.5);
  EXPECT_TRUE(!std::isfinite(r.divergence.loss) || r.divergence.loss > kExplodeFactor * r.start_loss);
  // Restored: finite, no worse than the start, and what the dials show.
  EXPECT_TRUE(std::isfinite(s.params.a) && std::isfinite(s.params.b));
  EXPECT_LE(mse(data, s.params), mse(data, {0.5, 0.0}) * (1 + 1e-12));
  EXPECT_EQ(s.params.a, r.divergence.restored.a);
  EXPECT_EQ(s.params.b, r.divergence.restored.b);
  EXPECT_NEAR(r.loss, mse(stats, s.params), 1e-12);
  // A rate so high the first step overflows: back to the start exactly.
  c.learning_rate = 1e300;
  const DialsState t = run_alone(c, data, {0.5, 0.0}, 10);
  EXPECT_EQ(t.run.runners.front().status, RunStatus::Diverged);
  EXPECT_EQ(t.params.a, 0.5);
  EXPECT_EQ(t.params.b, 0.0);
}

TEST(DialsTrain, RateOfAThousandStopsAtTheFirstStepOrConvergesNeverLosingTheParameters) {
  // From (0.5, 0) on the default data the start loss is about 7.3. One step at η = 10^3 moves SGD, Momentum and
  // Nesterov by η·g (|g| ≈ 5) and RMSProp by about η/√(1 − ρ) ≈ 3162 per parameter: the loss jumps past 10^6 × the
  // start. Adam's first step is η per parameter (bias-corrected m/√v = ±1), a loss of about 4·10^6 (< 10^6 × 7.3),
  // and it goes on to converge: not a fault, and it must end at the optimum.
  const LineData data = default_data();
  const LineParams best = least_squares(data, true);
  for (int k = 0; k < kOptimizerKindCount; ++k) {
    OptimizerConfig c;
    c.kind = static_cast<OptimizerKind>(k);
    c.learning_rate = 1e3;
    SCOPED_TRACE(optimizer_name(c.kind));
    const DialsState s = run_alone(c, data, {0.5, 0.0}, 100000);
    const DialsRunner& r = s.run.runners.front();
    if (c.kind == OptimizerKind::Adam) {
      EXPECT_EQ(r.status, RunStatus::Converged);
      EXPECT_NEAR(s.params.a, best.a, 1e-6);
      EXPECT_NEAR(s.params.b, best.b, 1e-6);
      continue;
    }
    ASSERT_EQ(r.status, RunStatus::Diverged);
    EXPECT_EQ(r.divergence.step, 1);
    EXPECT_FALSE(r.divergence.bad_data);
    EXPECT_EQ(s.params.a, 0.5) << "back to the last finite parameters: the start";
    EXPECT_EQ(s.params.b, 0.0);
    EXPECT_NEAR(r.divergence.gd_max_rate, 2 / eigen_lambda_max(data, true), 1e-12);
    // Usable again: the rate the panel's button offers (0.9 of the largest stable one) trains to the optimum.
    if (c.kind == OptimizerKind::RmsProp) continue;  // no closed-form bound: the panel offers plain descent's
    c.learning_rate = 0.9 * (r.divergence.kind_max_rate > 0 ? r.divergence.kind_max_rate : r.divergence.gd_max_rate);
    const DialsState fixed = run_alone(c, data, s.params, 100000);
    EXPECT_EQ(fixed.run.runners.front().status, RunStatus::Converged);
    EXPECT_NEAR(fixed.params.a, best.a, 1e-6);
  }
}

TEST(DialsTrain, NonFiniteDataStopsBeforeAnyStepNamesThePointAndTrainsOnceItIsFixed) {
  const LineData good = default_data();
  OptimizerConfig c;
  c.learning_rate = 0.1;
  // A NaN, an infinity, and a finite value whose square overflows (1e200² = 1e400): the loss is not a number.
  for (const double bad : {std::nan(""), HUGE_VAL, 1e200}) {
    SCOPED_TRACE(bad);
    LineData data = good;
    data.x[5] = bad;
    DialsState s = run_alone(c, data, {0.5, -1.0}, 1000);
    const DialsRunner& r = s.run.runners.front();
    ASSERT_EQ(r.status, RunStatus::Diverged);
    EXPECT_TRUE(r.divergence.bad_data);
    EXPECT_EQ(r.divergence.bad_point, 5);
    EXPECT_EQ(r.steps, 0) << "no step was taken";
    EXPECT_EQ(s.params.a, 0.5);
    EXPECT_EQ(s.params.b, -1.0);
    // The same data again (NaN included) is not a change: the run and its message stay.
    dials_sync_run(s, data);
    EXPECT_EQ(s.run.runners.front().status, RunStatus::Diverged);
    // The point fixed: a new run from the kept parameters reaches the least-squares fit.
    s.run.playing = true;
    dials_sync_run(s, good);
    for (int i = 0; i < 100 && dials_any_running(s.run); ++i) dials_advance(s, good, 1000);
    EXPECT_EQ(s.run.runners.front().status, RunStatus::Converged);
    EXPECT_NEAR(s.params.a, least_squares(good, true).a, 1e-6);
  }
}

TEST(DialsTrain, ZeroVarianceInXConvergesOnTheLineOfBestFitsAndHasAClosedFormRate) {
  // Every x = 2, y = 1, 2, 3, 6 (mean 3): only a·2 + b is determined, and it should be 3. H = 2·[[4, 2], [2, 1]]
  // has eigenvalues 10 and 0; the gradient is always along (2, 1), so from (0.5, 0) descent moves along
  // (0.5, 0) + t·(2, 1) to where 2(0.5 + 2t) + t = 3: t = 0.4, (a, b) = (1.3, 0.4). Stable below η = 2/10.
  const LineData flat{{2.0, 2.0, 2.0, 2.0}, {1.0, 2.0, 3.0, 6.0}};
  EXPECT_NEAR(max_eigenvalue(mse_hessian(line_stats(flat), true)), 10.0, 1e-12);
  OptimizerConfig c;
  c.learning_rate = 0.15;
  const DialsState s = run_alone(c, flat, {0.5, 0.0}, 100000);
  EXPECT_EQ(s.run.runners.front().status, RunStatus::Converged);
  EXPECT_NEAR(s.params.a, 1.3, 1e-9);
  EXPECT_NEAR(s.params.b, 0.4, 1e-9);
  c.learning_rate = 1e3;
  const DialsState blown = run_alone(c, flat, {0.5, 0.0}, 100000);
  const DialsRunner& r = blown.run.runners.front();
  ASSERT_EQ(r.status, RunStatus::Diverged);
  EXPECT_NEAR(r.divergence.gd_max_rate, 0.2, 1e-12);
  EXPECT_EQ(blown.params.a, 0.5);
  // All x = 0 without a bias: the loss does not depend on a (H = 0), so there is nothing to learn at any rate.
  const LineData zero{{0.0, 0.0, 0.0}, {1.0, 2.0, 4.0}};
  const DialsState none = run_alone(c, zero, {0.5, 0.0}, 1000, false);
  EXPECT_EQ(none.run.runners.front().status, RunStatus::Converged);
  EXPECT_EQ(none.params.a, 0.5);
}

TEST(DialsTrain, RaceStartsEveryRacerFromTheSameStartWithTheSameBatches) {
  const LineData data = default_data();
  DialsState s;
  s.start = s.params = {-1.0, 3.0};
  s.train.race = true;
  s.train.racers = {true, false, true, false, true};
  s.train.mini_batch = true;
  s.train.batch_size = 3;
  dials_sync_run(s, data);
  ASSERT_EQ(s.run.runners.size(), 3u);
  dials_advance(s, data, 50);
  for (const DialsRunner& r : s.run.runners) {
    EXPECT_EQ(r.steps, 50);
    EXPECT_EQ(r.trajectory.front().a, -1.0);
    DialsState alone;
    alone.start = alone.params = {-1.0, 3.0};
    alone.train.optimizer = r.kind;
    alone.train.mini_batch = true;
    alone.train.batch_size = 3;
    dials_sync_run(alone, data);
    dials_advance(alone, data, 50);
    EXPECT_EQ(alone.params.a, r.params.a) << optimizer_name(r.kind);
    EXPECT_EQ(alone.params.b, r.params.b) << optimizer_name(r.kind);
  }
  EXPECT_EQ(s.params.a, -1.0) << "racing leaves the dials at the start point";
}

TEST(DialsTrain, MovingTheDialsRestartsFromThereAndPauses) {
  const LineData data = default_data();
  DialsState s;
  dials_sync_run(s, data);
  s.run.playing = true;
  dials_advance(s, data, 10);
  EXPECT_EQ(s.run.runners.front().steps, 10);
  s.params = {2.0, -1.0};  // the reader drags a slider
  dials_sync_run(s, data);
  EXPECT_FALSE(s.run.playing);
  EXPECT_EQ(s.start.a, 2.0);
  EXPECT_EQ(s.run.runners.front().steps, 0);
  EXPECT_EQ(s.run.runners.front().trajectory.size(), 1u);
  // New data while playing: restart from the current parameters and keep going.
  dials_advance(s, data, 5);
  const LineParams here = s.params;
  s.run.playing = true;
  LineDataSpec other;
  other.seed = 7;
  dials_sync_run(s, make_line_data(other));
  EXPECT_TRUE(s.run.playing);
  EXPECT_EQ(s.start.a, here.a);
  EXPECT_EQ(s.run.runners.front().steps, 0);
}

TEST(DialsTrain, LongRunsThinTheirHistory) {
  const LineData data = default_data();
  OptimizerConfig c;
  c.kind = OptimizerKind::RmsProp;  // at η = 0.01 and ε = 1e-8 RMSProp hovers ~η/2 from the optimum: never stops
  c.learning_rate = 0.01;
  DialsState s;
  s.train.optimizer = OptimizerKind::RmsProp;
  s.train.optimizers[static_cast<int>(OptimizerKind::RmsProp)] = c;
  dials_sync_run(s, data);
  std::vector<LineParams> every{s.params};
  for (int i = 0; i < 3 * kHistoryCap; ++i) {
    dials_advance(s, data, 1);
    every.push_back(s.params);
  }
  const DialsRunner& r = s.run.runners.front();
  ASSERT_EQ(r.status, RunStatus::Running);
  EXPECT_LE(static_cast<int>(r.trajectory.size()), kHistoryCap);
  EXPECT_GE(r.stride, 2);
  for (std::size_t i = 0; i < r.trajectory.size(); i += 97) {
    EXPECT_EQ(r.trajectory[i].a, every[i * r.stride].a) << "entry " << i << " is step " << i * r.stride;
  }
}

}  // namespace
}  // namespace lpp
