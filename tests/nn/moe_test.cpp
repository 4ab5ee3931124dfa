// Tests of core/nn/moe: the parameter counts against the allocated sizes and hand arithmetic, the gradient through
// the gate and the experts against central finite differences (double precision), routing on the spiral set, the
// dense networks matched to the MoE's counts, training stopped and restored on a runaway rate or non-finite data, and
// a pinned fixed-seed loss trajectory.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "nn/draws.hpp"
#include "nn/moe.hpp"

namespace lpp {
namespace {

using Md = MatrixT<double>;

TEST(MoeCount, ActiveCountEqualsTheSummedSizesOfGateAndKExperts) {
  MoeConfig cfg;
  cfg.experts = 4, cfg.top_k = 2, cfg.expert_width = 8;
  std::mt19937_64 rng(1);
  const Moe<double> moe = make_moe<double>(2, 1, cfg, rng);
  const MoeParamCount n = moe_param_count(2, 1, cfg);
  // gate 2·4 + 4 = 12; expert (2·8 + 8) + (8·1 + 1) = 33; total 12 + 4·33 = 144; active 12 + 2·33 = 78.
  EXPECT_EQ(n.gate, 12);
  EXPECT_EQ(n.expert, 33);
  EXPECT_EQ(n.total(), 144);
  EXPECT_EQ(n.active(), 78);
  std::int64_t allocated = moe.gate.params.size();
  for (const Mlp<double>& e : moe.experts) allocated += e.params.size();
  EXPECT_EQ(n.total(), allocated);
  EXPECT_EQ(n.active(), moe.gate.params.size() + 2 * moe.experts[0].params.size());
}

TEST(MoeRouting, TopKWeightsAreASoftmaxOverTheChosenScores) {
  MoeConfig cfg;
  cfg.experts = 3, cfg.top_k = 2;
  std::mt19937_64 rng(3);
  Moe<double> moe = make_moe<double>(1, 1, cfg, rng);
  // Scores z = (1, 3, 2) for x = 1: W_g = (0, 0, 0)ᵀ, b_g = (1, 3, 2).
  moe.gate.weights(0).setZero();
  moe.gate.bias(0) << 1, 3, 2;
  MoeCache<double> cache;
  forward<double>(moe, Md::Ones(1, 1), cache);
  EXPECT_EQ(cache.chosen(0, 0), 1);
  EXPECT_EQ(cache.chosen(1, 0), 2);
  // p = (e³, e²) / (e³ + e²) = (1/(1 + e⁻¹), 1/(1 + e)) = (0.731059, 0.268941)
  EXPECT_NEAR(cache.weight(0, 0), 0.7310585786, 1e-9);
  EXPECT_NEAR(cache.weight(1, 0), 0.2689414214, 1e-9);
  // y = p₁·f₁(x) + p₂·f₂(x)
  ForwardCache<double> f1, f2;
  forward<double>(moe.experts[1], Md::Ones(1, 1), f1);
  forward<double>(moe.experts[2], Md::Ones(1, 1), f2);
  EXPECT_NEAR(cache.out(0, 0), 0.7310585786 * f1.a.back()(0, 0) + 0.2689414214 * f2.a.back()(0, 0), 1e-9);
  // Balancing: f = (0, ½, ½), so E·Σ f_e·P_e = 3·(P₂ + P₃)/2 with P = softmax(1, 3, 2).
  const double s = std::exp(1.0) + std::exp(3.0) + std::exp(2.0);
  EXPECT_NEAR(balance_loss<double>(cache), 1.5 * (std::exp(3.0) + std::exp(2.0)) / s, 1e-12);
}

double objective(const Moe<double>& moe, const Md& x, const Md& y, LossKind loss, double alpha) {
  MoeCache<double> cache;
  forward<double>(moe, x, cache);
  return data_loss<double>(loss, cache.out, y) + alpha * balance_loss<double>(cache);
}

// Every parameter of the gate and the experts against (f(θ+h) − f(θ−h)) / 2h.
void expect_gradient_matches(LossKind loss, int outputs, int top_k, double alpha) {
  MoeConfig cfg;
  cfg.experts = 4, cfg.top_k = top_k, cfg.expert_width = 5;
  std::mt19937_64 rng(11);
  Moe<double> moe = make_moe<double>(3, outputs, cfg, rng);
  const int B = 16;
  Md x(3, B), y = Md::Zero(outputs, B);
  for (int j = 0; j < B; ++j) {
    for (int i = 0; i < 3; ++i) x(i, j) = draw_uniform(rng, -2, 2);
    if (outputs == 1) y(0, j) = draw_uniform01(rng) < 0.5 ? 0 : 1;
    else y(static_cast<int>(rng() % outputs), j) = 1;
  }
  MoeCache<double> cache;
  forward<double>(moe, x, cache);
  MoeBuffers<double> buffers;
  const double reported = backward<double>(moe, cache, loss, y, alpha, buffers);
  EXPECT_NEAR(reported, data_loss<double>(loss, cache.out, y), 1e-12);

  const double h = 1e-6;
  auto check = [&](Eigen::VectorXd& params, const Eigen::VectorXd& grad, const char* what) {
    for (Eigen::Index i = 0; i < params.size(); ++i) {
      const double keep = params[i];
      params[i] = keep + h;
      const double up = objective(moe, x, y, loss, alpha);
      params[i] = keep - h;
      const double down = objective(moe, x, y, loss, alpha);
      params[i] = keep;
      const double numeric = (up - down) / (2 * h);
      EXPECT_NEAR(numeric, grad[i], 1e-6 * std::max(1.0, std::abs(numeric))) << what << " parameter " << i;
    }
  };
  check(moe.gate.params, buffers.gate.grad, "gate");
  EXPECT_GT(buffers.gate.grad.norm(), 1e-6) << "the gradient reaches the gate";
  for (std::size_t e = 0; e < moe.experts.size(); ++e) check(moe.experts[e].params, buffers.experts[e].grad, "expert");
}

TEST(MoeGradient, MatchesFiniteDifferencesThroughTheGateTop2BinaryCrossEntropy) {
  expect_gradient_matches(LossKind::BinaryCrossEntropy, 1, 2, 0.0);
}
TEST(MoeGradient, MatchesFiniteDifferencesWithTheBalancingLoss) {
  expect_gradient_matches(LossKind::BinaryCrossEntropy, 1, 2, 0.5);
}
TEST(MoeGradient, MatchesFiniteDifferencesTop1AndTop3SoftmaxCrossEntropy) {
  expect_gradient_matches(LossKind::SoftmaxCrossEntropy, 3, 1, 0.5);
  expect_gradient_matches(LossKind::SoftmaxCrossEntropy, 3, 3, 0.5);
}

TEST(MoeDense, WidthsMatchTheCountsClosest) {
  // F = 2, d_L = 1: w hidden neurons have 2w + w + w + 1 = 4w + 1 parameters. 144 → w = 36 (145; 35 gives 141).
  EXPECT_EQ(dense_width_for(2, 1, 144), 36);
  EXPECT_EQ(dense_width_for(2, 1, 78), 19);   // 4·19 + 1 = 77
  EXPECT_EQ(dense_width_for(2, 1, 1), 1);     // never below one neuron
}

LayersState spiral_settings() {
  LayersState s;
  s.data = DataSetKind::Spiral;
  s.points = 500;
  s.loss = LossKind::BinaryCrossEntropy;
  s.batch_size = 10;
  s.optimizer = OptimizerConfig{OptimizerKind::Adam, 0.03};
  return s;
}

TEST(MoeTraining, RoutingUsesEveryExpertOnTheSpiralSet) {
  MoeComparison c = make_moe_comparison(spiral_settings(), MoeConfig{}, 3000);
  while (!c.done()) moe_comparison_advance(c, 1e9);
  const std::vector<int> usage = expert_usage(c.moe.net, c.moe.train_x);
  ASSERT_EQ(usage.size(), 4u);
  for (std::size_t e = 0; e < usage.size(); ++e)
    EXPECT_GE(usage[e], c.moe.train_x.cols() / 20) << "expert " << e << " gets at least 5 % of the examples";
  EXPECT_EQ(c.dense_total.steps, c.moe.steps) << "the three models train the same steps";
  EXPECT_EQ(c.dense_active.steps, c.moe.steps);
}

TEST(MoeTraining, RateOfAThousandAndNonFiniteDataStopAndRestoreTheLastFiniteParameters) {
  LayersState s = spiral_settings();
  const TrainTest data =
      split_dataset(make_dataset(s.data, s.points, s.noise, s.data_seed), s.train_percent, s.data_seed);
  MoeRun run = make_moe_run(s, MoeConfig{}, data);
  ASSERT_FALSE(train_moe_steps(run, s, MoeConfig{}, 50, 1e9).diverged);
  const Eigen::VectorXf gate = run.net.gate.params, expert = run.net.experts[2].params;
  record_losses(run);
  const double loss_good = run.history.back().train;
  s.optimizer.learning_rate = 1e3;   // Adam: every parameter moves by about 10^3 in the first step
  const StepStats st = train_moe_steps(run, s, MoeConfig{}, 25, 1e9);
  EXPECT_TRUE(st.diverged);
  EXPECT_EQ(st.reason, StopReason::StepTooLarge);
  EXPECT_EQ(run.net.gate.params, gate);
  EXPECT_EQ(run.net.experts[2].params, expert);
  s.optimizer.learning_rate = 0.03;
  run.diverged = false;
  ASSERT_FALSE(train_moe_steps(run, s, MoeConfig{}, 500, 1e9).diverged);
  record_losses(run);
  EXPECT_LT(run.history.back().train, loss_good);
  run.train_x(0, 1) = std::numeric_limits<float>::quiet_NaN();
  run.cursor = 0;
  const StepStats bad = train_moe_steps(run, s, MoeConfig{}, 25, 1e9);
  EXPECT_EQ(bad.reason, StopReason::DataNotFinite);
  EXPECT_TRUE(run.net.gate.params.allFinite());
}

TEST(MoeTraining, PinnedLossTrajectoryWithTheFixedSeed) {
  MoeComparison c = make_moe_comparison(spiral_settings(), MoeConfig{}, 1000);
  while (!c.done()) moe_comparison_advance(c, 1e9);
  // Recorded from this implementation (float, seed 1, data seed 1, every 250 steps) and checked to fall; a change
  // to initialisation, routing, batching or the optimizer shows up here.
  const double want[] = {0.763058, 0.553522, 0.465015, 0.320639, 0.188808};
  ASSERT_EQ(c.moe.history.size(), std::size(want));
  for (std::size_t i = 0; i < c.moe.history.size(); ++i)
    EXPECT_NEAR(c.moe.history[i].train, want[i], 2e-3 * want[i]) << "record " << i;
  EXPECT_LT(c.moe.history.back().train, 0.5 * c.moe.history.front().train);
}

}  // namespace
}  // namespace lpp
