// Training the tiny GPT: the schedule's closed form, AdamW's first step in closed form, the loss falling on the
// shipped corpus below what any context-free model can reach, and the same seed giving the same run.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "gpt/gpt_corpus.hpp"
#include "gpt/gpt_lab_analysis.hpp"
#include "gpt/gpt_train.hpp"

namespace lpp::gpt {
namespace {

// η_max 1e-2, W 10, S 110, η_min = 1e-3:
//   step 4 (warm-up): 1e-2·5/10 = 5e-3;  step 60 (half-way down): 1e-3 + ½·9e-3·(1 + cos(π/2)) = 5.5e-3;
//   step 110 and later: 1e-3.
TEST(GptTrain, ScheduleWarmsUpThenFollowsTheCosine) {
  TrainConfig c;
  c.learning_rate = 1e-2;
  c.warmup_steps = 10;
  c.decay_steps = 110;
  c.min_lr_ratio = 0.1;
  EXPECT_DOUBLE_EQ(learning_rate_at(c, 4), 5e-3);
  EXPECT_DOUBLE_EQ(learning_rate_at(c, 9), 1e-2);
  EXPECT_NEAR(learning_rate_at(c, 60), 5.5e-3, 1e-15);
  EXPECT_DOUBLE_EQ(learning_rate_at(c, 110), 1e-3);
  EXPECT_DOUBLE_EQ(learning_rate_at(c, 5000), 1e-3);
}

GptConfig tiny(int vocab) {
  GptConfig c;
  c.vocab = vocab;
  c.context = 16;
  c.layers = 1;
  c.width = 32;
  c.heads = 4;
  c.kv_heads = 4;
  c.mlp_width = 128;
  return c;
}

// The first AdamW step from m = v = 0: m̂ = g, v̂ = g², so θ₁ = θ₀ − η·(g/(|g| + ε) + λ·θ₀·[matrix]).
TEST(GptTrain, FirstAdamWStepInClosedForm) {
  std::mt19937_64 rng(5);
  Model<float> m = make_model<float>(tiny(20), rng);
  TrainConfig c;
  c.warmup_steps = 1;   // η at step 0 is η_max
  c.clip = 0;
  AdamState s;
  adam_reset(s, m.layout.total);
  Vec<float> grad(m.layout.total);
  for (Eigen::Index i = 0; i < grad.size(); ++i) grad(i) = static_cast<float>(((i * 37) % 11) - 5) * 1e-3f;
  const Vec<float> before = m.params, g = grad;
  adamw_step(c, m, s, grad);
  const double eta = c.learning_rate;
  for (const Tensor& t : m.layout.tensors) {
    for (Eigen::Index i = t.offset; i < t.offset + t.size(); i += 97) {
      const double expect = before(i) - eta * (g(i) / (std::abs(g(i)) + c.epsilon) +
                                               (t.matrix() ? c.weight_decay * before(i) : 0.0));
      EXPECT_NEAR(m.params(i), expect, 1e-7) << t.name;
    }
  }
}

// 300 steps of 8×16 tokens (38,400 tokens, under three passes over the corpus) at 1 layer, width 32.
TEST(GptTrain, LossFallsOnTheShippedCorpusBelowAnyContextFreeModel) {
  const TextData d = make_text_data(shipped_text());
  const GptConfig gc = tiny(d.vocab());
  std::mt19937_64 rng(1);
  Model<float> m = make_model<float>(gc, rng);
  TrainConfig c;
  c.warmup_steps = 20;
  c.decay_steps = 300;
  c.learning_rate = 1e-2;
  AdamState s;
  adam_reset(s, m.layout.total);
  StepScratch scratch;
  const double start = evaluate(m, d.validation, 64);
  EXPECT_NEAR(start, std::log(static_cast<double>(d.vocab())), 0.05);   // initial logits ≈ 0: uniform, ln V
  for (int i = 0; i < 300; ++i) train_step(m, s, c, d.train, rng, scratch);
  const double end = evaluate(m, d.validation, 64);
  const double unigram = unigram_cross_entropy(d);
  EXPECT_LT(end, unigram - 0.2) << "start " << start << ", unigram " << unigram;
}

Vec<float> run(std::uint64_t seed, int steps) {
  const TextData d = make_text_data(shipped_text());
  GptConfig gc = tiny(d.vocab());
  gc.positions = Positions::kRope;
  gc.mlp = MlpKind::kSwiGlu;
  std::mt19937_64 rng(seed);
  Model<float> m = make_model<float>(gc, rng);
  AdamState s;
  adam_reset(s, m.layout.total);
  StepScratch scratch;
  TrainConfig c;
  for (int i = 0; i < steps; ++i) train_step(m, s, c, d.train, rng, scratch);
  return m.params;
}

TEST(GptTrain, SameSeedSameRun) {
  const Vec<float> a = run(11, 5), b = run(11, 5), other = run(12, 5);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, other);
}

TEST(GptTrain, SampleStaysInTheVocabularyAndGreedyIsRepeatable) {
  std::mt19937_64 rng(2);
  const Model<float> m = make_model<float>(tiny(20), rng);
  const std::vector<int> s = sample(m, {1, 2, 3}, 40, 1.0, rng);
  ASSERT_EQ(s.size(), 40u);   // more than T = 16: the window slides
  for (int t : s) EXPECT_TRUE(t >= 0 && t < 20);
  std::mt19937_64 r1(1), r2(99);
  EXPECT_EQ(sample(m, {4}, 10, 0.0, r1), sample(m, {4}, 10, 0.0, r2));   // τ = 0 draws nothing
  const auto maps = attention_maps(m, {1, 2, 3, 4});
  ASSERT_EQ(maps.size(), 1u);
  ASSERT_EQ(maps[0].size(), 4u);
  EXPECT_EQ(maps[0][0].rows(), 4);
}

}  // namespace
}  // namespace lpp::gpt
