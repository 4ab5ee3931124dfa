// The layout report at the sizes readers bring: every view, LLM tab and tour step drawn headless at each size (CSS
// pixels × device pixel ratio, as the page draws them) shows nothing clipped and nothing overlapping. And the report
// itself: a widget pushed past a window's edge, a label cut short and two widgets on one spot are reported.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

#include "headless_ui.hpp"
#include "layout.hpp"
#include "tour/tour.hpp"

namespace lpp {
namespace {

struct Size {
  float width, height, dpr;   // CSS pixels and device pixel ratio
};

// Phones (portrait, on their side), the example blog post's column, a tablet, laptops, a 4K-class screen and the
// smallest desktop window (main_native.cpp limits the window to 480×640).
constexpr Size kSizes[] = {{390, 844, 3}, {720, 560, 1}, {1280, 800, 1}, {1440, 900, 2}, {2560, 1440, 1}, {480, 640, 1},
                           {360, 640, 3}, {844, 390, 3}, {820, 1180, 2}};

std::string describe(const LayoutReport& r) {
  std::string out;
  for (const std::string& c : r.clipped) out += "\n  clipped: " + c;
  for (const auto& [a, b] : r.overlapping) out += "\n  overlapping: " + a + " / " + b;
  return out;
}

// Draws the screen `set` selects until the layout settles and returns its report.
template <typename Set>
LayoutReport report_for(HeadlessUi& ui, Set set) {
  set(ui.app.state);
  for (int i = 0; i < 6; ++i) ui.frame();
  return layout_report(ui.app.ui.layout);
}

std::string size_name(const Size& s) {
  return std::to_string(static_cast<int>(s.width)) + "x" + std::to_string(static_cast<int>(s.height));
}

void expect_clean(const Size& size, bool embed) {
  HeadlessUi ui(size.dpr, {size.width * size.dpr, size.height * size.dpr});
  ui.app.state.page.embed = embed;
  const std::string at = size_name(size) + (embed ? " embed " : " ");
  for (View v : {View::Dials, View::Layers}) {
    const LayoutReport r = report_for(ui, [&](AppState& s) { s.view = v; });
    EXPECT_TRUE(r.empty()) << at << view_name(ui.app) << describe(r);
  }
  for (int tab = 0; tab <= static_cast<int>(LlmTab::Ladder); ++tab) {
    const LayoutReport r = report_for(ui, [&](AppState& s) {
      s.view = View::Llm;
      s.llm.tab = static_cast<LlmTab>(tab);
    });
    EXPECT_TRUE(r.empty()) << at << view_name(ui.app) << describe(r);
  }
  for (int step = 0; step < kTourStepCount; ++step) {
    const LayoutReport r = report_for(ui, [&](AppState& s) {
      s.view = View::Tour;
      s.tour.step = step;
    });
    EXPECT_TRUE(r.empty()) << at << view_name(ui.app) << describe(r);
  }
}

class EverySize : public testing::TestWithParam<Size> {};

TEST_P(EverySize, EveryScreenFits) { expect_clean(GetParam(), false); }

INSTANTIATE_TEST_SUITE_P(Layout, EverySize, testing::ValuesIn(kSizes),
                         [](const testing::TestParamInfo<Size>& i) { return "At" + size_name(i.param); });

TEST(Layout, EmbedsFitOnPhones) {
  expect_clean(kSizes[0], true);
  expect_clean(kSizes[1], true);
}

// Under the stacking breakpoint each view is one column: the Dials plots come before its controls.
TEST(Layout, PhoneStacksThePlotsFirst) {
  HeadlessUi ui(3.0f, {390 * 3, 844 * 3});
  ui.app.state.view = View::Dials;
  for (int i = 0; i < 3; ++i) ui.frame();
  const auto settled = ui.frame_items();
  ASSERT_TRUE(settled.count("dials.scatter") && settled.count("dials.a"));
  EXPECT_LT(settled.at("dials.scatter").y1, settled.at("dials.a").y0) << "the data plot is above the dials";
}

// The report sees what it is for: a button past a fixed window's right edge, a tab too narrow for its label, two
// buttons drawn on one spot. None of these would be reported if the hooks or the checks were missing.
TEST(Layout, ReportFindsClippedCutAndOverlapping) {
  HeadlessUi ui(1.0f, {400, 300});
  LayoutRecorder rec;
  for (int i = 0; i < 3; ++i) {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    layout_record(rec);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(200, 200));
    ImGui::Begin("fixed", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::SetCursorPosX(150);
    ImGui::Button("past the edge", ImVec2(120, 0));
    ImGui::SetCursorPos(ImVec2(10, 60));
    ImGui::Button("first", ImVec2(80, 0));
    ImGui::SetCursorPos(ImVec2(30, 60));
    ImGui::Button("second", ImVec2(80, 0));
    ImGui::SetCursorPos(ImVec2(10, 120));
    ImGui::Button("a label far wider than its button", ImVec2(60, 0));
    ImGui::End();
    ImGui::Render();
  }
  const LayoutReport r = layout_report(rec);
  auto has = [&](const std::string& part) {
    for (const std::string& c : r.clipped)
      if (c.find(part) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("fixed/past the edge")) << describe(r);
  EXPECT_TRUE(has("fixed/a label far wider than its button (label cut)")) << describe(r);
  ASSERT_EQ(r.overlapping.size(), 1u) << describe(r);
  EXPECT_EQ(r.overlapping[0].first, "fixed/first");
  EXPECT_EQ(r.overlapping[0].second, "fixed/second");
  EXPECT_FALSE(has("fixed/first")) << "a widget inside the window is not clipped";
  const std::string json = layout_report_json(r, "test");
  EXPECT_NE(json.find("\"view\":\"test\""), std::string::npos) << json;
  EXPECT_NE(json.find("[\"fixed/first\",\"fixed/second\"]"), std::string::npos) << json;
}

}  // namespace
}  // namespace lpp
