// Tests of y = a·x + b (core/linear_model): loss and gradient against hand-worked values and a finite
// difference, the least-squares fit against the normal equations and Eigen's QR, and the generator's determinism.
#include "linear_model.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <cstdint>

namespace lpp {
namespace {

// Three points, hand-checkable: (0, 1), (1, 3), (2, 2).
LineData tiny() { return {{0.0, 1.0, 2.0}, {1.0, 3.0, 2.0}}; }

TEST(LinearModel, MseMatchesHandComputedValue) {
  // a = 1, b = 0: predictions 0, 1, 2; residuals −1, −2, 0; (1 + 4 + 0) / 3.
  EXPECT_DOUBLE_EQ(mse(tiny(), {1.0, 0.0}), 5.0 / 3.0);
  // a = 0.5, b = 1.5: predictions 1.5, 2, 2.5; residuals 0.5, −1, 0.5; (0.25 + 1 + 0.25) / 3.
  EXPECT_DOUBLE_EQ(mse(tiny(), {0.5, 1.5}), 0.5);
}

TEST(LinearModel, GradientMatchesHandComputedValue) {
  // a = 1, b = 0: residuals −1, −2, 0.
  // ∂L/∂a = (2/3)(−1·0 + −2·1 + 0·2) = −4/3;  ∂L/∂b = (2/3)(−1 − 2 + 0) = −2.
  const LineGradient g = mse_gradient(tiny(), {1.0, 0.0});
  EXPECT_DOUBLE_EQ(g.da, -4.0 / 3.0);
  EXPECT_DOUBLE_EQ(g.db, -2.0);
}

TEST(LinearModel, GradientMatchesCentralFiniteDifference) {
  const LineData data = make_line_data({});
  const double h = 1e-6;
  for (const LineParams p : {LineParams{0.0, 0.0}, LineParams{-2.0, 3.5}, LineParams{1.4, 2.1}}) {
    const LineGradient g = mse_gradient(data, p);
    const double da = (mse(data, {p.a + h, p.b}) - mse(data, {p.a - h, p.b})) / (2 * h);
    const double db = (mse(data, {p.a, p.b + h}) - mse(data, {p.a, p.b - h})) / (2 * h);
    EXPECT_NEAR(g.da, da, 1e-6 * (1 + std::abs(da)));
    EXPECT_NEAR(g.db, db, 1e-6 * (1 + std::abs(db)));
  }
}

TEST(LinearModel, LeastSquaresMatchesNormalEquations) {
  // Normal equations for tiny(): Σx = 3, Σx² = 5, Σy = 6, Σxy = 7, N = 3.
  // a = (NΣxy − ΣxΣy) / (NΣx² − (Σx)²) = (21 − 18) / (15 − 9) = 0.5;  b = (Σy − aΣx) / N = (6 − 1.5) / 3 = 1.5.
  const LineParams p = least_squares(tiny(), true);
  EXPECT_NEAR(p.a, 0.5, 1e-12);
  EXPECT_NEAR(p.b, 1.5, 1e-12);
  // At the optimum the gradient vanishes.
  const LineGradient g = mse_gradient(tiny(), p);
  EXPECT_NEAR(g.da, 0.0, 1e-12);
  EXPECT_NEAR(g.db, 0.0, 1e-12);
}

TEST(LinearModel, NoBiasFitPassesThroughOrigin) {
  // Through the origin: a = Σxy / Σx² = 7 / 5.
  const LineParams p = least_squares(tiny(), false);
  EXPECT_NEAR(p.a, 1.4, 1e-12);
  EXPECT_EQ(p.b, 0.0);
}

TEST(LinearModel, GeneratorIsDeterministicAndFollowsTheSpec) {
  LineDataSpec spec;
  spec.count = 2000;
  spec.noise = 0.5;
  const LineData d1 = make_line_data(spec);
  const LineData d2 = make_line_data(spec);
  EXPECT_EQ(d1.x, d2.x);
  EXPECT_EQ(d1.y, d2.y);
  spec.seed = 2;
  EXPECT_NE(make_line_data(spec).x, d1.x);
  // With 2000 points the fit lands near the true line and the residual variance near noise².
  const LineParams p = least_squares(d1, true);
  EXPECT_NEAR(p.a, spec.slope, 0.05);
  EXPECT_NEAR(p.b, spec.intercept, 0.05);
  EXPECT_NEAR(mse(d1, p), spec.noise * spec.noise, 0.03);
  for (double x : d1.x) {
    EXPECT_GE(x, spec.x_min);
    EXPECT_LE(x, spec.x_max);
  }
}

TEST(LinearModel, SufficientStatisticsGiveTheSameLossAndGradient) {
  const LineData data = make_line_data({});
  const LineStats stats = line_stats(data);
  for (const LineParams p : {LineParams{0.0, 0.0}, LineParams{-2.0, 3.5}, LineParams{1.4, 2.1}}) {
    EXPECT_NEAR(mse(stats, p), mse(data, p), 1e-12 * (1 + mse(data, p)));
    EXPECT_NEAR(mse_gradient(stats, p).da, mse_gradient(data, p).da, 1e-12);
    EXPECT_NEAR(mse_gradient(stats, p).db, mse_gradient(data, p).db, 1e-12);
  }
}

TEST(LinearModel, HessianMatchesFiniteDifferenceOfTheGradient) {
  const LineData data = make_line_data({});
  const LineHessian h = mse_hessian(line_stats(data), true);
  const LineParams p{0.3, -0.7};
  const double e = 1e-5;
  const LineGradient ga = mse_gradient(data, {p.a + e, p.b}), gb = mse_gradient(data, {p.a, p.b + e});
  const LineGradient g0 = mse_gradient(data, p);
  EXPECT_NEAR(h.aa, (ga.da - g0.da) / e, 1e-6);
  EXPECT_NEAR(h.ab, (gb.da - g0.da) / e, 1e-6);
  EXPECT_NEAR(h.bb, (gb.db - g0.db) / e, 1e-6);
}

TEST(LinearModel, LeastSquaresMatchesEigensQrOnRandomData) {
  // An outside reference: Eigen's complete orthogonal decomposition of the N × 2 design matrix [x 1].
  for (std::uint64_t seed : {1u, 7u, 42u}) {
    LineDataSpec spec;
    spec.count = 200, spec.seed = seed, spec.slope = -3.0 + seed * 0.1, spec.noise = 2.0;
    const LineData d = make_line_data(spec);
    Eigen::MatrixXd design(d.size(), 2);
    design.col(0) = Eigen::Map<const Eigen::VectorXd>(d.x.data(), d.size());
    design.col(1).setOnes();
    const Eigen::VectorXd theta =
        design.completeOrthogonalDecomposition().solve(Eigen::Map<const Eigen::VectorXd>(d.y.data(), d.size()));
    const LineParams p = least_squares(d, true);
    EXPECT_NEAR(p.a, theta(0), 1e-10 * (1 + std::abs(theta(0))));
    EXPECT_NEAR(p.b, theta(1), 1e-10 * (1 + std::abs(theta(1))));
  }
}

TEST(LinearModel, EqualXGivesTheMinimumNormFit) {
  // x = 2 everywhere, mean(y) = 5: every a·2 + b = 5 fits; the least-norm one is 5·(2, 1)/(2² + 1) = (2, 1), which
  // is also what the pseudo-inverse of [x 1] gives.
  LineData d;
  d.x = {2.0, 2.0, 2.0};
  d.y = {4.0, 5.0, 6.0};
  const LineParams p = least_squares(d, true);
  EXPECT_NEAR(p.a, 2.0, 1e-12);
  EXPECT_NEAR(p.b, 1.0, 1e-12);
  d.x = {0.0, 0.0, 0.0};
  EXPECT_EQ(least_squares(d, false).a, 0.0) << "through the origin with x = 0: a is free, the least-norm one is 0";
}

TEST(LinearModel, EmptyDataHasZeroLossAndGradient) {
  const LineData empty;
  EXPECT_EQ(mse(empty, {1.0, 1.0}), 0.0);
  EXPECT_EQ(mse_gradient(empty, {1.0, 1.0}).da, 0.0);
  const LineParams p = least_squares(empty, true);
  EXPECT_EQ(p.a, 0.0);
  EXPECT_EQ(p.b, 0.0);
}

}  // namespace
}  // namespace lpp
