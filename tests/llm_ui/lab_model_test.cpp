// The LLM lab's pure model logic: what-if overrides against published counts with the arithmetic by hand,
// the "does it fit?" solver against a hand-computed budget, the ladder's anchors, the analysis against closed
// forms, the spec's equality over every linked field, and the fallback for a model that fails.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "llm/lab_analysis.hpp"
#include "llm/lab_model.hpp"
#include "state_codec.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;

std::string read_fixture(const std::string& name) {
  std::ifstream f(std::string(LPP_LLM_FIXTURE_DIR) + "/" + name);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

TEST(LabModel, PresetAndPastedConfigMatchPublishedTotals) {
  const LabModel preset = resolve_lab_model("llama-2-7b", "", json::object());
  ASSERT_TRUE(preset.ok());
  EXPECT_EQ(preset.count.total, 6738415616);  // Llama-2-7B, published (tests/llm/fixtures/llama-2-7b.json)
  const json ref = json::parse(read_fixture("deepseek-v3.json"));
  const LabModel pasted = resolve_lab_model("gpt2", read_fixture("deepseek-v3.json"), json::object());
  ASSERT_TRUE(pasted.ok());
  EXPECT_EQ(pasted.count.total, ref["params_total"].get<std::int64_t>());
  ASSERT_EQ(pasted.count.extra.size(), 1u);  // the MTP module, apart from the headline
}

TEST(LabModel, GqaOverrideRemovesTheKeyValueProjections) {
  // Llama-2-7B with 8 instead of 32 KV heads: k_proj and v_proj shrink from 4096·4096 to (8·128)·4096 in each of
  // 32 layers: 2 · 32 · (16,777,216 − 4,194,304) = 805,306,368 fewer; 6,738,415,616 − 805,306,368 = 5,933,109,248.
  const LabModel m = resolve_lab_model("llama-2-7b", "", json{{"num_kv_heads", 8}});
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m.count.total, 5933109248);
  const std::vector<FieldChange> changes = describe_changes(m.base.arch, m.arch);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].field, "num_kv_heads");
  EXPECT_EQ(changes[0].from, "32");
  EXPECT_EQ(changes[0].to, "8");
  EXPECT_EQ(architecture_overrides(m.base.arch, m.arch), json({{"num_kv_heads", 8}}));
}

TEST(LabModel, BadOverrideNamesTheConfigField) {
  const LabModel m = resolve_lab_model("llama-2-7b", "", json{{"num_kv_heads", 7}});
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.errors[0].find("num_key_value_heads (7)"), std::string::npos) << m.errors[0];
  const LabModel unknown = resolve_lab_model("llama-2-7b", "", json{{"num_wings", 2}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.errors[0].find("num_wings"), std::string::npos);
}

TEST(LabModel, FormulasAddUpToTheCount) {
  const LabModel m = resolve_lab_model("gpt2", "", json::object());
  // GPT-2 small: 124,439,808 (published); every component term appears in the total's formula.
  EXPECT_NE(total_formula(m.count).find("= 124,439,808"), std::string::npos) << total_formula(m.count);
  // Position embeddings 1024·768 = 786,432 plus tokens 50257·768 = 38,597,376: 39,383,808.
  EXPECT_NE(component_formula(m.count, Component::kEmbeddings).find("= 39,383,808"), std::string::npos);
  EXPECT_NE(active_formula(m.count).find("dense"), std::string::npos);
  const LabModel moe = resolve_lab_model("mixtral-8x7b", "", json::object());
  EXPECT_NE(active_formula(moe.count).find("top-k"), std::string::npos);
}

TEST(LabModel, ComponentRowsSplitWeightsAndBiases) {
  // GPT-2 small's biases: per layer c_attn 2304 + c_proj 768 + c_fc 3072 + mlp c_proj 768 + two LayerNorms
  // 2·768 = 8,448; 12 layers: 101,376; plus ln_f's 768: 102,144.
  const LabModel m = resolve_lab_model("gpt2", "", json::object());
  std::int64_t biases = 0, params = 0;
  double share = 0;
  for (const ComponentRow& r : component_rows(m.count)) {
    EXPECT_EQ(r.weights + r.biases, r.params);
    biases += r.biases;
    params += r.params;
    share += r.share;
  }
  EXPECT_EQ(biases, 102144);
  EXPECT_EQ(params, 124439808);
  EXPECT_NEAR(share, 1.0, 1e-12);
}

