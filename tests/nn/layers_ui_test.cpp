// Headless UI tests of the Layers view: reached by a real click on its tab, frames with training on at the default
// and at 8×64, a real click on Play and on a neuron "+", a weight edit through the diagram, the capacity sweep
// started and cancelled with real clicks, a bad CSV import that keeps the previous data.
#include "headless_ui.hpp"

#include <chrono>
#include <cstdio>

namespace lpp {
namespace {

void open_layers(HeadlessUi& ui) {
  ui.frame();
  ui.frame();
  ui.click("tab.layers");
  ASSERT_EQ(ui.app.state.view, View::Layers);
  ui.frame();
}

TEST(LayersUi, TabClickTrainsWithPlayAndTheLossFalls) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  open_layers(ui);
  const TrainRun& run = ui.app.layers.run;
  EXPECT_EQ(total_param_count(run.net.widths), 25);   // TF Playground's 2-4-2-1
  ASSERT_FALSE(run.history.empty());
  const double first = run.history.front().train;
  ui.click("layers.play");
  EXPECT_TRUE(ui.app.layers.playing);
  for (int i = 0; i < 120; ++i) ui.frame();
  EXPECT_GT(run.steps, 500);
  EXPECT_LT(run.history.back().train, 0.7 * first) << "training on the circle lowers the loss";
  EXPECT_GT(ui.vertices(), 20000) << "heat maps, edges and points";
  ui.click("layers.play");
  EXPECT_FALSE(ui.app.layers.playing);
  const long steps = run.steps;
  ui.click("layers.step");
  EXPECT_EQ(run.steps, steps + 1);
}

TEST(LayersUi, NeuronPlusAddsParametersAndTheBigNetworkDrawsWithinTheFrameBudget) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  open_layers(ui);
  ui.click("layers.neuron_plus0");
  ui.frame();   // the run rebuilds from the state at the start of the next frame
  // 2 → 5 → 2 → 1: (2·5+5) + (5·2+2) + (2·1+1) = 15 + 12 + 3 = 30
  EXPECT_EQ(total_param_count(ui.app.layers.run.net.widths), 30);
  ui.click("layers.big");
  ui.frame();
  const std::vector<int> widths = ui.app.layers.run.net.widths;
  ASSERT_EQ(widths.size(), 10u);
  // 2·64+64 + 7·(64·64+64) + 64·1+1 = 192 + 29,120 + 65 = 29,377
  EXPECT_EQ(total_param_count(widths), 29377);
  ui.click("layers.play");
  using Clock = std::chrono::steady_clock;
  double worst = 0, total = 0;
  for (int i = 0; i < 40; ++i) {
    const Clock::time_point t0 = Clock::now();
    ui.frame();
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    worst = std::max(worst, ms), total += ms;
  }
  std::printf("8x64 frame with training (headless, CPU side): mean %.2f ms, worst %.2f ms (training %.2f ms, grid %d² %.2f ms, %d vertices)\n", total / 40, worst, ui.app.layers.frame_train_seconds * 1e3, ui.app.layers.grid.resolution, ui.app.layers.grid_seconds * 1e3, ui.vertices());
  EXPECT_GT(ui.app.layers.run.steps, 40);
  EXPECT_TRUE(ui.app.layers.run.net.params.allFinite());
}

TEST(LayersUi, SweepStartsShowsProgressAndCancels) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  open_layers(ui);
  ui.click("layers.sweep_start");
  EXPECT_TRUE(ui.app.layers.sweep_running);
  for (int i = 0; i < 5; ++i) ui.frame();
  EXPECT_GT(ui.app.layers.sweep_progress, 0.0);
  ui.click("layers.sweep_cancel");
  EXPECT_FALSE(ui.app.layers.sweep_running);
  for (int i = 0; i < 3; ++i) ui.frame();   // the cancelled sweep stays cancelled
  EXPECT_FALSE(ui.app.layers.sweep_running);
}

TEST(LayersUi, ClickingANeuronOpensTheEditorOnItsBias) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  open_layers(ui);
  LayersRuntime& rt = ui.app.layers;
  rt.run.net.bias(0)[0] = 0.25f;
  ui.click("layers.neuron1_0");
  EXPECT_EQ(rt.edit.layer, 0);
  EXPECT_EQ(rt.edit.row, 0);
  EXPECT_TRUE(rt.edit.bias);
  EXPECT_FLOAT_EQ(rt.edit.value, 0.25f);
  ui.frame();
  EXPECT_TRUE(ui.app.ui.items.count("layers.edit_value")) << "the editor popup is open";
}

TEST(LayersUi, BadCsvKeepsTheDataAndListsTheLine) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  open_layers(ui);
  const int before = ui.app.layers.all.size();
  ui.app.layers.csv_text = "x1,x2,label\n1,2,0\n3,oops,1\n";
  layers_import_csv(ui.app);
  ui.frame();
  ASSERT_EQ(ui.app.layers.csv_errors.size(), 1u);
  EXPECT_EQ(ui.app.layers.csv_errors[0], "line 3: 'oops' (column 2) is not a finite number");
  EXPECT_EQ(ui.app.layers.all.size(), before);
  EXPECT_EQ(ui.app.state.layers.data, DataSetKind::Circle);
}

TEST(LayersUi, UsableAtNineHundredBySixHundredAndAtScaleTwo) {
  for (const auto& [w, h, scale] : {std::tuple{900.0f, 600.0f, 1.0f}, std::tuple{2400.0f, 1520.0f, 2.0f}}) {
    HeadlessUi ui(scale, ImVec2(w, h));
    open_layers(ui);
    for (const char* item : {"layers.play", "layers.network", "layers.output", "layers.ladder", "layers.param_total"}) {
      ASSERT_TRUE(ui.app.ui.items.count(item)) << item;
      const ItemRect r = ui.app.ui.items.at(item);
      EXPECT_LE(r.x1, w + 1) << item << " fits the width at " << w;
      EXPECT_GT(r.x1 - r.x0, 10) << item;
    }
  }
}

}  // namespace
}  // namespace lpp
