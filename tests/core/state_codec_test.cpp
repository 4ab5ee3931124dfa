// Tests of core/state_codec: round trips through the one field table, short links for defaults, and hostile or
// stale links that must fall back to defaults with a notice naming the key, never crash.
#include "state_codec.hpp"

#include <gtest/gtest.h>

#include <set>

namespace lpp {
namespace {

bool mentions(const DecodedState& d, const std::string& needle) {
  for (const std::string& n : d.notices)
    if (n.find(needle) != std::string::npos) return true;
  return false;
}

AppState changed_state() {
  AppState s;
  s.view = View::Layers;
  s.page.embed = true;
  s.page.hidden = {"d.train", "l.data"};
  s.dials.params = {-1.25, 3.0e-7};
  s.dials.use_bias = false;
  s.dials.data.seed = 18446744073709551615ull;  // the largest seed survives the trip
  s.dials.data.noise = 0.1 + 0.2;                // 0.30000000000000004: needs all 17 digits
  s.dials.custom_points = true;
  s.dials.points = {{0.0, 1.5, -2.0}, {1.0, 2.0, 3.25}};
  s.dials.train.optimizer = OptimizerKind::Adam;
  s.dials.train.optimizers[static_cast<int>(OptimizerKind::Adam)].beta2 = 0.99;
  s.dials.train.race = true;
  s.dials.train.racers = {true, false, false, true, true};
  s.layers.data = DataSetKind::Spiral;
  s.layers.hidden = {{8, Activation::Relu}, {8, Activation::Relu}, {3, Activation::Sigmoid}};
  s.layers.features = kFeatureX1 | kFeatureX2 | kFeatureSinX1;
  s.layers.optimizer.learning_rate = 0.003;
  s.llm.preset = "deepseek-v3";
  s.llm.tab = LlmTab::Compare;
  s.llm.compare = {"grok-1", "deepseek-v3", "gpt-4-rumoured"};
  s.llm.config_text = "{\"model_type\": \"llama\", \"note\": \"a&b=c #1 100% — ü\"}";
  s.llm.overrides = {{"num_kv_heads", 8}};
  s.llm.dtype = llm::DType::kInt4;
  s.llm.weights = llm::WeightSource::kGguf;
  s.llm.gguf = llm::GgufRecipe::kIQ4_XS;
  s.llm.context = 131072;
  s.tour.step = 6;
  return s;
}

TEST(StateCodec, DefaultsMakeTheShortestLink) {
  EXPECT_EQ(encode_state(AppState{}), "v=1");
  const DecodedState d = decode_state("v=1");
  EXPECT_TRUE(d.notices.empty());
  EXPECT_EQ(encode_state(d.state), "v=1");
}

TEST(StateCodec, ChangedStateRoundTrips) {
  const AppState s = changed_state();
  const std::string link = encode_state(s);
  const DecodedState d = decode_state(link);
  EXPECT_TRUE(d.notices.empty()) << d.notices.front();
  EXPECT_EQ(encode_state(d.state), link);
  EXPECT_EQ(d.state.view, View::Layers);
  EXPECT_TRUE(d.state.page.embed);
  EXPECT_EQ(d.state.page.hidden, s.page.hidden);
  EXPECT_EQ(d.state.dials.params.a, -1.25);
  EXPECT_EQ(d.state.dials.params.b, 3.0e-7);
  EXPECT_EQ(d.state.dials.data.seed, 18446744073709551615ull);
  EXPECT_EQ(d.state.dials.data.noise, 0.1 + 0.2);  // exact, not 0.3
  EXPECT_EQ(d.state.dials.points.y, s.dials.points.y);
  EXPECT_EQ(d.state.dials.train.racers, s.dials.train.racers);
  ASSERT_EQ(d.state.layers.hidden.size(), 3u);
  EXPECT_EQ(d.state.layers.hidden[2].width, 3);
  EXPECT_EQ(d.state.layers.hidden[2].activation, Activation::Sigmoid);
  EXPECT_EQ(d.state.llm.config_text, s.llm.config_text);
  EXPECT_EQ(d.state.llm.overrides, s.llm.overrides);
  EXPECT_EQ(d.state.llm.compare, s.llm.compare);
  EXPECT_EQ(d.state.llm.weights, llm::WeightSource::kGguf);
  EXPECT_EQ(d.state.llm.gguf, llm::GgufRecipe::kIQ4_XS);
  EXPECT_NE(link.find("m.gguf=IQ4_XS"), std::string::npos) << link;
  EXPECT_EQ(d.state.tour.step, 6);
  EXPECT_NE(link.find("t.step=moe"), std::string::npos) << "tour steps are linked by id";
}

TEST(StateCodec, LinkIsUrlSafe) {
  const std::string link = encode_state(changed_state());
  for (char c : link) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || std::string("-_.~,:@!*()/%&=").find(c) != std::string::npos) << c;
  EXPECT_EQ(link.find('#'), std::string::npos);
  EXPECT_EQ(link.find(' '), std::string::npos);
}

TEST(StateCodec, KeysAreUnique) {
  const std::vector<std::string> keys = state_keys();
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), keys.size());
  EXPECT_GT(keys.size(), 60u);
}

