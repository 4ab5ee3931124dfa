// Headless UI smoke test: a Dear ImGui context with a display size and a built font atlas, no window and no GPU,
// drives draw_app for many frames at two scales, and clicks real widgets through ImGui's input queue.
#include <gtest/gtest.h>
#include <imgui.h>

#include "app.hpp"

namespace lpp {
namespace {

class HeadlessUi {
 public:
  explicit HeadlessUi(float scale, ImVec2 size = {1280, 800}) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    app.scale = scale;
    app.fonts = load_fonts(scale);
    apply_style(scale);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // a renderer would upload this; here it only must exist
  }
  ~HeadlessUi() { ImGui::DestroyContext(); }

  void frame() {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    draw_app(app);
    ImGui::Render();
  }

  // A real click: move, press for a frame, release for a frame, at the centre of a widget the app recorded.
  void click(const char* item) {
    ASSERT_TRUE(app.ui.items.count(item)) << "the last frame drew no item named " << item;
    const ItemRect r = app.ui.items.at(item);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    frame();
    io.AddMouseButtonEvent(0, true);
    frame();
    io.AddMouseButtonEvent(0, false);
    frame();
  }

  int vertices() const { return ImGui::GetDrawData()->TotalVtxCount; }

  App app;
};

TEST(UiSmoke, DrawsTheDialsViewForManyFramesAtTwoScales) {
  for (float scale : {1.0f, 2.0f}) {
    HeadlessUi ui(scale, ImVec2(1280 * scale, 800 * scale));
    for (int i = 0; i < 30; ++i) ui.frame();
    EXPECT_EQ(ui.app.frame, 30);
    // Text, a scatter of 24 points with residuals, sliders: thousands of vertices, never an empty frame.
    EXPECT_GT(ui.vertices(), 2000) << "scale " << scale;
    const ItemRect r = ui.app.ui.items.at("dials.a");
    EXPECT_GT(r.y1 - r.y0, 18 * scale) << "widgets should grow with the scale";
  }
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