TEST(LabModel, LargestContextForEightyGigabytes) {
  // Llama-2-7B bf16: weights 6,738,415,616 · 2 B = 13,476,831,232 B; KV per token 2 (k, v) · 32 heads · 128 · 32
  // layers · 2 B = 524,288 B. (80e9 − 13,476,831,232) / 524,288 = 126,882.9, so T = 126,882 at B = 1.
  const LabModel m = resolve_lab_model("llama-2-7b", "", json::object());
  const FitResult ctx = largest_fitting(m.arch, m.count.total, DType::kBf16, 80e9, FitAxis::kContext, 1);
  EXPECT_TRUE(ctx.weights_fit);
  EXPECT_EQ(ctx.largest, 126882);
  // At T = 4096 one sequence holds 4096 · 524,288 B = 2,147,483,648 B: 66,523,168,768 / 2,147,483,648 = 30.98.
  const FitResult batch = largest_fitting(m.arch, m.count.total, DType::kBf16, 80e9, FitAxis::kBatch, 4096);
  EXPECT_EQ(batch.largest, 30);
  const FitResult none = largest_fitting(m.arch, m.count.total, DType::kBf16, 10e9, FitAxis::kContext, 1);
  EXPECT_FALSE(none.weights_fit);
  EXPECT_EQ(none.largest, 0);
}

TEST(LabModel, LadderRunsFromTwoToTheLargestPreset) {
  LayersState layers;  // TF Playground's default 2-4-2-1: (2·4 + 4) + (4·2 + 2) + (2·1 + 1) = 25
  EXPECT_EQ(layers_network_params(layers), 25);
  const std::vector<Rung> rungs = ladder_rungs(2, layers);
  ASSERT_GE(rungs.size(), 22u);
  EXPECT_EQ(rungs.front().params, 2);
  EXPECT_EQ(rungs[1].params, 25);
  bool gpt2 = false;
  for (const Rung& r : rungs) gpt2 = gpt2 || (r.preset == "gpt2" && r.params == 124439808);
  EXPECT_TRUE(gpt2);
  for (std::size_t i = 1; i < rungs.size(); ++i) EXPECT_LE(rungs[i - 1].params, rungs[i].params);
}

// The figures the lab shows for Llama 2 7B at its defaults (bf16, T = 4096, B = 1, mixed precision, 2e12 tokens),
// each from its closed form: N published; weights 2 bytes each; KV = 2 (K and V) · L · K · Dh · T · B · 2 bytes
// (32 layers, 32 KV heads of 128); Adam under mixed precision 16 bytes per parameter (ZeRO, section 3.1);
// C = 6·N·D (Kaplan et al. 2020).
TEST(LabAnalysis, LlamaTwoSevenBFiguresMatchTheirClosedForms) {
  const LlmState s;
  const LabModel m = resolve_lab_model(s.preset, "", json::object());
  ASSERT_TRUE(m.ok());
  const LlmAnalysis a = analyse_llm(s, m, m, {m, resolve_lab_model("gpt2", "", json::object())});
  const double n = 6738415616.0;
  EXPECT_EQ(a.total.value, 6738415616);
  EXPECT_EQ(a.active.value, 6738415616);
  EXPECT_DOUBLE_EQ(a.weights.value, 2 * n);
  EXPECT_DOUBLE_EQ(a.kv.total.value, 2.0 * 32 * 32 * 128 * 4096 * 1 * 2);
  EXPECT_DOUBLE_EQ(a.weights_and_kv.value, 2 * n + 2.0 * 32 * 32 * 128 * 4096 * 2);
  EXPECT_DOUBLE_EQ(a.training.total.value, 16 * n);
  EXPECT_DOUBLE_EQ(a.training_flops.value, 6 * n * 2e12);
  EXPECT_EQ(a.checkpoint.value, 6738415616);   // no modules outside the headline
  EXPECT_TRUE(a.changes.empty());              // no what-if changes
  // The plot marks the spec's own T; its last sample is at 2^max(17, log2 4096 + 2) = 2^17 tokens.
  EXPECT_DOUBLE_EQ(a.at_context.kv_gb, a.kv.total.value / 1e9);
  ASSERT_EQ(a.kv_curve.size(), 96u);
  EXPECT_DOUBLE_EQ(a.kv_curve.back().log2_context, 17);
  EXPECT_DOUBLE_EQ(a.kv_curve.back().kv_gb, 2.0 * 32 * 32 * 128 * 131072 * 2 / 1e9);
  // Compare: GPT-2 against Llama 2 7B, fields named as architecture_to_json does.
  ASSERT_EQ(a.compare.size(), 2u);
  EXPECT_DOUBLE_EQ(a.compare[1].weights.value, 2.0 * 124439808);   // GPT-2 small, published
  bool layers_differ = false;
  for (const FieldChange& c : a.compare[1].against_first)
    layers_differ = layers_differ || (c.field == "num_layers" && c.from == "32" && c.to == "12");
  EXPECT_TRUE(layers_differ);
}

