// Headless UI tests of the Layers view: reached by a real click on its tab, frames with training on at the default
// and at 8×64, a real click on Play and on a neuron "+", a weight edit through the diagram, the capacity sweep
// started and cancelled with real clicks, a bad CSV import that keeps the previous data, training faults (a rate of
// 10^3 from a link, non-finite data, a zero-variance set) stopped with a message that names the cause.
#include "headless_ui.hpp"

#include <chrono>
#include <cstdio>
#include <limits>

namespace lpp {
namespace {

TEST(LayersUi, TabClickTrainsWithPlayAndTheLossFalls) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.layers", View::Layers);
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
  ui.open("tab.layers", View::Layers);
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
  ui.open("tab.layers", View::Layers);
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
  ui.open("tab.layers", View::Layers);
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
  ui.open("tab.layers", View::Layers);
  const int before = ui.app.layers.all.size();
  ui.app.layers.csv_text = "x1,x2,label\n1,2,0\n3,oops,1\n";
  layers_import_csv(ui.app);
  ui.frame();
  ASSERT_EQ(ui.app.layers.csv_errors.size(), 1u);
  EXPECT_EQ(ui.app.layers.csv_errors[0], "line 3: 'oops' (column 2) is not a finite number");
  EXPECT_EQ(ui.app.layers.all.size(), before);
  EXPECT_EQ(ui.app.state.layers.data, DataSetKind::Circle);
}

TEST(LayersUi, RateOfAThousandFromALinkStopsSaysWhyKeepsEverythingAndTrainsAfterTheFix) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  apply_link(ui.app, "v=1&view=layers&l.lr=1000");
  ASSERT_TRUE(ui.app.ui.notices.empty());
  ui.frame();
  ui.frame();
  LayersRuntime& rt = ui.app.layers;
  const std::string before = fingerprint(ui.app);
  const double first_loss = rt.run.history.back().train;
  ui.click("layers.play");
  for (int i = 0; i < 3; ++i) ui.frame();
  EXPECT_FALSE(rt.playing);
  EXPECT_EQ(rt.run.steps, 0);
  EXPECT_NE(rt.divergence_note.find("learning rate (1e+03) is too large"), std::string::npos) << rt.divergence_note;
  EXPECT_EQ(fingerprint(ui.app), before) << "data, network and settings as they were";
  ui.app.state.layers.optimizer.learning_rate = 0.03;   // what the learning-rate combo sets
  ui.frame();
  ui.click("layers.play");
  for (int i = 0; i < 60; ++i) ui.frame();
  EXPECT_GT(rt.run.steps, 100);
  EXPECT_LT(rt.run.history.back().train, first_loss);
  EXPECT_TRUE(rt.run.net.params.allFinite());
}

TEST(LayersUi, NonFiniteDataStopsAndSaysItIsTheData) {
  // Importers refuse such values (and scale ±1e308 safely), so this one is put there from inside.
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.layers", View::Layers);
  LayersRuntime& rt = ui.app.layers;
  rt.run.train_x(0, 4) = std::numeric_limits<float>::quiet_NaN();
  const Eigen::VectorXf kept = rt.run.net.params;
  ui.click("layers.play");
  for (int i = 0; i < 3; ++i) ui.frame();
  EXPECT_FALSE(rt.playing);
  EXPECT_EQ(rt.run.net.params, kept);
  EXPECT_NE(rt.divergence_note.find("infinite or NaN value"), std::string::npos) << rt.divergence_note;
  EXPECT_EQ(rt.divergence_note.find("too large"), std::string::npos) << "the rate is not to blame";
  ui.app.state.layers.data = DataSetKind::Xor;   // other data: the run is rebuilt and trains
  ui.frame();
  ui.click("layers.play");
  for (int i = 0; i < 30; ++i) ui.frame();
  EXPECT_GT(rt.run.steps, 50);
  EXPECT_TRUE(rt.divergence_note.empty());
}

TEST(LayersUi, ZeroVarianceCsvTrains) {
  // Every row at one point and every label 0.25: both inputs and the target scale to 0 (not 0/0), the network
  // starts at output 0 (biases 0, inputs 0), so the loss is 0 and stays finite while it trains.
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.layers", View::Layers);
  open_text(ui.app, "flat.csv", "x1,x2,label\n3,3,0.25\n3,3,0.25\n3,3,0.25\n3,3,0.25\n3,3,0.25\n3,3,0.25\n");
  ASSERT_TRUE(ui.app.layers.csv_errors.empty()) << ui.app.layers.csv_errors.front();
  ui.frame();
  LayersRuntime& rt = ui.app.layers;
  ASSERT_TRUE(rt.all.regression());
  EXPECT_TRUE(rt.all.x.isZero());
  EXPECT_TRUE(rt.all.value.isZero());
  ui.click("layers.play");
  for (int i = 0; i < 30; ++i) ui.frame();
  EXPECT_GT(rt.run.steps, 20);
  EXPECT_TRUE(rt.divergence_note.empty());
  EXPECT_EQ(rt.run.history.back().train, 0.0);
}

TEST(LayersUi, UsableAtNineHundredBySixHundredAndAtScaleTwo) {
  for (const auto& [w, h, scale] : {std::tuple{900.0f, 600.0f, 1.0f}, std::tuple{2400.0f, 1520.0f, 2.0f}}) {
    HeadlessUi ui(scale, ImVec2(w, h));
    ui.open("tab.layers", View::Layers);
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
