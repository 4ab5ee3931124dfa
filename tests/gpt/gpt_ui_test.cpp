// The Tiny GPT lab through the headless UI: opened by a real click on its tab, it trains for frames (app_update's
// budget) until its validation loss falls below the best context-free model's, and a click pauses it; a changed choice
// starts a new run and recounts; the same seed gives the same run whatever the frames were.
#include <gtest/gtest.h>

#include "gpt/gpt_lab_analysis.hpp"
#include "headless_ui.hpp"

namespace lpp {
namespace {

TEST(GptUi, TrainingByClicksBeatsTheUnigramAndAChoiceResetsAndRecounts) {
  HeadlessUi ui(1.0f);
  // A smaller model than the lab's default, so the test trains in seconds on any machine: 1 layer, C = 32.
  apply_link(ui.app, "v=1&g.layers=1&g.width=32&g.ff=128&g.ctx=16");
  ASSERT_TRUE(ui.app.ui.notices.empty()) << ui.app.ui.notices.front();
  ui.open("tab.gpt", View::Gpt);
  const GptRuntime& rt = ui.app.gpt;
  ASSERT_TRUE(rt.built);
  const std::int64_t params = rt.model_analysis.trainer_params.value;
  EXPECT_EQ(rt.model_analysis.engine_params.value, params);
  ASSERT_TRUE(rt.playing) << "the first run starts when the tab opens";
  // The budget decides how many steps a frame takes; frames until 400 steps (about 3 passes over the corpus, where
  // the engine's own test sees the loss below the unigram).
  for (int f = 0; f < 20000 && rt.adam.step < 400; ++f) ui.frame();
  ASSERT_GE(rt.adam.step, 400);
  ASSERT_FALSE(rt.history.empty());
  const double unigram = gpt::unigram_cross_entropy(rt.text);
  EXPECT_LT(rt.history.back().validation, unigram) << "unigram " << unigram;
  EXPECT_LT(rt.progress.validation_loss.value, rt.model_analysis.uniform_loss.value);
  EXPECT_FALSE(rt.sample.empty()) << "a sample was finished while training";
  ui.click("gpt.play");   // Pause
  EXPECT_FALSE(rt.playing);
  const long paused_at = rt.adam.step;
  for (int f = 0; f < 5; ++f) ui.frame();
  EXPECT_EQ(rt.adam.step, paused_at);

  // Two layers instead of one: a new run (step 0, paused, no history) with more parameters, counted again.
  ui.click("gpt.layers.2");
  ui.frame();
  EXPECT_EQ(ui.app.state.gpt.model.layers, 2);
  EXPECT_EQ(rt.adam.step, 0);
  EXPECT_TRUE(rt.history.empty());
  EXPECT_FALSE(rt.playing);
  EXPECT_GT(rt.model_analysis.trainer_params.value, params);
  EXPECT_EQ(rt.model_analysis.engine_params.value, rt.model_analysis.trainer_params.value);
}

TEST(GptUi, SameSeedSameRunWhateverTheFrames) {
  App a, b;
  a.state.gpt.model.layers = b.state.gpt.model.layers = 1;
  a.state.gpt.model.width = b.state.gpt.model.width = 16;
  a.state.gpt.model.mlp_width = b.state.gpt.model.mlp_width = 64;
  gpt_sync(a);
  gpt_sync(b);
  gpt_step(a, 30);
  for (int i = 0; i < 3; ++i) gpt_step(b, 10);
  EXPECT_EQ(a.gpt.model.params, b.gpt.model.params);
  ASSERT_EQ(a.gpt.history.size(), b.gpt.history.size());
  EXPECT_EQ(a.gpt.history.back().validation, b.gpt.history.back().validation);
  b.state.gpt.seed = 2;
  gpt_sync(b);
  gpt_step(b, 30);
  EXPECT_NE(a.gpt.model.params, b.gpt.model.params);
}

TEST(GptUi, ALinkWhoseSizesMakeNoModelKeepsTheSettingsAndSaysWhy) {
  HeadlessUi ui(1.0f);
  const GptLabState before = ui.app.state.gpt;
  apply_link(ui.app, "v=1&view=gpt&g.heads=4&g.kv=3");
  EXPECT_TRUE(ui.app.state.gpt == before);
  ASSERT_FALSE(ui.app.ui.notices.empty());
  EXPECT_NE(ui.app.ui.notices.back().find("kv_heads (3) must divide heads (4)"), std::string::npos)
      << ui.app.ui.notices.back();
}

}  // namespace
}  // namespace lpp
