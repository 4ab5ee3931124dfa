// The LLM lab's pure model logic: what-if overrides against published counts with the arithmetic by hand,
// the "does it fit?" solver against a hand-computed budget, the ladder's anchors.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "llm/lab_model.hpp"

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

}  // namespace
}  // namespace lpp::llm
