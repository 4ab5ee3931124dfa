// The Tiny GPT lab's figures: the engine's count of the exported config equals the trainer's floats at the lab's
// defaults and at a Llama-like mix, the FLOPs per token and bits per byte match their closed forms by hand, and the
// unigram baseline matches a hand-computed fixture.
#include <gtest/gtest.h>

#include <cmath>

#include "gpt/gpt_lab_analysis.hpp"
#include "gpt/gpt_lab_state.hpp"

namespace lpp::gpt {
namespace {

TEST(GptLabAnalysis, EngineCountEqualsTrainerFloatsAndFlopsFollowTheClosedForm) {
  const TextData text = make_text_data(shipped_text());
  GptConfig c = GptLabState().model;
  c.vocab = text.vocab();
  const GptModelAnalysis a = analyse_gpt_model(c, text);
  EXPECT_EQ(a.family, "gpt2");
  EXPECT_EQ(a.engine_params.value, a.trainer_params.value) << a.engine_params.formula;
  // GPT-2's count by hand (Radford et al. 2019's module, tied head): V·C + T·C + L·(2·2C + 4·(C² + C) + C·F + F +
  // F·C + C) + 2C. At V, T = 32, L = 2, C = 48, F = 192: 32·48 = 1,536; per block 192 + 9,408 + 9,408 + 9,264 =
  // 28,272; final norm 96.
  const std::int64_t V = c.vocab;
  EXPECT_EQ(a.trainer_params.value, V * 48 + 1536 + 2 * 28272 + 96);
  std::int64_t sum = 0;
  for (const TensorRow& r : a.tensors) sum += r.count;
  EXPECT_EQ(sum, a.trainer_params.value);
  // 6·N + 12·L·T·C, with 12·2·32·48 = 36,864.
  EXPECT_DOUBLE_EQ(a.flops_per_token.value, 6.0 * static_cast<double>(a.trainer_params.value) + 36864);
  EXPECT_NEAR(a.uniform_loss.value, std::log(static_cast<double>(V)), 1e-12);

  c.mlp = MlpKind::kSwiGlu;
  c.positions = Positions::kRope;
  c.norm = NormKind::kRmsNorm;
  c.biases = false;
  c.tied = false;
  c.kv_heads = 2;
  const GptModelAnalysis l = analyse_gpt_model(c, text);
  EXPECT_EQ(l.family, "llama");
  EXPECT_EQ(l.engine_params.value, l.trainer_params.value) << l.engine_params.formula;
}

// Streams by hand: train = a a b (tokens 0 0 1), validation = b a; add-one counts a 3, b 2 of 5:
//   H = −(ln(2/5) + ln(3/5)) / 2 = (0.91629 + 0.51083) / 2 = 0.71356 nats.
TEST(GptLabAnalysis, UnigramBaselineByHandAndBitsAreNatsOverLnTwo) {
  TextData d;
  d.bytes = {'a', 'b'};
  d.train = {0, 0, 1};
  d.validation = {1, 0};
  EXPECT_NEAR(unigram_cross_entropy(d), -(std::log(0.4) + std::log(0.6)) / 2, 1e-12);

  GptModelAnalysis m;
  std::vector<LossPoint> history = {{256, 2.0, 2.5}, {512, 1.0, 1.3862943611198906}};
  m.flops_per_token.value = 1000;
  const GptProgressAnalysis p = analyse_gpt_progress(m, history, 512);
  EXPECT_EQ(p.validation_loss.value, 1.3862943611198906);
  EXPECT_NEAR(p.validation_bits.value, 2.0, 1e-12);   // ln 4 / ln 2
  EXPECT_NEAR(p.train_bits.value, 1 / std::log(2.0), 1e-12);
  EXPECT_DOUBLE_EQ(p.training_flops.value, 512000);
  EXPECT_EQ(p.tokens_seen.value, 512);
}

}  // namespace
}  // namespace lpp::gpt
