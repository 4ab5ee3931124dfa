// The LLM lab's pure model logic: what-if overrides against published counts with the arithmetic by hand,
// the "does it fit?" solver against a hand-computed budget, the ladder's anchors, the analysis against closed
// forms, the spec's equality over every linked field, and the fallback for a model that fails.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "llm/lab_analysis.hpp"
#include "llm/lab_model.hpp"
#include "state_codec.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;
using I64 = std::int64_t;

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
  const Estimate w = weight_bytes(m.count.total, DType::kBf16);
  const FitResult ctx = largest_fitting(m.arch, w, DType::kBf16, 80e9, FitAxis::kContext, 1);
  EXPECT_TRUE(ctx.weights_fit);
  EXPECT_EQ(ctx.largest, 126882);
  // At T = 4096 one sequence holds 4096 · 524,288 B = 2,147,483,648 B: 66,523,168,768 / 2,147,483,648 = 30.98.
  const FitResult batch = largest_fitting(m.arch, w, DType::kBf16, 80e9, FitAxis::kBatch, 4096);
  EXPECT_EQ(batch.largest, 30);
  const FitResult none = largest_fitting(m.arch, w, DType::kBf16, 10e9, FitAxis::kContext, 1);
  EXPECT_FALSE(none.weights_fit);
  EXPECT_EQ(none.largest, 0);
}

// DeepSeek-V3's checkpoint is fp8: the weights the lab keeps in memory are its stored main-model bytes (the MTP
// module is not loaded), not 671 B × 2 bytes; a GGUF recipe gives bartowski's Q8_0 file, 713.29 GB.
TEST(LabModel, MemoryUsesTheStoredBytes) {
  const LabModel m = resolve_lab_model("deepseek-v3", "", json::object());
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE(m.storage.format.ok());
  const Estimate stored = lab_weight_bytes(m, WeightSource::kStored, DType::kBf16, 0, GgufRecipe::kQ4_K_M);
  I64 mtp_bytes = 0;
  for (const TensorStorage& t : m.storage.tensors)
    if (t.extra) mtp_bytes += t.bytes;
  EXPECT_EQ(stored.value, static_cast<double>(m.storage.bytes - mtp_bytes));
  EXPECT_LT(stored.value, 0.51 * 2.0 * static_cast<double>(m.count.total));  // ~1 byte a weight, not 2
  const Estimate nominal = lab_weight_bytes(m, WeightSource::kDtype, DType::kBf16, 0, GgufRecipe::kQ4_K_M);
  EXPECT_EQ(nominal.value, 2.0 * static_cast<double>(m.count.total));
  const Estimate q8 = lab_weight_bytes(m, WeightSource::kGguf, DType::kBf16, 0, GgufRecipe::kQ8_0);
  EXPECT_NEAR(q8.value / 1e9, 713.29, 0.015);
  // 700 GB holds the fp8 weights but not the bf16 ones
  EXPECT_TRUE(largest_fitting(m.arch, stored, DType::kBf16, 700e9, FitAxis::kContext, 1).weights_fit);
  EXPECT_FALSE(largest_fitting(m.arch, nominal, DType::kBf16, 700e9, FitAxis::kContext, 1).weights_fit);
  const ParameterViews v = parameter_views(m);
  EXPECT_EQ(v.parameters, 671026419200);
  EXPECT_EQ(std::llround(static_cast<double>(v.stored_elements) / 1e7), 68453);
  EXPECT_FALSE(v.why.empty());
}

// An unreadable quantization_config is said, and the weights fall back to N × b with the reason in the formula.
TEST(LabModel, UnreadableQuantizationConfigIsSaid) {
  json config = json::parse(read_fixture("llama-2-7b.json"));
  config["config"]["quantization_config"] = {{"quant_method", "hqq"}};
  const LabModel m = resolve_lab_model("", config.dump(), json::object());
  ASSERT_TRUE(m.ok());
  const Estimate w = lab_weight_bytes(m, WeightSource::kStored, DType::kBf16, 0, GgufRecipe::kQ4_K_M);
  EXPECT_EQ(w.value, 2.0 * static_cast<double>(m.count.total));
  EXPECT_NE(w.formula.find("hqq"), std::string::npos) << w.formula;
  EXPECT_NE(parameter_views(m).why.find("hqq"), std::string::npos);
}