// Every key a link holds for the LLM lab changes LlmState's equality, so no change check misses a field the link
// reproduces. A new m.* key fails here until it gets a value below.
TEST(LabState, EveryLinkedFieldTakesPartInEquality) {
  const std::pair<const char*, const char*> values[] = {
      {"m.tab", "whatif"}, {"m.preset", "gpt2"}, {"m.config", "{\"model_type\":\"gpt2\"}"}, {"m.name", "mine"},
      {"m.over", "{\"num_layers\":3}"}, {"m.compare", "gpt2,grok-1"}, {"m.dtype", "fp32"}, {"m.group", "64"},
      {"m.ctx", "8"}, {"m.batch", "2"}, {"m.mixed", "0"}, {"m.tokens", "5"}, {"m.acc", "a100"}, {"m.mfu", "0.5"},
      {"m.dev", "2"}, {"m.budget", "3"}, {"m.fit", "batch"}};
  std::vector<std::string> llm_keys;
  for (const std::string& k : state_keys())
    if (k.rfind("m.", 0) == 0) llm_keys.push_back(k);
  ASSERT_EQ(llm_keys.size(), std::size(values));
  for (const auto& [key, value] : values) {
    SCOPED_TRACE(key);
    const DecodedState d = decode_state(std::string("v=1&") + key + "=" + value);
    ASSERT_TRUE(d.notices.empty()) << d.notices.front();
    EXPECT_FALSE(d.state.llm == LlmState{});
  }
}

// A spec whose model fails takes the previous one, else the preset as it ships; the message names the key and
// the field in the importer's words.
TEST(LabState, FailingModelKeepsThePreviousOneAndSaysWhy) {
  LlmState previous;
  previous.preset = "gpt2";
  LlmState s;
  s.preset = "mistral-7b";
  s.overrides = {{"num_layers", -3}};
  const std::string why = keep_valid_model(s, previous);
  EXPECT_EQ(why.rfind("m.over: ", 0), 0u) << why;
  EXPECT_NE(why.find("(-3)"), std::string::npos) << why;
  EXPECT_NE(why.find("; kept GPT-2"), std::string::npos) << why;
  EXPECT_EQ(s.preset, "gpt2");
  EXPECT_TRUE(s.overrides.empty());
  EXPECT_EQ(keep_valid_model(s, previous), "") << "a valid spec stays as it is";

  LlmState broken = previous;
  // As paramcount prints it for the same file: "hidden_size (-1) must be a positive integer; head_dim (0) ...".
  broken.config_text = R"({"model_type": "llama", "hidden_size": -1, "num_hidden_layers": 32,
      "num_attention_heads": 32, "vocab_size": 32000, "intermediate_size": 11008})";
  LlmState fresh;
  fresh.preset = "mistral-7b";
  fresh.config_text = broken.config_text;
  EXPECT_EQ(keep_valid_model(fresh, broken).rfind("m.config: hidden_size (-1) must be a positive integer; head_dim (0) "
                                                  "must be a positive integer; kept Mistral 7B", 0), 0u);
  EXPECT_EQ(fresh.preset, "mistral-7b") << "the previous model fails too: the link's own preset, as it ships";
  EXPECT_TRUE(fresh.config_text.empty());
  EXPECT_FALSE(LabModel{}.ok()) << "a model never resolved is never shown";
}

}  // namespace
}  // namespace lpp::llm
