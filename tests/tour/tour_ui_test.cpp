// Headless UI test of the tour: reached by a real click on its tab, then real clicks on Next through all eight
// steps and on Back to the first, each step drawing its live view; the word vectors and the MoE train frame by
// frame within a frame budget; the text's numbers follow the state (step 4's count follows its sliders).
#include "headless_ui.hpp"

#include <string>

#include "tour/tour.hpp"

namespace lpp {
namespace {

TEST(TourUi, NextAndBackWalkThroughEveryStep) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.tour", View::Tour);
  ASSERT_EQ(ui.app.state.tour.step, 0);
  for (int step = 1; step < kTourStepCount; ++step) {
    ui.click("tour.next");
    ASSERT_EQ(ui.app.state.tour.step, step) << "Next from step " << step;
    ui.frame();
    EXPECT_GT(ui.vertices(), 2000) << "step " << step + 1 << " draws its view";
    EXPECT_TRUE(ui.app.ui.items.count("tour.text"));
  }
  ui.click("tour.next");
  EXPECT_EQ(ui.app.state.tour.step, kTourStepCount - 1) << "Next is disabled on the last step";
  for (int step = kTourStepCount - 2; step >= 0; --step) {
    ui.click("tour.back");
    ASSERT_EQ(ui.app.state.tour.step, step);
  }
  ui.click("tour.dot6");
  EXPECT_EQ(ui.app.state.tour.step, 6) << "a progress mark jumps to its step";
}

TEST(TourUi, StepsSetUpTheirLabs) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.tour", View::Tour);
  // A click on Next sets the step; the next frame applies its setup and draws it.
  ui.click("tour.next");   // 2: training
  ui.frame();
  EXPECT_TRUE(ui.app.state.dials.run.playing || !ui.app.state.dials.run.runners.empty());
  ui.click("tour.next");   // 3: the bias starts off; its box switches it on
  ui.frame();
  EXPECT_FALSE(ui.app.state.dials.use_bias);
  ui.click("tour.bias");
  EXPECT_TRUE(ui.app.state.dials.use_bias);
  ui.click("tour.next");   // 4: a layer of 3 inputs and 2 outputs has 3·2 + 2 = 8 parameters
  EXPECT_EQ(layer_param_count({ui.app.state.tour.layer_inputs, ui.app.state.tour.layer_outputs}, 0).total(), 8);
}

TEST(TourUi, WordVectorsAndMoeTrainWithoutBlockingFrames) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.tour", View::Tour);
  ui.click("tour.dot4");
  ASSERT_EQ(ui.app.state.tour.step, 4);
  // Each frame trains for a slice of time (8 ms), so the run spreads over frames: no single frame may do a large
  // share of it. How long a frame takes is the benchmark's business, not a test's.
  double largest_step = 0;
  int frames = 0;
  while (!ui.app.tour.words.training.done() && frames < 2000) {
    const double before = ui.app.tour.words.training.progress();
    ui.frame();
    largest_step = std::max(largest_step, ui.app.tour.words.training.progress() - before);
    ++frames;
  }
  EXPECT_TRUE(ui.app.tour.words.training.done());
  EXPECT_GT(frames, 5) << "training is spread over frames";
  EXPECT_LT(largest_step, 0.5) << "no frame trains half the run";
  const std::vector<double>& losses = ui.app.tour.words.training.epoch_losses;
  EXPECT_LT(losses.back(), losses.front());

  ui.click("tour.dot6");
  for (int i = 0; i < 30; ++i) ui.frame();
  EXPECT_GT(ui.app.tour.moe.cmp.moe.steps, 0);
  EXPECT_EQ(ui.app.tour.moe.cmp.dense_total.steps, ui.app.tour.moe.cmp.moe.steps);
  EXPECT_EQ(ui.app.tour.moe.grid.resolution, 48);
}

TEST(TourUi, UsableAtNineHundredBySixHundred) {
  HeadlessUi ui(1.0f, ImVec2(900, 600));
  ui.open("tab.tour", View::Tour);
  for (int step = 1; step < kTourStepCount; ++step) {
    ui.click("tour.next");
    ASSERT_EQ(ui.app.state.tour.step, step);
    const ItemRect next = ui.app.ui.items.at("tour.next");
    EXPECT_LE(next.x1, 900.0f) << "Next stays on screen at step " << step + 1;
  }
}

}  // namespace
}  // namespace lpp
