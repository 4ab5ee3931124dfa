// Headless UI test of the LLM lab: real clicks on recorded items open the lab and every sub-view; a reference
// config goes through the import function the platform layer calls; what-if, compare and the ladder change what
// the lab shows. Numbers pinned are published counts (tests/llm/fixtures).
#include "headless_ui.hpp"

namespace lpp {
namespace {

TEST(LlmUi, EveryTabDrawsAfterARealClick) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.llm", View::Llm);
  EXPECT_EQ(llm_shown_total(ui.app), 6738415616);  // the default preset, Llama-2-7B, published
  const std::pair<const char*, LlmTab> tabs[] = {
      {"llm.tab.whatif", LlmTab::WhatIf}, {"llm.tab.tensors", LlmTab::Tensors}, {"llm.tab.memory", LlmTab::Memory},
      {"llm.tab.compare", LlmTab::Compare}, {"llm.tab.ladder", LlmTab::Ladder}, {"llm.tab.model", LlmTab::Model}};
  for (const auto& [item, tab] : tabs) {
    ui.click(item);
    ui.frame();
    EXPECT_EQ(ui.app.state.llm.tab, tab) << item;
    EXPECT_GT(ui.vertices(), 2000) << item;  // tables, plots and text: never an empty view
  }
  // Every sub-view's own widgets were drawn at least once.
  for (const char* item : {"llm.whatif.kv_heads", "llm.tensors.flat", "llm.kv_plot", "llm.fit", "llm.compare.table",
                           "llm.ladder.gpt2", "llm.bar", "llm.paste"})
    EXPECT_TRUE(ui.app.ui.items.count(item)) << item;
  ui.app.ui.show_formulas = true;
  for (int i = 0; i < 3; ++i) ui.frame();
}

TEST(LlmUi, PastedReferenceConfigShowsItsPublishedTotalAndBadInputKeepsIt) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.llm", View::Llm);
  ASSERT_TRUE(llm_import_text(ui.app, read_fixture("mixtral-8x7b.json"), "mixtral-8x7b.json"));
  ui.frame();
  EXPECT_EQ(llm_shown_total(ui.app), 46702792704);  // Mixtral-8x7B, published
  EXPECT_LT(ui.app.llm.last_good.count.active, 13000000000);  // about 12.9 B active (2 of 8 experts)
  // A bad config: errors name the field; the previous model stays.
  EXPECT_FALSE(llm_import_text(ui.app, read_fixture("bad-kv-heads.json"), "bad-kv-heads.json"));
  ui.frame();
  EXPECT_EQ(llm_shown_total(ui.app), 46702792704);
  ASSERT_FALSE(ui.app.llm.import_errors.empty());
  EXPECT_NE(ui.app.llm.import_errors[0].find("num_key_value_heads (7)"), std::string::npos);
  // The paste box's button imports what it holds (the UI path).
  ui.app.llm.paste = read_fixture("gpt2.json");
  ui.frame();
  ui.click("llm.paste.import");
  ui.frame();
  EXPECT_EQ(llm_shown_total(ui.app), 124439808);  // GPT-2 small, published
}

// gpt-oss-20b's Model tab shows its three numbers (parameters 20,914,757,184 from the model card's count, bytes
// 13,761,264,768 from its safetensors index's total_size) and the headline takes the stored bytes; a GGUF row
// picked in the table sizes the weights by that file instead, in the headline and the Memory tab alike.
TEST(LlmUi, ModelTabShowsStoredBytesAndAGgufRowSizesTheWeights) {
  HeadlessUi ui(1.0f, ImVec2(1280, 1600));
  ui.open("tab.llm", View::Llm);
  ASSERT_TRUE(llm_import_text(ui.app, read_fixture("gpt-oss-20b.json"), "config.json"));
  ui.frame();
  ui.frame();
  EXPECT_TRUE(ui.app.ui.items.count("llm.storage"));
  EXPECT_EQ(ui.app.llm.analysis.storage.parameters, 20914757184);
  EXPECT_EQ(ui.app.llm.analysis.storage.stored_bytes, 13761264768);
  EXPECT_DOUBLE_EQ(ui.app.llm.analysis.weights.value, 13761264768.0);
  ui.click("llm.gguf.Q8_0");
  ui.frame();
  EXPECT_EQ(ui.app.state.llm.weights, llm::WeightSource::kGguf);
  EXPECT_EQ(ui.app.state.llm.gguf, llm::GgufRecipe::kQ8_0);
  const llm::LlmAnalysis& a = ui.app.llm.analysis;
  EXPECT_DOUBLE_EQ(a.weights.value, static_cast<double>(a.gguf[static_cast<int>(llm::GgufRecipe::kQ8_0)].bytes));
  EXPECT_DOUBLE_EQ(a.fit.weights.value, a.weights.value);
  ui.click("llm.tab.memory");
  ui.frame();
  EXPECT_TRUE(ui.app.ui.items.count("llm.weights"));
  EXPECT_EQ(decode_state(encode_state(ui.app.state)).state.llm, ui.app.state.llm) << "the choice is linked";
}