TEST(StateCodec, BadValuesKeepDefaultsAndNameTheKey) {
  const AppState defaults;
  const DecodedState d = decode_state("#v=1&d.a=abc&d.b=nan&d.n=1&l.lr=1e999&l.layers=4t,99r&m.preset=gpt-5&"
                                      "view=spreadsheet&d.bias=maybe&m.compare=gpt2&l.noise=-0.1&d.seed=-3&t.step=9&"
                                      "m.w=fp4&m.gguf=Q9_K%00");
  EXPECT_EQ(encode_state(d.state), "v=1") << "every bad value falls back to its default";
  for (const char* key : {"d.a", "d.b", "d.n", "l.lr", "l.layers", "m.preset", "view", "d.bias", "m.compare",
                          "l.noise", "d.seed", "t.step", "m.w", "m.gguf"})
    EXPECT_TRUE(mentions(d, std::string(key) + ":")) << key;
  EXPECT_TRUE(mentions(d, "'abc' is not a number"));
  EXPECT_TRUE(mentions(d, "'gpt-5' is not a preset"));
  EXPECT_TRUE(mentions(d, "'99r' is not a layer"));
}

// Before m.w the weights were always N × m.dtype: such a link keeps that meaning, and a new link that sets m.dtype
// always says m.w, so it is never read as an old one.
TEST(StateCodec, LinksWithoutWeightSourceKeepDtypeWeights) {
  DecodedState d = decode_state("v=1&m.dtype=int4&m.tab=memory");
  EXPECT_TRUE(d.notices.empty()) << d.notices.front();
  EXPECT_EQ(d.state.llm.weights, llm::WeightSource::kDtype);
  EXPECT_EQ(d.state.llm.dtype, llm::DType::kInt4);
  EXPECT_EQ(decode_state("v=1&m.tab=memory").state.llm.weights, llm::WeightSource::kStored) << "no m.dtype: default";
  AppState s;
  s.llm.dtype = llm::DType::kFp8;  // KV cache in fp8, weights as stored
  const std::string link = encode_state(s);
  EXPECT_NE(link.find("m.w=stored"), std::string::npos) << link;
  d = decode_state(link);
  EXPECT_EQ(d.state.llm.weights, llm::WeightSource::kStored);
  EXPECT_EQ(d.state.llm.dtype, llm::DType::kFp8);
  EXPECT_EQ(encode_state(d.state), link);
}

// Every weight source and every GGUF recipe survives a link.
TEST(StateCodec, WeightSourcesAndRecipesRoundTrip) {
  for (llm::WeightSource w : {llm::WeightSource::kStored, llm::WeightSource::kDtype, llm::WeightSource::kGguf})
    for (int r = 0; r < llm::kGgufRecipeCount; ++r) {
      AppState s;
      s.llm.weights = w;
      s.llm.gguf = static_cast<llm::GgufRecipe>(r);
      const DecodedState d = decode_state(encode_state(s));
      EXPECT_TRUE(d.notices.empty()) << d.notices.front();
      EXPECT_EQ(d.state.llm.weights, w);
      EXPECT_EQ(d.state.llm.gguf, s.llm.gguf) << llm::gguf_recipe_name(s.llm.gguf);
    }
}

