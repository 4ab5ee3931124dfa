// Headless UI smoke test of the app frame and the Dials view: many frames at two scales, real clicks.
#include "headless_ui.hpp"

namespace lpp {
namespace {

TEST(UiSmoke, DrawsTheDialsViewForManyFramesAtTwoScales) {
  float heights[2] = {0, 0};
  for (int i = 0; i < 2; ++i) {
    const float scale = i == 0 ? 1.0f : 2.0f;
    HeadlessUi ui(scale, ImVec2(1280 * scale, 800 * scale));
    for (int f = 0; f < 30; ++f) ui.frame();
    EXPECT_EQ(ui.app.frame, 30);
    // Text, a scatter of 24 points with residuals, sliders: thousands of vertices, never an empty frame.
    EXPECT_GT(ui.vertices(), 2000) << "scale " << scale;
    const ItemRect r = ui.app.ui.items.at("dials.a");
    heights[i] = r.y1 - r.y0;
  }
  // Fonts and spacing are built for the scale: a widget at scale 2 is twice as tall (to a pixel of rounding).
  EXPECT_GT(heights[0], 10.0f);
  EXPECT_NEAR(heights[1], 2 * heights[0], 2.0f);
}

TEST(UiSmoke, FormulasAndNoBiasStatesDraw) {
  HeadlessUi ui(1.0f);
  ui.frame();
  const int plain = ui.vertices();
  ui.app.ui.show_formulas = true;
  ui.frame();
  EXPECT_GT(ui.vertices(), plain) << "the formula line adds text";
}

TEST(UiSmoke, ClickingTheBiasCheckboxRemovesAParameter) {
  HeadlessUi ui(1.0f);
  ui.app.state.dials.params = {0.5, 1.25};
  ui.frame();
  ui.frame();
  ui.click("dials.use_bias");
  EXPECT_FALSE(ui.app.state.dials.use_bias);
  EXPECT_EQ(ui.app.state.dials.params.b, 0.0);
  EXPECT_EQ(dials_param_count(ui.app.state.dials), 1);
}

TEST(UiSmoke, FitButtonReachesTheLeastSquaresLoss) {
  HeadlessUi ui(1.0f);
  ui.frame();
  ui.frame();
  const LineData& data = ui.app.derived.dials_data;
  const double before = mse(data, ui.app.state.dials.params);
  ui.click("dials.fit");
  const LineParams best = least_squares(data, true);
  EXPECT_DOUBLE_EQ(ui.app.state.dials.params.a, best.a);
  EXPECT_DOUBLE_EQ(ui.app.state.dials.params.b, best.b);
  EXPECT_LT(mse(data, ui.app.state.dials.params), before);
}

}  // namespace
}  // namespace lpp

namespace lpp {
namespace {

TEST(UiSmoke, ViewSetFromOutsideSelectsItsTabAndClicksSwitchBack) {
  HeadlessUi ui(1.0f);
  ui.frame();
  EXPECT_EQ(ui.app.ui.shown_view, View::Dials);
  ui.app.state.view = View::Llm;  // as a link or the ladder would
  for (int i = 0; i < 4; ++i) ui.frame();
  EXPECT_EQ(ui.app.ui.shown_view, View::Llm);
  EXPECT_EQ(ui.app.state.view, View::Llm);
  ui.click("tab.layers");
  ui.frame();
  EXPECT_EQ(ui.app.ui.shown_view, View::Layers);
  EXPECT_EQ(ui.app.state.view, View::Layers);
  ui.click("tab.dials");
  ui.frame();
  EXPECT_EQ(ui.app.state.view, View::Dials);
}

}  // namespace
}  // namespace lpp

namespace lpp {
namespace {

TEST(UiSmoke, LayersLabShowsTheMixtureOfExperts) {
  HeadlessUi ui(1.0f);
  ui.open("tab.layers", View::Layers);
  ui.click("layers.tab_moe");
  for (int i = 0; i < 20; ++i) ui.frame();
  EXPECT_TRUE(ui.app.tour.moe.built) << "the MoE comparison is built when its tab opens";
  EXPECT_GT(ui.app.tour.moe.cmp.moe.steps, 0) << "and trains frame by frame";
  ui.click("layers.tab_dense");
  ui.frame();
  EXPECT_TRUE(ui.app.ui.items.count("layers.tab_moe"));
}

}  // namespace
}  // namespace lpp
