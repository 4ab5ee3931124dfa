// "Nothing lost", at the App level through the headless UI: the reader's own work in every lab (points and dials,
// an imported set and a trained network, an imported config) survives bad CSV files in the Dials and Layers labs,
// bad config files in the LLM lab, hostile links, and a CSV of a million rows, which each importer refuses at its
// limit without reading it all. State before and after is compared exactly (fingerprint in headless_ui.hpp).
#include <cstdio>

#include "headless_ui.hpp"

namespace lpp {
namespace {

// The reader's own work in every lab: their points and dials in Dials, an imported set with a network trained on
// it in Layers, an imported config in the LLM lab; then the view `shown`.
void make_own_work(HeadlessUi& ui, View shown = View::Llm) {
  App& app = ui.app;
  ui.frame();
  open_text(app, "mine.csv", "x,y\n1,2\n2,4.5\n3,5.5\n4,8\n");   // the Dials lab is shown
  ASSERT_TRUE(app.state.dials.custom_points);
  app.state.dials.params = {1.7, 0.2};
  app.state.view = View::Layers;
  ui.frame();
  open_text(app, "blobs.csv", "x1,x2,label\n0,0,0\n1,0,0\n0,1,0\n5,5,1\n6,5,1\n5,6,1\n");
  ASSERT_TRUE(app.layers.has_csv) << app.layers.csv_errors.front();
  ui.frame();
  layers_step(app, 30);
  ui.frame();
  open_text(app, "llama-2-7b.json", read_fixture("llama-2-7b.json"));
  for (int i = 0; i < 3; ++i) ui.frame();   // the tab switches, then the lab resolves the model
  ASSERT_EQ(llm_shown_total(app), 6738415616) << "Llama-2-7B's published count";
  ASSERT_EQ(app.state.view, View::Llm);
  app.ui.notices.clear();
  app.state.view = shown;
  for (int i = 0; i < 2; ++i) ui.frame();
}

struct BadFile {
  std::string name;
  std::string text;
  std::string error;   // the first error the lab lists
};

// Opens `text` as the file `name` and expects a refusal: one notice that names the file, and a state equal to
// `before` over the next frames.
void expect_refused(HeadlessUi& ui, const std::string& name, const std::string& text, const std::string& before) {
  open_text(ui.app, name, text);
  for (int i = 0; i < 3; ++i) ui.frame();
  EXPECT_EQ(fingerprint(ui.app), before);
  ASSERT_EQ(ui.app.ui.notices.size(), 1u);
  EXPECT_EQ(ui.app.ui.notices[0].rfind(name + ": ", 0), 0u) << ui.app.ui.notices[0];
  ui.app.ui.notices.clear();
}

TEST(NothingLost, BadCsvFilesKeepTheDialsPointsAndParameters) {
  HeadlessUi ui(1.0f);
  ASSERT_NO_FATAL_FAILURE(make_own_work(ui, View::Dials));
  const std::string before = fingerprint(ui.app);
  for (const BadFile& b : {BadFile{"empty.csv", "", "need at least 2 points (x, y), found 0"},
                           BadFile{"words.csv", "x,y\n1,abc\n2,3\n", "line 2: y \"abc\" is not a finite number"},
                           BadFile{"nan.csv", "1,nan\n2,3\n", "line 1: y \"nan\" is not a finite number"},
                           BadFile{"inf.csv", "1,2\n3,-inf\n", "line 2: y \"-inf\" is not a finite number"},
                           BadFile{"huge.csv", "1e300,1\n2,3\n", "line 1: x \"1e300\" is outside -1e6 to 1e6"},
                           BadFile{"three.csv", "1,2,3\n4,5,6\n", "line 1: expected 2 values (x, y), found 3"}}) {
    SCOPED_TRACE(b.name);
    expect_refused(ui, b.name, b.text, before);
    ASSERT_FALSE(ui.app.state.dials.scratch.csv_errors.empty());
    EXPECT_EQ(ui.app.state.dials.scratch.csv_errors.front(), b.error);
  }
}

TEST(NothingLost, BadCsvFilesKeepTheLayersDataAndNetwork) {
  HeadlessUi ui(1.0f);
  ASSERT_NO_FATAL_FAILURE(make_own_work(ui, View::Layers));
  const std::string before = fingerprint(ui.app);
  for (const BadFile& b :
       {BadFile{"empty.csv", "", "line 1: need at least 4 data rows, found 0"},
        BadFile{"two.csv", "x1,x2,label\n1,2\n", "line 2: expected 3 comma-separated values (x1,x2,label), found 2"},
        BadFile{"nan.csv", "1,2,0\n1,nan,1\n2,2,0\n3,3,1\n", "line 2: 'nan' (column 2) is not a finite number"},
        BadFile{"few.csv", "1,2,0\n3,4,1\n", "line 3: need at least 4 data rows, found 2"}}) {
    SCOPED_TRACE(b.name);
    // The notice matters here: the lab lists the errors under a header that may be closed.
    expect_refused(ui, b.name, b.text, before);
    ASSERT_FALSE(ui.app.layers.csv_errors.empty());
    EXPECT_EQ(ui.app.layers.csv_errors.front(), b.error);
  }
}

TEST(NothingLost, BadConfigFilesKeepTheLlmLabsModel) {
  HeadlessUi ui(1.0f);
  ASSERT_NO_FATAL_FAILURE(make_own_work(ui));
  const std::string before = fingerprint(ui.app);
  const std::string big = "{\"model_type\": \"llama\", \"pad\": \"" + std::string(9 << 20, 'x') + "\"}";
  for (const BadFile& b : {BadFile{"cut.json", "{\"model_type\": \"llama\", \"hidden_size\": 40", "line 1, column 42"},
                           BadFile{"config.json", read_fixture("not-json.txt"), "not valid JSON"},
                           BadFile{"bad-kv-heads.json", read_fixture("bad-kv-heads.json"), "num_key_value_heads (7)"},
                           BadFile{"overflow.json", read_fixture("overflow.json"), "overflows 64-bit integers"},
                           BadFile{"big.json", big, "more than the 8388608-byte limit"},
                           BadFile{"deep.json", std::string(100000, '['), "deeper than 64 levels"}}) {
    SCOPED_TRACE(b.name);
    expect_refused(ui, b.name, b.text, before);
    ASSERT_FALSE(ui.app.llm.import_errors.empty());
    EXPECT_NE(ui.app.llm.import_errors.front().find(b.error), std::string::npos) << ui.app.llm.import_errors.front();
  }
}

TEST(NothingLost, HostileLinksChangeNoLab) {
  HeadlessUi ui(1.0f);
  ASSERT_NO_FATAL_FAILURE(make_own_work(ui));
  const std::string before = fingerprint(ui.app);
  for (const std::string& link : {std::string("\x01\x02\xff\xfe", 4), std::string("%00%ff%%"),
                                  std::string("nonsense=1&junk"), std::string(300 * 1024, 'A'), std::string("v=999"),
                                  std::string("=&=&="), std::string("d.a"), std::string("d.a=abc&l.lr=fast")}) {
    SCOPED_TRACE(link.substr(0, 20));
    apply_link(ui.app, link);
    for (int i = 0; i < 3; ++i) ui.frame();
    EXPECT_EQ(fingerprint(ui.app), before);
    ASSERT_GE(ui.app.ui.notices.size(), 2u) << "what was wrong, then that nothing changed";
    EXPECT_EQ(ui.app.ui.notices.back(), "nothing in the link could be read; your settings are unchanged");
  }
  // A link that can be read is still a whole state: it applies, and what it does not name is the default.
  apply_link(ui.app, "v=1&view=dials&d.a=2&nonsense=1");
  ui.frame();
  EXPECT_EQ(ui.app.state.dials.params.a, 2.0);
  EXPECT_FALSE(ui.app.state.dials.custom_points);
  EXPECT_EQ(ui.app.ui.notices.size(), 1u) << "the unknown key is named";
}

// Never a number without a model: a link whose config or what-if overrides fail to import keeps the model the
// reader had (on a fresh page, the default preset) with its own figures, and a notice names the key, the field and
// what was kept, in the words the CLI prints for the same config (tests/llm/run_cli.cmake runs it on such files).
TEST(NothingLost, LinksWithBadModelsKeepTheModelShownAndNameTheField) {
  struct Case {
    std::string link;
    std::string notice;
  };
  // %7B = {, %22 = ", %3A = :, %2C = ,, %7D = }: the links as a browser's address bar holds them.
  const Case cases[] = {
      {"v=1&view=llm&m.config=%7B%22model_type%22%3A%22llama%22%2C%22hidden_size%22%3A-1%7D",
       "link: m.config: missing num_hidden_layers (a required integer for llama, with no library default)"},
      // As paramcount prints it for this file: "hidden_size (-1) must be a positive integer; head_dim (0) ...".
      {"v=1&view=llm&m.config=%7B%22model_type%22%3A%22llama%22%2C%22hidden_size%22%3A-1%2C%22num_hidden_layers%22%3A32"
       "%2C%22num_attention_heads%22%3A32%2C%22vocab_size%22%3A32000%2C%22intermediate_size%22%3A11008%7D",
       "link: m.config: hidden_size (-1) must be a positive integer; head_dim (0) must be a positive integer; kept"},
      {"v=1&view=llm&m.over={\"hidden_size\":1e30}", "link: m.over: hidden_size must be a 64-bit integer, got number 1e+30"},
      {"v=1&view=llm&m.over={\"num_kv_heads\":7}", "link: m.over: num_key_value_heads (7) must divide"},
      {"v=1&view=llm&m.config={}", "link: m.config: "},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.link);
    {   // one ImGui context at a time
      HeadlessUi fresh(1.0f);
      apply_link(fresh.app, c.link);
      for (int i = 0; i < 3; ++i) fresh.frame();
      EXPECT_EQ(llm_shown_total(fresh.app), 6738415616) << "the default preset, Llama 2 7B, as published";
      EXPECT_TRUE(fresh.app.state.llm.config_text.empty());
      EXPECT_TRUE(fresh.app.state.llm.overrides.empty());
      // The figures beside the count are the same model's: its KV cache, not one left from another model.
      const llm::KvCache kv = llm::kv_cache(fresh.app.llm.last_good.arch, {llm::DType::kBf16, 4096, 1});
      EXPECT_EQ(kv.total.value, 2.0 * 2 * 32 * 4096 * 4096) << "K and V, 32 layers, 4096 wide, 4096 tokens, bf16";
      ASSERT_FALSE(fresh.app.ui.notices.empty());
      EXPECT_EQ(fresh.app.ui.notices.back().rfind(c.notice, 0), 0u) << fresh.app.ui.notices.back();
      EXPECT_NE(fresh.app.ui.notices.back().find("; kept Llama 2 7B"), std::string::npos) << fresh.app.ui.notices.back();
    }

    // The reader's own model (an imported Mixtral) survives the same link.
    HeadlessUi ui(1.0f);
    ASSERT_NO_FATAL_FAILURE(make_own_work(ui));
    ASSERT_TRUE(llm_import_text(ui.app, read_fixture("mixtral-8x7b.json"), "mixtral-8x7b.json"));
    ui.frame();
    apply_link(ui.app, c.link);
    for (int i = 0; i < 3; ++i) ui.frame();
    EXPECT_EQ(llm_shown_total(ui.app), 46702792704) << "Mixtral-8x7B, published";
    ASSERT_FALSE(ui.app.ui.notices.empty());
    EXPECT_NE(ui.app.ui.notices.back().find("; kept Mixtral"), std::string::npos) << ui.app.ui.notices.back();
  }
}

// Hostile sizes: a window or iframe of 1×1, 50×2000, 2000×50 and 16384×16384 CSS pixels, and device pixel ratios of
// 0.5 and 4. Every view draws a few frames at each; where no view can fit, one line says so and names the size.
TEST(HostileSizes, EveryViewDrawsAtAnySizeOrSaysItCannotFit) {
  struct Size {
    float width, height, dpr;   // CSS pixels, and device pixels per CSS pixel
    bool fits;
  };
  for (const Size& z : {Size{1, 1, 1, false}, Size{50, 2000, 1, false}, Size{2000, 50, 1, false},
                        Size{16384, 16384, 1, true}, Size{1280, 800, 0.5f, true}, Size{390, 844, 4, true},
                        Size{50, 2000, 4, false}, Size{1, 1, 0.5f, false}}) {
    SCOPED_TRACE(std::to_string(z.width) + " x " + std::to_string(z.height) + " at dpr " + std::to_string(z.dpr));
    HeadlessUi ui(z.dpr, ImVec2(z.width * z.dpr, z.height * z.dpr));
    for (View v : {View::Dials, View::Layers, View::Llm, View::Tour, View::Gpt}) {
      ui.app.state.view = v;
      ui.frame();   // the view switches
      const std::map<std::string, ItemRect> items = ui.frame_items();
      EXPECT_EQ(items.count("app.too_small"), z.fits ? 0u : 1u);
      EXPECT_EQ(items.count("tab.dials"), z.fits ? 1u : 0u) << "the views' tabs are drawn where they fit";
    }
  }
}

// A million rows (about 10 MB) for each importer: a refusal that names the limit, at once, and nothing changed.
TEST(CsvMillionRows, BothImportersRefuseNamingTheLimitAndKeepEverything) {
  HeadlessUi ui(1.0f);
  ASSERT_NO_FATAL_FAILURE(make_own_work(ui));
  std::string points, rows, junk;
  for (int i = 0; i < 1000000; ++i) {
    const std::string x = std::to_string(i % 1000), y = std::to_string(i % 7);
    points += x + "," + y + "\n";
    rows += x + "," + y + "," + std::to_string(i % 2) + "\n";
    if (i < 200000) junk += "not,numbers\n";   // never a point: the reader stops at the tenth error
  }
  struct Case {
    View view;
    const std::string* text;
    std::string error;
  };
  for (const Case& c : {Case{View::Dials, &points, "line 10001: more than 10000 points"},
                        Case{View::Layers, &rows, "line 5001: more than 5000 data rows"},
                        Case{View::Dials, &junk, "line 2: x \"not\" is not a finite number"}}) {
    ui.app.state.view = c.view;
    ui.frame();
    const std::string before = fingerprint(ui.app);
    open_text(ui.app, "million.csv", *c.text);
    for (int i = 0; i < 3; ++i) ui.frame();
    EXPECT_EQ(fingerprint(ui.app), before);
    const std::vector<std::string>& errors =
        c.view == View::Dials ? ui.app.state.dials.scratch.csv_errors : ui.app.layers.csv_errors;
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors.front(), c.error);
    EXPECT_LE(errors.size(), 10u);
    const std::string& box = c.view == View::Dials ? ui.app.state.dials.scratch.csv_text : ui.app.layers.csv_text;
    EXPECT_LE(box.size(), 64u * 1024) << "the import box holds the start of the file, not 10 MB";
    ui.app.ui.notices.clear();
  }
}

}  // namespace
}  // namespace lpp
