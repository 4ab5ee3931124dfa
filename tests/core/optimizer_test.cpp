// Tests of core/optimizer: two steps of each optimizer against the update equations worked by hand, on a
// one-parameter problem with gradients chosen so the arithmetic is exact.
#include "optimizer.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace lpp {
namespace {

// Runs two steps from θ = 1 with the gradients g1 = 2 then g2 = 4 (fed in, not computed), returns θ after each.
std::pair<double, double> two_steps(OptimizerConfig c) {
  OptimizerState<double> state;
  Eigen::VectorXd theta(1);
  theta << 1.0;
  Eigen::VectorXd g(1);
  g << 2.0;
  optimizer_step<double>(c, state, theta, g);
  const double first = theta(0);
  g << 4.0;
  optimizer_step<double>(c, state, theta, g);
  return {first, theta(0)};
}

OptimizerConfig config(OptimizerKind kind) {
  OptimizerConfig c;
  c.kind = kind;
  c.learning_rate = 0.1;
  c.momentum = 0.5;
  c.rho = 0.5;
  c.beta1 = 0.5;
  c.beta2 = 0.75;
  c.epsilon = 0.0;
  return c;
}

TEST(Optimizer, SgdTwoStepsByHand) {
  // θ1 = 1 − 0.1·2 = 0.8;  θ2 = 0.8 − 0.1·4 = 0.4.
  const auto [t1, t2] = two_steps(config(OptimizerKind::Sgd));
  EXPECT_DOUBLE_EQ(t1, 0.8);
  EXPECT_DOUBLE_EQ(t2, 0.4);
}

TEST(Optimizer, MomentumTwoStepsByHand) {
  // v1 = 2, θ1 = 1 − 0.2 = 0.8;  v2 = 0.5·2 + 4 = 5, θ2 = 0.8 − 0.5 = 0.3.
  const auto [t1, t2] = two_steps(config(OptimizerKind::Momentum));
  EXPECT_DOUBLE_EQ(t1, 0.8);
  EXPECT_DOUBLE_EQ(t2, 0.3);
}

TEST(Optimizer, NesterovTwoStepsByHand) {
  // v1 = 2, θ1 = 1 − 0.1·(2 + 0.5·2) = 0.7;  v2 = 5, θ2 = 0.7 − 0.1·(4 + 2.5) = 0.05.
  const auto [t1, t2] = two_steps(config(OptimizerKind::Nesterov));
  EXPECT_DOUBLE_EQ(t1, 0.7);
  EXPECT_NEAR(t2, 0.05, 1e-15);
}

TEST(Optimizer, RmsPropTwoStepsByHand) {
  // s1 = 0.5·4 = 2, θ1 = 1 − 0.1·2/√2 = 1 − 0.1·√2;  s2 = 0.5·2 + 0.5·16 = 9, θ2 = θ1 − 0.1·4/3.
  const auto [t1, t2] = two_steps(config(OptimizerKind::RmsProp));
  EXPECT_NEAR(t1, 1 - 0.1 * std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(t2, 1 - 0.1 * std::sqrt(2.0) - 0.4 / 3, 1e-15);
}

TEST(Optimizer, AdamTwoStepsByHand) {
  // t=1: m = 0.5·2 = 1, s = 0.25·4 = 1; m̂ = 1/0.5 = 2, ŝ = 1/0.25 = 4; θ1 = 1 − 0.1·2/2 = 0.9.
  // t=2: m = 0.5·1 + 0.5·4 = 2.5, s = 0.75·1 + 0.25·16 = 4.75;
  //      m̂ = 2.5/(1 − 0.25) = 10/3, ŝ = 4.75/(1 − 0.5625) = 4.75/0.4375 = 76/7;
  //      θ2 = 0.9 − 0.1·(10/3)/√(76/7).
  const auto [t1, t2] = two_steps(config(OptimizerKind::Adam));
  EXPECT_NEAR(t1, 0.9, 1e-15);
  EXPECT_NEAR(t2, 0.9 - 0.1 * (10.0 / 3.0) / std::sqrt(76.0 / 7.0), 1e-14);
}

TEST(Optimizer, FloatAndDoubleAgree) {
  for (int k = 0; k < kOptimizerKindCount; ++k) {
    OptimizerConfig c = config(static_cast<OptimizerKind>(k));
    c.epsilon = 1e-8;
    OptimizerState<float> sf;
    OptimizerState<double> sd;
    Eigen::VectorXf pf(3), gf(3);
    Eigen::VectorXd pd(3), gd(3);
    pf << 1, -2, 3;
    pd << 1, -2, 3;
    gf << 0.5f, -1, 2;
    gd << 0.5, -1, 2;
    for (int i = 0; i < 5; ++i) {
      optimizer_step<float>(c, sf, pf, gf);
      optimizer_step<double>(c, sd, pd, gd);
    }
    EXPECT_LT((pf.cast<double>() - pd).cwiseAbs().maxCoeff(), 1e-5) << optimizer_name(c.kind);
  }
}

}  // namespace
}  // namespace lpp