// openai/gpt-oss-20b pasted as its config.json (tests/llm/fixtures/gpt-oss-20b.json): the lab's three numbers are
// its 20,914,757,184 parameters (the model card's 21B), the stored elements and the 13,761,264,768 bytes its
// model.safetensors.index.json gives as total_size; the mxfp4 experts make bytes fall below 2 per parameter.
TEST(LabAnalysis, GptOss20bShowsParametersElementsAndBytes) {
  LlmState s;
  s.config_text = read_fixture("gpt-oss-20b.json");
  const LabModel m = resolve_lab_model("", s.config_text, json::object());
  ASSERT_TRUE(m.ok()) << m.errors.front();
  const LlmAnalysis a = analyse_llm(s, m, m, {m});
  EXPECT_EQ(a.storage.parameters, 20914757184);
  // codes 9,555,148,800 + one U8 scale per 32 weights 597,196,800 + 1,804,459,584 bf16 parameters
  EXPECT_EQ(a.storage.stored_elements, 9555148800 + 597196800 + 1804459584);
  EXPECT_EQ(a.storage.stored_bytes, 13761264768);
  EXPECT_NE(a.storage.why.find("MXFP4"), std::string::npos) << a.storage.why;
  EXPECT_NE(a.storage.bytes_formula.find("13,761,264,768"), std::string::npos) << a.storage.bytes_formula;
  // Memory takes the stored bytes by default: OpenAI's release says gpt-oss-20b runs within 16 GB of memory;
  // 20.9 B parameters × 2 bytes (bf16) would not.
  EXPECT_EQ(s.weights, WeightSource::kStored);
  EXPECT_EQ(a.weights_label, "Weights as stored");
  EXPECT_DOUBLE_EQ(a.weights.value, 13761264768.0);
  EXPECT_DOUBLE_EQ(a.compare[0].weights.value, 13761264768.0);
  s.memory_budget_gb = 16;
  EXPECT_TRUE(analyse_llm(s, m, m, {}).fit.weights_fit);
  s.weights = WeightSource::kDtype;
  const LlmAnalysis bf16 = analyse_llm(s, m, m, {});
  EXPECT_DOUBLE_EQ(bf16.weights.value, 2.0 * 20914757184);
  EXPECT_EQ(bf16.weights_label, "Weights in bf16");
  EXPECT_FALSE(bf16.fit.weights_fit);
}

// The GGUF table is every recipe, and choosing one sizes the memory figures by its tensor data: Llama-2-7B's
// Q4_K_M is 4,080,263,168 B by hand (gguf_recipes_test has the sum), TheBloke's llama-2-7b.Q4_K_M.gguf
// 4,081,004,224 B with its header.
TEST(LabAnalysis, GgufRecipeSizesTheMemoryFigures) {
  LlmState s;
  s.weights = WeightSource::kGguf;
  s.gguf = GgufRecipe::kQ4_K_M;
  s.memory_budget_gb = 80;
  const LabModel m = resolve_lab_model(s.preset, "", json::object());
  const LlmAnalysis a = analyse_llm(s, m, m, {});
  ASSERT_EQ(a.gguf.size(), static_cast<std::size_t>(kGgufRecipeCount));
  for (int i = 0; i < kGgufRecipeCount; ++i) EXPECT_EQ(a.gguf[i].recipe, static_cast<GgufRecipe>(i));
  EXPECT_DOUBLE_EQ(a.weights.value, 4080263168.0);
  EXPECT_EQ(a.gguf[static_cast<int>(GgufRecipe::kQ4_K_M)].bytes, 4080263168);
  EXPECT_EQ(a.weights_label, "Weights in GGUF Q4_K_M");
  // Does it fit uses those bytes: KV per token 524,288 B (Llama-2-7B bf16, above), so
  // T = ⌊(80e9 − 4,080,263,168) / 524,288⌋ = ⌊144,805.4⌋ = 144,805 at B = 1.
  EXPECT_DOUBLE_EQ(a.fit.weights.value, 4080263168.0);
  EXPECT_EQ(a.fit.largest, 144805);
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
      {"m.w", "dtype"}, {"m.gguf", "Q8_0"}, {"m.ctx", "8"}, {"m.batch", "2"}, {"m.mixed", "0"}, {"m.tokens", "5"}, {"m.acc", "a100"}, {"m.mfu", "0.5"},
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
