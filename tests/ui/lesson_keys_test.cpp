// Lesson keys (`hide=` in a link) in the drawn app: every key in core's table hides what it names and nothing
// else. And the narrow layouts of an embed: Dials folds its two top plots into tabs, Layers moves its settings and
// sweep into tabs of the centre column.
#include <algorithm>
#include <string>

#include "headless_ui.hpp"
#include "lesson_keys.hpp"
#include "state_codec.hpp"

namespace lpp {
namespace {

// For each lesson key: the view it lives in and an item the app records only while that control is drawn.
struct Probe {
  const char* key;
  View view;
  const char* item;
};
constexpr Probe kProbes[] = {
    {"d.train", View::Dials, "dials.play"},           {"d.optimizer", View::Dials, "dials.tab.optimizer"},
    {"d.data", View::Dials, "dials.tab.data"},        {"d.bias", View::Dials, "dials.use_bias"},
    {"d.bytes", View::Dials, "dials.bytes"},          {"d.formulas", View::Dials, "dials.formulas"},
    {"d.landscape", View::Dials, "dials.landscape"},  {"d.curve", View::Dials, "dials.log_loss"},
    {"l.train", View::Layers, "layers.play"},         {"l.data", View::Layers, "layers.dataset"},
    {"l.training", View::Layers, "layers.learning_rate"}, {"l.csv", View::Layers, "layers.csv"},
    {"l.arch", View::Layers, "layers.add_layer"},     {"l.sweep", View::Layers, "layers.sweep_start"},
    {"l.moe", View::Layers, "layers.tab_moe"},        {"m.picker", View::Llm, "llm.preset"},
    {"m.export", View::Llm, "llm.export"},            {"m.paste", View::Llm, "llm.paste"},
    {"m.whatif", View::Llm, "llm.tab.whatif"},        {"m.tensors", View::Llm, "llm.tab.tensors"},
    {"m.memory", View::Llm, "llm.tab.memory"},        {"m.compare", View::Llm, "llm.tab.compare"},
    {"m.ladder", View::Llm, "llm.tab.ladder"},        {"t.nav", View::Tour, "tour.next"},
    {"t.text", View::Tour, "tour.text"},
};

// Draws `view` with the link `hash` applied and returns the items of the last frame only.
std::map<std::string, ItemRect> items_drawn(HeadlessUi& ui, View view, const std::string& hidden) {
  ui.app.state.view = view;
  ui.app.state.page.hidden = decode_state("hide=" + hidden).state.page.hidden;
  for (int i = 0; i < 3; ++i) ui.frame();
  return ui.frame_items();
}

TEST(LessonKeys, EveryKeyHidesItsControlAndLeavesTheOthers) {
  HeadlessUi ui(1.0f);
  for (const LessonKey& k : lesson_keys()) {
    const Probe* p = std::find_if(std::begin(kProbes), std::end(kProbes), [&](const Probe& q) { return q.key == k.key; });
    ASSERT_NE(p, std::end(kProbes)) << "no probe for the lesson key " << k.key << ": add one";
    SCOPED_TRACE(std::string(k.key));
    const auto shown = items_drawn(ui, p->view, "");
    EXPECT_TRUE(shown.count(p->item)) << p->item << " is not drawn without hide=";
    const auto hidden = items_drawn(ui, p->view, std::string(k.key));
    EXPECT_FALSE(hidden.count(p->item)) << p->item << " is still drawn with hide=" << k.key;
    for (const Probe& other : kProbes)
      if (other.view == p->view && std::string_view(other.key) != k.key)
        EXPECT_TRUE(hidden.count(other.item)) << "hide=" << k.key << " also hid " << other.item;
  }
}

TEST(LessonKeys, SeveralKeysFromOneLinkHideTogether) {
  HeadlessUi ui(1.0f);
  const auto items = items_drawn(ui, View::Dials, "d.train,d.data,nonsense");
  EXPECT_FALSE(items.count("dials.play"));
  EXPECT_FALSE(items.count("dials.tab.data"));
  EXPECT_TRUE(items.count("dials.tab.optimizer"));
  EXPECT_TRUE(items.count("dials.a")) << "the dials themselves stay";
}

TEST(LessonKeys, HidingTheLandscapeGivesTheDataPlotTheWholeWidth) {
  HeadlessUi ui(1.0f);
  const auto both = items_drawn(ui, View::Dials, "");
  const auto alone = items_drawn(ui, View::Dials, "d.landscape");
  const float w_both = both.at("dials.scatter").x1 - both.at("dials.scatter").x0;
  const float w_alone = alone.at("dials.scatter").x1 - alone.at("dials.scatter").x0;
  EXPECT_GT(w_alone, 1.8f * w_both);
}

// One ImGui context at a time: HeadlessUi owns the current one.
TEST(NarrowDials, PlotsBesideTheControlsInAWideEmbed) {
  HeadlessUi wide(1.0f, {1280, 800});
  wide.app.state.page.embed = true;
  const auto items = items_drawn(wide, View::Dials, "");
  ASSERT_TRUE(items.count("dials.landscape") && items.count("dials.scatter") && items.count("dials.a"));
  EXPECT_LT(items.at("dials.a").x1, items.at("dials.scatter").x0) << "the dials left of the plots at 1280 px";
}

// The example post's column (720 px): one column, the two plots still side by side above the dials.
TEST(NarrowDials, PlotsSideBySideAboveTheDialsInANarrowEmbed) {
  HeadlessUi narrow(1.0f, {720, 520});
  narrow.app.state.page.embed = true;
  const auto items = items_drawn(narrow, View::Dials, "");
  ASSERT_TRUE(items.count("dials.landscape") && items.count("dials.scatter") && items.count("dials.a"));
  const ItemRect data = items.at("dials.scatter"), landscape = items.at("dials.landscape");
  EXPECT_NEAR(data.y0, landscape.y0, 2.0f) << "one row";
  EXPECT_LT(data.x1, landscape.x0);
  EXPECT_LT(data.y1, items.at("dials.a").y0) << "the plots before the controls";
}

// A phone (390 CSS px at 3 device pixels each): the data plot, then the landscape under it, then the dials.
TEST(NarrowDials, APhoneStacksEverything) {
  HeadlessUi phone(3.0f, {390 * 3, 844 * 3});
  phone.app.state.page.embed = true;
  const auto items = items_drawn(phone, View::Dials, "");
  ASSERT_TRUE(items.count("dials.landscape") && items.count("dials.scatter") && items.count("dials.a"));
  EXPECT_LT(items.at("dials.scatter").y1, items.at("dials.landscape").y0);
  EXPECT_LT(items.at("dials.landscape").y1, items.at("dials.a").y0);
}

// At 720 px the Layers view is one column: the network, its output, then the settings and the sweep, all drawn.
TEST(NarrowLayers, OneColumnNetworkFirstInANarrowEmbed) {
  HeadlessUi narrow(1.0f, {720, 620});
  narrow.app.state.page.embed = true;
  const auto items = items_drawn(narrow, View::Layers, "");
  for (const char* item : {"layers.network", "layers.output", "layers.dataset", "layers.sweep_start"})
    ASSERT_TRUE(items.count(item)) << item;
  const ItemRect net = items.at("layers.network");
  EXPECT_GT(net.x1 - net.x0, 300.0f) << "the network keeps a readable width";
  EXPECT_LT(net.y1, items.at("layers.output").y0);
  EXPECT_LT(items.at("layers.output").y1, items.at("layers.dataset").y0);
  EXPECT_LT(items.at("layers.dataset").y1, items.at("layers.sweep_start").y0);
}

TEST(NarrowLayers, ThreeColumnsWhereTheyFit) {
  HeadlessUi wide(1.0f, {1280, 800});
  const auto items = items_drawn(wide, View::Layers, "");
  for (const char* item : {"layers.network", "layers.output", "layers.dataset", "layers.sweep_start"})
    ASSERT_TRUE(items.count(item)) << item;
  EXPECT_LT(items.at("layers.dataset").x1, items.at("layers.network").x0);
  EXPECT_LT(items.at("layers.network").x1, items.at("layers.output").x0);
}

}  // namespace
}  // namespace lpp
