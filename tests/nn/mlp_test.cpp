// Tests of core/nn/mlp: gradients against central finite differences (double precision) for every activation,
// loss and regularization; losses on hand-computed fixtures; parameter counts and FLOPs against the formula
// and published figures; seeded initialisation.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "nn/draws.hpp"
#include "nn/mlp.hpp"

namespace lpp {
namespace {

using Md = MatrixT<double>;

// Objective the backward pass differentiates: data loss + penalty.
double objective(const Mlp<double>& net, const Md& x, const Md& y, LossKind loss, Regularization reg, double lambda) {
  ForwardCache<double> cache;
  forward<double>(net, x, cache);
  return data_loss<double>(loss, cache.a.back(), y) + penalty<double>(net, reg, lambda);
}

// Targets that suit `loss`: values in [−1, 1], 0/1 labels, or one-hot columns.
Md targets_for(LossKind loss, int rows, int cols, std::mt19937_64& rng) {
  Md y = Md::Zero(rows, cols);
  for (int j = 0; j < cols; ++j) {
    if (loss == LossKind::Mse) for (int i = 0; i < rows; ++i) y(i, j) = draw_uniform(rng, -1, 1);
    else if (loss == LossKind::BinaryCrossEntropy) y(0, j) = draw_uniform01(rng) < 0.5 ? 0 : 1;
    else y(static_cast<int>(rng() % static_cast<unsigned>(rows)), j) = 1;
  }
  return y;
}

// Max relative error between the analytic gradient and (f(θ+h) − f(θ−h)) / 2h over every parameter.
void expect_gradient_matches(Activation act, LossKind loss, Regularization reg, double lambda) {
  std::mt19937_64 rng(7);
  const int outputs = loss == LossKind::BinaryCrossEntropy ? 1 : 3;
  const Activation out_act = loss == LossKind::Mse ? act : Activation::Linear;
  Mlp<double> net = make_mlp<double>({3, 5, 4, outputs}, {act, act, out_act}, InitKind::Xavier, rng);
  for (Eigen::Index i = 0; i < net.params.size(); ++i) net.params[i] += draw_uniform(rng, -0.3, 0.3);  // non-zero biases
  Md x(3, 6);
  for (Eigen::Index i = 0; i < x.size(); ++i) x(i) = draw_uniform(rng, -2, 2);
  const Md y = targets_for(loss, outputs, 6, rng);

  ForwardCache<double> cache;
  BackwardBuffers<double> buffers;
  forward<double>(net, x, cache);
  const double reported = backward<double>(net, cache, loss, y, reg, lambda, buffers);
  EXPECT_NEAR(reported, data_loss<double>(loss, cache.a.back(), y), 1e-12);

  const double h = 1e-6;
  for (Eigen::Index i = 0; i < net.params.size(); ++i) {
    Mlp<double> plus = net, minus = net;
    plus.params[i] += h;
    minus.params[i] -= h;
    const double numeric = (objective(plus, x, y, loss, reg, lambda) - objective(minus, x, y, loss, reg, lambda)) / (2 * h);
    EXPECT_NEAR(numeric, buffers.grad[i], 1e-6 * std::max(1.0, std::abs(numeric)))
        << activation_name(act) << " / " << loss_name(loss) << " / " << regularization_name(reg) << ", parameter " << i;
  }
}

TEST(MlpGradient, EveryActivationUnderMseMatchesFiniteDifferences) {
  for (Activation act : {Activation::Relu, Activation::Tanh, Activation::Sigmoid, Activation::Linear})
    expect_gradient_matches(act, LossKind::Mse, Regularization::None, 0.0);
}

TEST(MlpGradient, BinaryCrossEntropyOnLogitsMatchesFiniteDifferences) {
  for (Activation act : {Activation::Relu, Activation::Tanh, Activation::Sigmoid, Activation::Linear})
    expect_gradient_matches(act, LossKind::BinaryCrossEntropy, Regularization::None, 0.0);
}

TEST(MlpGradient, SoftmaxCrossEntropyMatchesFiniteDifferences) {
  for (Activation act : {Activation::Relu, Activation::Tanh, Activation::Sigmoid, Activation::Linear})
    expect_gradient_matches(act, LossKind::SoftmaxCrossEntropy, Regularization::None, 0.0);
}

TEST(MlpGradient, L1AndL2PenaltiesMatchFiniteDifferences) {
  expect_gradient_matches(Activation::Tanh, LossKind::Mse, Regularization::L1, 0.03);
  expect_gradient_matches(Activation::Relu, LossKind::SoftmaxCrossEntropy, Regularization::L2, 0.05);
}

TEST(MlpLoss, HandComputedFixtures) {
  Md out(1, 2), y(1, 2);
  out << 1, 2;
  y << 0, 0;
  EXPECT_DOUBLE_EQ(data_loss<double>(LossKind::Mse, out, y), 1.25);   // ½(1² + 2²) / 2
  Md logit = Md::Zero(1, 1), one = Md::Ones(1, 1);
  EXPECT_NEAR(data_loss<double>(LossKind::BinaryCrossEntropy, logit, one), std::log(2.0), 1e-15);   // −log σ(0)
  Md big(1, 1);
  big << 1000;   // softplus(1000) − 0 must stay finite: 1000
  EXPECT_NEAR(data_loss<double>(LossKind::BinaryCrossEntropy, big, Md::Zero(1, 1)), 1000.0, 1e-9);
  Md three = Md::Zero(3, 1), hot = Md::Zero(3, 1);
  hot(1, 0) = 1;
  EXPECT_NEAR(data_loss<double>(LossKind::SoftmaxCrossEntropy, three, hot), std::log(3.0), 1e-15);   // −log ⅓
}

TEST(MlpLoss, PenaltySumsWeightsNotBiases) {
  std::mt19937_64 rng(1);
  Mlp<double> net = make_mlp<double>({1, 2, 1}, {Activation::Tanh, Activation::Linear}, InitKind::Xavier, rng);
  // W_1 = [1, −2]ᵀ, b_1 = [100, 100], W_2 = [3, −4], b_2 = 0
  net.weights(0) << 1, -2;
  net.weights(1) << 3, -4;
  net.bias(0) << 100, 100;
  EXPECT_DOUBLE_EQ(penalty<double>(net, Regularization::L1, 0.5), 5.0);    // 0.5·(1 + 2 + 3 + 4)
  EXPECT_DOUBLE_EQ(penalty<double>(net, Regularization::L2, 0.5), 7.5);    // 0.5·½(1 + 4 + 9 + 16)
}

TEST(MlpParamCount, FormulaEqualsTheSummedMatrixSizes) {
  std::mt19937_64 rng(3);
  for (const std::vector<int>& widths : std::vector<std::vector<int>>{{2, 4, 2, 1}, {7, 64, 64, 64, 64, 64, 64, 64, 64, 3}, {2, 1}}) {
    std::vector<Activation> acts(widths.size() - 1, Activation::Relu);
    const Mlp<float> net = make_mlp<float>(widths, acts, InitKind::Auto, rng);
    std::int64_t summed = 0;
    for (int l = 0; l < net.layers(); ++l) {
      EXPECT_EQ(layer_param_count(widths, l).weights, net.weights(l).size());
      EXPECT_EQ(layer_param_count(widths, l).biases, net.bias(l).size());
      summed += net.weights(l).size() + net.bias(l).size();
    }
    EXPECT_EQ(total_param_count(widths), summed);
    EXPECT_EQ(total_param_count(widths), net.params.size());
  }
}

TEST(MlpParamCount, PublishedSmallNetworks) {
  EXPECT_EQ(total_param_count({1, 1}), 2);               // y = a·x + b
  EXPECT_EQ(total_param_count({2, 4, 2, 1}), 25);        // TF Playground's default: (2·4+4) + (4·2+2) + (2·1+1)
  EXPECT_EQ(total_param_count({2, 8, 8, 1}), 105);       // PRODUCT.md: (2·8+8) + (8·8+8) + (8·1+1)
}

TEST(MlpParamCount, TrainStepFlopsAreSixTimesMacsTimesBatch) {
  EXPECT_EQ(forward_macs({2, 4, 2, 1}), 18);               // 2·4 + 4·2 + 2·1
  EXPECT_EQ(train_step_flops({2, 4, 2, 1}, 10), 1080);     // 6 · 18 · 10
}

TEST(MlpInit, SameSeedSameWeightsOtherSeedOthers) {
  std::mt19937_64 a(42), b(42), c(43);
  const std::vector<int> widths{2, 8, 8, 1};
  const std::vector<Activation> acts{Activation::Relu, Activation::Tanh, Activation::Linear};
  const Mlp<float> na = make_mlp<float>(widths, acts, InitKind::Auto, a);
  const Mlp<float> nb = make_mlp<float>(widths, acts, InitKind::Auto, b);
  const Mlp<float> nc = make_mlp<float>(widths, acts, InitKind::Auto, c);
  EXPECT_EQ(na.params, nb.params);
  EXPECT_NE(na.params, nc.params);
  EXPECT_TRUE(na.bias(0).isZero());
}

TEST(MlpInit, XavierAndHeHaveTheirSpread) {
  std::mt19937_64 rng(5);
  // Xavier: U(±√(6/(fan_in+fan_out))) = U(±√(6/128)), variance r²/3 = 2/128 = 0.015625.
  const Mlp<double> x = make_mlp<double>({64, 64}, {Activation::Tanh}, InitKind::Xavier, rng);
  const double r = std::sqrt(6.0 / 128.0);
  EXPECT_LE(x.weights(0).cwiseAbs().maxCoeff(), r);
  EXPECT_NEAR(x.weights(0).squaredNorm() / 4096.0, 2.0 / 128.0, 0.0015);
  // He: N(0, 2/fan_in) = N(0, 2/64), variance 0.03125.
  const Mlp<double> h = make_mlp<double>({64, 64}, {Activation::Relu}, InitKind::Auto, rng);
  EXPECT_NEAR(h.weights(0).squaredNorm() / 4096.0, 2.0 / 64.0, 0.003);
}

}  // namespace
}  // namespace lpp
