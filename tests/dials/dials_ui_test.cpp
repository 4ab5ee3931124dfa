// Headless UI tests of the Dials lab: frames with training running, race mode, landscape clicks, point editing
// with the mouse, CSV import with an error, and divergence (a rate of 10^3 from a link, non-finite data, zero-variance
// x), all through real clicks on the recorded widgets.
#include <cmath>
#include <string>

#include "dials/dials_train.hpp"
#include "headless_ui.hpp"

namespace lpp {
namespace {

// A press-and-release with `button` at a point (framebuffer pixels), a frame for each event.
void click_at(HeadlessUi& ui, float x, float y, int button = 0) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(x, y);
  ui.frame();
  io.AddMouseButtonEvent(button, true);
  ui.frame();
  io.AddMouseButtonEvent(button, false);
  ui.frame();
}

// Frames until `done` or `limit` frames; returns the frames drawn.
template <typename Done>
int frames_until(HeadlessUi& ui, int limit, Done done) {
  int n = 0;
  while (n < limit && !done()) ui.frame(), ++n;
  return n;
}

const LineData& points(HeadlessUi& ui) { return dials_points(ui.app.state.dials, ui.app.derived.dials_data); }

HeadlessUi& ready(HeadlessUi& ui) {
  ui.frame();
  ui.frame();
  return ui;
}

TEST(DialsUi, TrainingRunsAcrossFramesToTheLeastSquaresFit) {
  HeadlessUi ui(1.0f);
  ready(ui).click("dials.play");
  DialsState& s = ui.app.state.dials;
  EXPECT_TRUE(s.run.playing);
  const int frames = frames_until(ui, 2000, [&] { return !s.run.playing; });
  // SGD at η = 0.05, 2 steps a frame: λ_min ≈ 2 here, so the error shrinks by ≈ 0.9 a step: ~250 steps.
  EXPECT_LT(frames, 400);
  const LineParams best = least_squares(points(ui), true);
  EXPECT_EQ(s.run.runners.front().status, RunStatus::Converged);
  EXPECT_NEAR(s.params.a, best.a, 1e-6);
  EXPECT_NEAR(s.params.b, best.b, 1e-6);
  EXPECT_GT(s.run.runners.front().trajectory.size(), 100u);
}

TEST(DialsUi, RaceModeRunsEveryOptimizerFromOneStart) {
  HeadlessUi ui(1.0f);
  ready(ui).click("dials.tab.optimizer");
  ui.click("dials.race");
  DialsState& s = ui.app.state.dials;
  ASSERT_TRUE(s.train.race);
  ui.frame();
  ASSERT_EQ(s.run.runners.size(), 5u);
  ui.click("dials.racer.Adam");  // Adam sits this race out
  ui.frame();
  ASSERT_EQ(s.run.runners.size(), 4u);
  const int before = ui.vertices();
  ui.click("dials.play");
  for (int i = 0; i < 60; ++i) ui.frame();
  for (const DialsRunner& r : s.run.runners) {
    EXPECT_GT(r.steps, 50) << optimizer_name(r.kind);
    EXPECT_EQ(r.trajectory.front().a, s.start.a);
    EXPECT_LT(r.loss, r.start_loss) << optimizer_name(r.kind);
  }
  EXPECT_GT(ui.vertices(), before) << "four trajectories and loss curves add vertices";
}

TEST(DialsUi, ClickingTheLandscapeSetsTheStartAndDraggingPans) {
  HeadlessUi ui(1.0f);
  DialsState& s = ready(ui).app.state.dials;
  const ItemRect r = ui.app.ui.items.at("dials.landscape");
  // Upper right of the plot: larger a and b than the optimum in the middle.
  click_at(ui, r.x0 + 0.8f * (r.x1 - r.x0), r.y0 + 0.2f * (r.y1 - r.y0));
  ui.frame();  // the run restarts from the new start at the top of the next frame
  const LineParams best = least_squares(points(ui), true);
  EXPECT_GT(s.start.a, best.a);
  EXPECT_GT(s.start.b, best.b);
  EXPECT_EQ(s.params.a, s.start.a);
  EXPECT_EQ(s.run.runners.front().steps, 0);
  EXPECT_EQ(s.run.runners.front().trajectory.front().a, s.start.a);
  // A drag pans instead of moving the start.
  const LineParams start = s.start;
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
  ui.frame();
  io.AddMouseButtonEvent(0, true);
  ui.frame();
  for (int i = 1; i <= 5; ++i) {
    io.AddMousePosEvent((r.x0 + r.x1) / 2 + 10.0f * i, (r.y0 + r.y1) / 2);
    ui.frame();
  }
  io.AddMouseButtonEvent(0, false);
  ui.frame();
  EXPECT_LT(s.landscape.pan_a, 0.0) << "dragging right moves the view to smaller a";
  EXPECT_EQ(s.start.a, start.a);
  // The wheel zooms.
  io.AddMouseWheelEvent(0, 1);
  ui.frame();
  EXPECT_GT(s.landscape.zoom, 1.0);
}

TEST(DialsUi, PointsAreAddedDraggedAndRemovedWithTheMouse) {
  HeadlessUi ui(1.0f);
  DialsState& s = ready(ui).app.state.dials;
  const ItemRect r = ui.app.ui.items.at("dials.scatter");
  // High on the left: far from the line (y ≈ 0 there) and from every generated point.
  const float x = r.x0 + 0.3f * (r.x1 - r.x0), y = r.y0 + 0.12f * (r.y1 - r.y0);
  click_at(ui, x, y);
  ASSERT_TRUE(s.custom_points);
  ASSERT_EQ(s.points.size(), 25);
  const double px = s.points.x.back(), py = s.points.y.back();
  EXPECT_LT(px, 0.0);
  EXPECT_GT(py, 4.0);
  // Drag it 40 px down.
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseButtonEvent(0, true);
  ui.frame();
  io.AddMousePosEvent(x, y + 40);
  ui.frame();
  io.AddMouseButtonEvent(0, false);
  ui.frame();
  EXPECT_EQ(s.points.size(), 25);
  EXPECT_LT(s.points.y.back(), py);
  EXPECT_EQ(s.points.x.back(), px);
  // Right-click removes it.
  click_at(ui, x, y + 40, 1);
  EXPECT_EQ(s.points.size(), 24);
}

TEST(DialsUi, DraggingTheLineTurnsIt) {
  HeadlessUi ui(1.0f);
  DialsState& s = ready(ui).app.state.dials;
  const ItemRect r = ui.app.ui.items.at("dials.scatter");
  // The scatter's x range is symmetric (−3.6 to 3.6) and b = 0, so the line crosses the plot's middle; grab it
  // in the right third (turns it about the middle) and pull up: a grows, b stays.
  const double a0 = s.params.a;
  ImGuiIO& io = ImGui::GetIO();
  // Find the line's height at 85 % across by scanning for the press that starts a line drag.
  const float x = r.x0 + 0.85f * (r.x1 - r.x0);
  bool grabbed = false;
  for (float y = r.y0; y < r.y1 && !grabbed; y += 3) {
    io.AddMousePosEvent(x, y);
    ui.frame();
    io.AddMouseButtonEvent(0, true);
    ui.frame();
    grabbed = s.scratch.drag_line == 2;
    if (!grabbed) {
      io.AddMouseButtonEvent(0, false);
      ui.frame();
      s.custom_points = false;  // a miss added a point: back to the generated data
    } else {
      io.AddMousePosEvent(x, y - 60);
      ui.frame();
      io.AddMouseButtonEvent(0, false);
      ui.frame();
    }
  }
  ASSERT_TRUE(grabbed);
  EXPECT_GT(s.params.a, a0 + 0.2);
  EXPECT_NEAR(s.params.b, 0.0, 0.05) << "turned about the middle of the plot, x ≈ 0";
}

TEST(DialsUi, CsvImportNamesTheBadLineKeepsTheDataThenImports) {
  HeadlessUi ui(1.0f);
  DialsState& s = ready(ui).app.state.dials;
  ui.click("dials.tab.data");
  ui.click("dials.csv_text");
  ImGui::GetIO().AddInputCharactersUTF8("x,y\n1,2\nfoo,3\n");
  ui.frame();
  ui.click("dials.csv_import");
  ASSERT_EQ(s.scratch.csv_errors.size(), 1u) << s.scratch.csv_text;
  EXPECT_EQ(s.scratch.csv_errors[0], "line 3: x \"foo\" is not a finite number");
  EXPECT_FALSE(s.custom_points) << "the old data stays";
  EXPECT_EQ(points(ui).size(), 24);
  s.scratch.csv_text = "x,y\n1,2\n2,4\n3,6.5\n";  // the reader fixes the line
  ui.click("dials.csv_import");
  EXPECT_TRUE(s.scratch.csv_errors.empty());
  ASSERT_TRUE(s.custom_points);
  EXPECT_EQ(points(ui).size(), 3);
  ui.frame();
  // The fit follows the new data: a = cov(x, y)/var(x) = (2.5/3)/(2/3) = 2.25... by hand: x̄ = 2, ȳ = 12.5/3;
  // Σ(x − x̄)(y − ȳ) = (−1)(2 − ȳ) + 0 + (1)(6.5 − ȳ) = 4.5, Σ(x − x̄)² = 2, so a = 2.25.
  ui.click("dials.tab.model");
  ui.click("dials.fit");
  EXPECT_NEAR(s.params.a, 2.25, 1e-9);
}

TEST(DialsUi, DivergenceStopsSaysTheStableRateAndOneClickFixesIt) {
  HeadlessUi ui(1.0f);
  DialsState& s = ready(ui).app.state.dials;
  s.train.optimizers[0].learning_rate = 1.0;  // SGD; 2/λ_max ≈ 0.33 on the default data
  ui.click("dials.play");
  frames_until(ui, 500, [&] { return !s.run.playing; });
  const DialsRunner& r = s.run.runners.front();
  ASSERT_EQ(r.status, RunStatus::Diverged);
  EXPECT_TRUE(std::isfinite(s.params.a) && std::isfinite(s.params.b));
  EXPECT_EQ(s.params.a, r.divergence.restored.a);
  ui.frame();
  const double stable = r.divergence.gd_max_rate;
  ui.click("dials.use_stable_rate");
  EXPECT_NEAR(s.train.optimizers[0].learning_rate, 0.9 * stable, 1e-12);
  ui.click("dials.play");
  frames_until(ui, 2000, [&] { return !s.run.playing; });
  EXPECT_EQ(s.run.runners.front().status, RunStatus::Converged);
}

TEST(DialsUi, RateOfAThousandFromALinkStopsKeepsEverythingAndTrainsAfterTheFix) {
  HeadlessUi ui(1.0f);
  apply_link(ui.app, "v=1&d.sgd.lr=1000&d.a=0.25&d.b=1");
  ASSERT_TRUE(ui.app.ui.notices.empty());
  DialsState& s = ready(ui).app.state.dials;
  const std::string before = fingerprint(ui.app);
  ui.click("dials.play");
  frames_until(ui, 50, [&] { return !s.run.playing; });
  const DialsRunner& r = s.run.runners.front();
  ASSERT_EQ(r.status, RunStatus::Diverged);
  EXPECT_EQ(r.divergence.step, 1);
  EXPECT_EQ(fingerprint(ui.app), before) << "the dials are back where they were; the data and settings unchanged";
  ui.frame();
  ASSERT_TRUE(ui.app.ui.items.count("dials.use_stable_rate")) << "the message offers a stable rate";
  ui.click("dials.use_stable_rate");
  ui.click("dials.play");
  frames_until(ui, 3000, [&] { return !s.run.playing; });
  EXPECT_EQ(s.run.runners.front().status, RunStatus::Converged);
  EXPECT_NEAR(s.params.a, least_squares(points(ui), true).a, 1e-6);
}

TEST(DialsUi, NonFiniteDataStopsWithoutOfferingARateAndKeepsDrawing) {
  // The importers and links refuse such values, so this is a point put there from inside: what the trainer and
  // the panel do if one ever gets in.
  HeadlessUi ui(1.0f);
  DialsState& s = ready(ui).app.state.dials;
  s.points = points(ui);
  s.points.y[3] = std::nan("");
  s.custom_points = true;
  ui.frame();
  const LineParams kept = s.params;
  ui.click("dials.play");
  for (int i = 0; i < 10; ++i) ui.frame();
  const DialsRunner& r = s.run.runners.front();
  ASSERT_EQ(r.status, RunStatus::Diverged);
  EXPECT_TRUE(r.divergence.bad_data);
  EXPECT_EQ(r.divergence.bad_point, 3);
  EXPECT_FALSE(s.run.playing);
  EXPECT_EQ(s.params.a, kept.a);
  EXPECT_EQ(s.params.b, kept.b);
  EXPECT_FALSE(ui.app.ui.items.count("dials.use_stable_rate")) << "no learning rate can fix the data";
  // The point fixed, training works again.
  s.points.y[3] = 1.0;
  ui.frame();
  ui.click("dials.play");
  frames_until(ui, 3000, [&] { return !s.run.playing; });
  EXPECT_EQ(s.run.runners.front().status, RunStatus::Converged);
  EXPECT_NEAR(s.params.a, least_squares(s.points, true).a, 1e-6);
}

TEST(DialsUi, ZeroVarianceCsvTrainsOntoTheLineOfBestFits) {
  // Every x = 2, y = 1, 2, 3, 6: the fits are the line a·2 + b = 3 (see dials_train_test); from the dials at
  // (0.5, 0) descent lands on (1.3, 0.4). The landscape has no bottom point (H is singular) and must still draw.
  HeadlessUi ui(1.0f);
  DialsState& s = ready(ui).app.state.dials;
  open_text(ui.app, "flat.csv", "x,y\n2,1\n2,2\n2,3\n2,6\n");
  ASSERT_TRUE(s.custom_points);
  s.train.optimizers[0].learning_rate = 0.15;
  ui.frame();
  ui.click("dials.play");
  frames_until(ui, 3000, [&] { return !s.run.playing; });
  EXPECT_EQ(s.run.runners.front().status, RunStatus::Converged);
  EXPECT_NEAR(s.params.a, 1.3, 1e-9);
  EXPECT_NEAR(s.params.b, 0.4, 1e-9);
  EXPECT_GT(ui.vertices(), 2000);
}

TEST(DialsUi, EveryOptionDrawsAtTwoScalesAndInASmallWindow) {
  for (const auto& [scale, size] : {std::pair{1.0f, ImVec2(900, 600)}, std::pair{2.0f, ImVec2(2400, 1520)}}) {
    HeadlessUi ui(scale, size);
    DialsState& s = ui.app.state.dials;
    ui.app.ui.show_formulas = true;
    s.use_bias = false;
    s.train.mini_batch = true;
    s.log_loss = false;
    s.run.playing = true;
    for (int i = 0; i < 20; ++i) ui.frame();
    EXPECT_GT(s.run.runners.front().steps, 10);
    EXPECT_EQ(s.params.b, 0.0);
    ui.click("dials.tab.optimizer");
    ui.click("dials.race");
    for (int i = 0; i < 20; ++i) ui.frame();
    ui.click("dials.tab.data");
    for (int i = 0; i < 5; ++i) ui.frame();
    // Still usable: both plots keep a real size.
    for (const char* plot : {"dials.scatter", "dials.landscape"}) {
      const ItemRect r = ui.app.ui.items.at(plot);
      EXPECT_GT(r.x1 - r.x0, 240 * scale) << plot << " at " << size.x << "×" << size.y;
      EXPECT_GT(r.y1 - r.y0, 200 * scale) << plot << " at " << size.x << "×" << size.y;
    }
  }
}

}  // namespace
}  // namespace lpp