TEST(LlmUi, WhatIfChangeUpdatesTheCountAndResets) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.llm", View::Llm);
  ui.click("llm.tab.whatif");
  ui.frame();
  // Llama-2-7B with 8 KV heads: 805,306,368 fewer (see LabModel.GqaOverrideRemovesTheKeyValueProjections).
  ui.app.state.llm.overrides = {{"num_kv_heads", 8}};
  ui.frame();
  ui.frame();
  EXPECT_EQ(llm_shown_total(ui.app), 5933109248);
  // The layers dial's "+" button: a real click adds one layer of 202,383,360 (4·4096² attention + 3·4096·11008
  // MLP + 2·4096 norms, with 8 KV heads: 2·4096² + 2·1024·4096 + 135,266,304 + 8,192).
  const ItemRect r = ui.app.ui.items.at("llm.whatif.layers");
  const float h = r.y1 - r.y0;
  ui.app.ui.items["llm.whatif.layers.plus"] = ItemRect{r.x1 - h, r.y0, r.x1, r.y1};  // the last square button
  ui.click("llm.whatif.layers.plus");
  ui.frame();
  EXPECT_EQ(ui.app.state.llm.overrides.value("num_layers", 0), 33);
  EXPECT_EQ(llm_shown_total(ui.app), 5933109248 + 2 * 4096LL * 4096 + 2 * 1024LL * 4096 + 3 * 4096LL * 11008 +
                                         2 * 4096);
  ui.click("llm.whatif.reset");
  ui.frame();
  EXPECT_TRUE(ui.app.state.llm.overrides.empty());
  EXPECT_EQ(llm_shown_total(ui.app), 6738415616);
}

TEST(LlmUi, SeedComparisonIsOneClickAway) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.llm", View::Llm);
  ui.click("llm.seed_compare");
  ui.frame();
  ui.frame();
  EXPECT_EQ(ui.app.state.llm.tab, LlmTab::Compare);
  ASSERT_EQ(ui.app.llm.compare.size(), 3u);
  for (const llm::LabModel& m : ui.app.llm.compare) EXPECT_TRUE(m.ok());
  // DeepSeek-V3's headline (published): 671,026,419,200.
  EXPECT_EQ(ui.app.llm.compare[1].count.total, 671026419200);
  EXPECT_TRUE(ui.app.ui.items.count("llm.compare.table"));
}

TEST(LlmUi, LadderRungOpensThatModel) {
  HeadlessUi ui(1.0f, ImVec2(1200, 760));
  ui.open("tab.llm", View::Llm);
  ui.click("llm.tab.ladder");
  ui.frame();
  ui.click("llm.ladder.deepseek-v3");
  ui.frame();
  ui.frame();
  EXPECT_EQ(ui.app.state.llm.preset, "deepseek-v3");
  EXPECT_EQ(ui.app.state.llm.tab, LlmTab::Model);
  EXPECT_EQ(llm_shown_total(ui.app), 671026419200);
}

TEST(LlmUi, UsableAtNineHundredBySixHundred) {
  HeadlessUi ui(1.0f, ImVec2(900, 600));
  ui.open("tab.llm", View::Llm);
  for (const char* item : {"llm.tab.whatif", "llm.tab.memory", "llm.tab.compare", "llm.tab.ladder"}) {
    ui.click(item);
    ui.frame();
    const ItemRect r = ui.app.ui.items.at(item);
    EXPECT_LE(r.x1, 900) << item << " is off screen";
  }
}

}  // namespace
}  // namespace lpp