TEST(StateCodec, TruncatedDuplicatedUnknownAndNewerLinks) {
  DecodedState d = decode_state("v=1&d.a=2&d.a=3&zoom=9&l.la");
  EXPECT_EQ(d.state.dials.params.a, 3.0);
  EXPECT_TRUE(mentions(d, "d.a appears twice"));
  EXPECT_TRUE(mentions(d, "unknown setting 'zoom'"));
  EXPECT_TRUE(mentions(d, "'l.la' has no value"));
  d = decode_state("v=7&d.a=2");
  EXPECT_EQ(d.state.dials.params.a, 2.0);
  EXPECT_TRUE(mentions(d, "newer version"));
  d = decode_state("d.a=1.5&d.b=%");  // no version (hand-written), lone '%'
  EXPECT_EQ(d.state.dials.params.a, 1.5);
  EXPECT_TRUE(mentions(d, "d.b:"));
}

TEST(StateCodec, LessonKeysKeepTheKnownOnesAndNameTheRest) {
  DecodedState d = decode_state("hide=d.train,zoom,l.moe,d.train,,t.nav");
  EXPECT_EQ(d.state.page.hidden, (std::vector<std::string>{"d.train", "l.moe", "t.nav"})) << "known, once each, in order";
  ASSERT_EQ(d.notices.size(), 1u);
  EXPECT_TRUE(mentions(d, "'zoom' is not a lesson key")) << d.notices[0];
  EXPECT_TRUE(mentions(d, "kept d.train,l.moe,t.nav")) << d.notices[0];
  d = decode_state("hide=bogus");
  EXPECT_TRUE(d.state.page.hidden.empty());
  EXPECT_TRUE(mentions(d, "kept the default")) << d.notices[0];
  d = decode_state("hide=");
  EXPECT_TRUE(d.state.page.hidden.empty());
  EXPECT_TRUE(d.notices.empty()) << "an empty list is no problem";
}

TEST(StateCodec, HostileBytesAndSizes) {
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 37) & 0xff);
  DecodedState d = decode_state(binary);
  EXPECT_LE(d.notices.size(), 21u);
  const std::string huge = "v=1&m.config=" + std::string(kMaxStateLength, 'x');
  d = decode_state(huge);
  EXPECT_TRUE(mentions(d, "longer than"));
  EXPECT_TRUE(d.state.llm.config_text.empty());
  d = decode_state("&&&==&=&%%%&v=&view=");
  EXPECT_EQ(d.state.view, View::Dials);
}

// The tiny GPT's keys: every choice of the lab survives a link, and a value out of range is named and dropped.
TEST(StateCodec, TinyGptSettingsRoundTripAndBadOnesAreNamed) {
  AppState s;
  s.view = View::Gpt;
  s.gpt.model.layers = 3;
  s.gpt.model.width = 96;
  s.gpt.model.heads = 8;
  s.gpt.model.kv_heads = 2;
  s.gpt.model.context = 64;
  s.gpt.model.mlp_width = 256;
  s.gpt.model.mlp = gpt::MlpKind::kSwiGlu;
  s.gpt.model.positions = gpt::Positions::kRope;
  s.gpt.model.norm = gpt::NormKind::kRmsNorm;
  s.gpt.model.tied = false;
  s.gpt.model.biases = false;
  s.gpt.train.batch = 16;
  s.gpt.train.learning_rate = 3e-3;
  s.gpt.train.warmup_steps = 0;
  s.gpt.train.decay_steps = 500;
  s.gpt.train.weight_decay = 0;
  s.gpt.seed = 18446744073709551615ull;
  s.gpt.temperature = 0.1 + 0.2;
  s.gpt.prompt = "Once & for all = \"yes\"";
  const std::string link = encode_state(s);
  EXPECT_NE(link.find("view=gpt"), std::string::npos) << link;
  const DecodedState d = decode_state(link);
  EXPECT_TRUE(d.notices.empty()) << d.notices.front();
  EXPECT_TRUE(d.state.gpt == s.gpt) << link;
  EXPECT_EQ(d.state.view, View::Gpt);

  const DecodedState bad = decode_state("v=1&g.layers=99&g.width=0&g.mlp=relu&g.tied=2&g.lr=-1&g.temp=nan&g.ctx=x");
  EXPECT_TRUE(bad.state.gpt == GptLabState{}) << "every bad value falls back to its default";
  for (const char* key : {"g.layers", "g.width", "g.mlp", "g.tied", "g.lr", "g.temp", "g.ctx"})
    EXPECT_TRUE(mentions(bad, std::string(key) + ":")) << key;
}

}  // namespace
}  // namespace lpp
