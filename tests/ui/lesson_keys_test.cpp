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
TEST(NarrowDials, TwoTopPlotsSideBySideInAWideEmbed) {
  HeadlessUi wide(1.0f, {1280, 800});
  wide.app.state.page.embed = true;
  const auto items = items_drawn(wide, View::Dials, "");
  EXPECT_FALSE(items.count("dials.plot.landscape")) << "no tabs at 1280 px";
  EXPECT_TRUE(items.count("dials.landscape"));
  EXPECT_TRUE(items.count("dials.scatter"));
}

TEST(NarrowDials, TwoTopPlotsBecomeTabsInANarrowEmbed) {
  HeadlessUi narrow(1.0f, {720, 520});
  narrow.app.state.page.embed = true;
  const auto items = items_drawn(narrow, View::Dials, "");
  ASSERT_TRUE(items.count("dials.plot.landscape")) << "tabs at 720 px";
  EXPECT_TRUE(items.count("dials.scatter"));
  EXPECT_FALSE(items.count("dials.landscape")) << "one plot at a time";
  const float scatter_w = items.at("dials.scatter").x1 - items.at("dials.scatter").x0;
  narrow.click("dials.plot.landscape");
  const auto landscape = narrow.frame_items();
  ASSERT_TRUE(landscape.count("dials.landscape"));
  const ItemRect l = landscape.at("dials.landscape");
  EXPECT_NEAR(l.x1 - l.x0, scatter_w, 2.0f) << "the landscape gets the space the data plot had";
}

TEST(NarrowLayers, SettingsAndSweepMoveIntoTabsInANarrowEmbed) {
  HeadlessUi narrow(1.0f, {720, 620});
  narrow.app.state.page.embed = true;
  auto items = items_drawn(narrow, View::Layers, "");
  EXPECT_FALSE(items.count("layers.dataset")) << "no settings column at 720 px";
  EXPECT_FALSE(items.count("layers.sweep_start"));
  EXPECT_TRUE(items.count("layers.network"));
  const float net_w = items.at("layers.network").x1 - items.at("layers.network").x0;
  EXPECT_GT(net_w, 300.0f) << "the network keeps a readable width";
  narrow.click("layers.tab_settings");
  EXPECT_TRUE(narrow.frame_items().count("layers.dataset"));
  narrow.click("layers.tab_sweep");
  const auto sweep = narrow.frame_items();
  EXPECT_TRUE(sweep.count("layers.sweep_start"));
  EXPECT_FALSE(sweep.count("layers.network"));
}

TEST(NarrowLayers, ThreeColumnsWhereTheyFit) {
  HeadlessUi wide(1.0f, {1280, 800});
  const auto items = items_drawn(wide, View::Layers, "");
  EXPECT_FALSE(items.count("layers.tab_settings"));
  EXPECT_TRUE(items.count("layers.dataset"));
  EXPECT_TRUE(items.count("layers.sweep_start"));
  EXPECT_TRUE(items.count("layers.network"));
}

}  // namespace
}  // namespace lpp
