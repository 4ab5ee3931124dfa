// The shipped presets: every one loads and counts, and those with published counts match them.
#include <gtest/gtest.h>

#include <map>

#include "llm/param_count.hpp"
#include "llm/presets.hpp"

namespace lpp::llm {
namespace {

ParamCount count_preset(const std::string& id) {
  const ImportResult r = load_preset(id);
  EXPECT_TRUE(r.ok()) << id << ": " << (r.errors.empty() ? "" : r.errors.front());
  if (!r.ok()) return {};
  return count_parameters(r.arch);
}

TEST(Presets, EveryPresetLoadsWithSourceAndName) {
  ASSERT_EQ(list_presets().size(), 38u);
  for (const PresetInfo& p : list_presets()) {
    EXPECT_FALSE(p.name.empty()) << p.id;
    EXPECT_FALSE(p.source.empty()) << p.id;
    EXPECT_GT(count_preset(p.id).total, 0) << p.id;
  }
}

// Published checkpoint counts (Hugging Face model.num_parameters() / safetensors totals).
// Preset configs compared field by field (every key the importer reads) with copies of the config.json each
// preset's source names; all agreed:
// - qwen3-8b, qwen3-32b, qwen3-30b-a3b: the configs quoted in github.com/citsjtu2020/LLM-Prof
//   sglang/Model_Config.md.
// - phi-4: github.com/OpenMOSE/RWKV-LM-RLHF main/tokenizer/phi-4/config.json; its model.safetensors.index.json
//   total_size 29,319,014,400 bytes of BF16 is the 14,659,507,200 pinned.
// - mistral-small-3: params.json of Mistral-Small-24B-Instruct-2501 (the Base model's architecture) in
//   main/tokenizer/mistralsmall3/ of the same repository; its index total_size 47,144,806,400 / 2 = 23,572,403,200.
// - mamba-2.8b: the config quoted in github.com/confucianfighter/mamba-2.8b-hf-breakdown README.md.
// - qwen3-235b-a22b, gpt-oss-20b, kimi-k2 (Kimi-K2-Instruct, FP8) and llama-4-scout's text_config: verbatim
//   copies in public repositories.
// - gemma-3-27b: the gemma-3-27b-it config quoted in TensorRT-LLM's Gemma 3 modelling test (which shrinks only
//   num_hidden_layers and sliding_window; it has no vocab_size either, so the 262208 default stands).
// - llama-4-maverick's text fields agree with a Megatron recipe for Llama-4-Maverick-17B-128E (48 layers, MoE on
//   every odd one, 128 experts of 8192, dense 16384); no verbatim config.json was found.
TEST(Presets, CheckpointPresetsMatchPublished) {
  const std::map<std::string, std::int64_t> published = {
      {"gpt2", 124439808},          {"gpt2-medium", 354823168},      {"gpt2-large", 774030080},
      {"gpt2-xl", 1557611200},      {"llama-2-7b", 6738415616},      {"llama-2-13b", 13015864320},
      {"llama-2-70b", 68976648192}, {"llama-3.1-8b", 8030261248},    {"llama-3.1-70b", 70553706496},
      {"llama-3.1-405b", 405853388800}, {"mistral-7b", 7241732096}, {"mixtral-8x7b", 46702792704},
      {"mixtral-8x22b", 140620634112}, {"qwen2.5-7b", 7615616512},   {"gemma-2-9b", 9241705984},
      {"phi-3-mini", 3821079552},   {"deepseek-v3", 671026419200},
      // 2025-26 checkpoints: the Hub's safetensors parameter counts (BF16/F32 total_size / bytes per element).
      {"qwen3-8b", 8190735360},     {"qwen3-32b", 32762123264},      {"qwen3-30b-a3b", 30532122624},
      {"qwen3-235b-a22b", 235093634560}, {"deepseek-v3.1", 671026419200}, {"mistral-small-3", 23572403200},
      {"phi-4", 14659507200},       {"mamba-2.8b", 2768345600},
      // Multimodal wrappers: language model + vision tower + projector, as the checkpoint stores them.
      {"gemma-3-27b", 27432406640}, {"llama-4-scout", 108641793536}, {"mistral-small-3.1", 24011361280}};
  for (const auto& [id, total] : published) EXPECT_EQ(count_preset(id).total, total) << id;
}

// GPT-3 (paper table 2.1: 175.0B) and Grok-1 (xAI: 314B, which leaves out the 131072 x 6144 embedding).
TEST(Presets, PaperArchitecturesMatchHeadlines) {
  EXPECT_NEAR(static_cast<double>(count_preset("gpt-3-175b").total), 175.0e9, 0.5e9);
  const ParamCount grok = count_preset("grok-1");
  EXPECT_NEAR(static_cast<double>(grok.total - 131072LL * 6144), 314e9, 1e9);
}

double total_of(const std::string& id) { return static_cast<double>(count_preset(id).total); }
double active_of(const std::string& id) { return static_cast<double>(count_preset(id).active); }
// Active without the input embedding and the unembedding: what several vendors call "activated".
double active_without_tables(const std::string& id) {
  const ParamCount pc = count_preset(id);
  return static_cast<double>(pc.active - pc.components[static_cast<int>(Component::kEmbeddings)] -
                             pc.components[static_cast<int>(Component::kLmHead)]);
}

// Model cards of 2025-26, within each card's rounding (its last digit).
TEST(Presets, ModelCardsOfThisYearsModels) {
  // gpt-oss model card (arXiv:2508.10925) table 1: 20.91B / 3.61B and 116.83B / 5.13B; its active counts the
  // unembedding but not the input embedding, as the preset does.
  EXPECT_NEAR(total_of("gpt-oss-20b"), 20.91e9, 0.005e9);
  EXPECT_NEAR(active_of("gpt-oss-20b"), 3.61e9, 0.005e9);
  EXPECT_NEAR(total_of("gpt-oss-120b"), 116.83e9, 0.005e9);
  EXPECT_NEAR(active_of("gpt-oss-120b"), 5.13e9, 0.005e9);
  // Meta's Llama 4 card: 17B active for both (text tokens: the vision tower apart); 109B total for Scout; the
  // Hub's 402B for Maverick (Meta's card rounds to 400B).
  EXPECT_NEAR(active_of("llama-4-scout"), 17e9, 0.5e9);
  EXPECT_NEAR(total_of("llama-4-scout"), 109e9, 0.5e9);
  EXPECT_NEAR(total_of("llama-4-maverick"), 402e9, 0.5e9);
  EXPECT_NEAR(active_of("llama-4-maverick"), 17e9, 0.5e9);
  // Qwen3 cards: 235B with 22B activated; 30.5B with 3.3B activated.
  EXPECT_NEAR(active_of("qwen3-235b-a22b"), 22e9, 0.5e9);
  EXPECT_GE(active_of("qwen3-30b-a3b"), 3.3e9);  // 3.35B: the card truncates to 3.3B
  EXPECT_LT(active_of("qwen3-30b-a3b"), 3.4e9);
  // Qwen3-Next card: 80B total, 3B activated (without the embedding tables: 3.25B).
  EXPECT_NEAR(total_of("qwen3-next-80b-a3b"), 80e9, 0.5e9);
  EXPECT_NEAR(active_without_tables("qwen3-next-80b-a3b"), 3e9, 0.5e9);
  // Gemma 3 technical report, table 1: 27B has a 417M vision encoder and 25,600M non-embedding parameters.
  const ParamCount gemma = count_preset("gemma-3-27b");
  const auto part = [&](Component c) { return static_cast<double>(gemma.components[static_cast<int>(c)]); };
  EXPECT_NEAR(static_cast<double>(gemma.total) - part(Component::kEmbeddings) - part(Component::kVision), 25600e6,
              0.5e6);
  EXPECT_NEAR(part(Component::kVision) - 1152.0 * 5376 - 1152, 417e6, 0.5e6);  // less the projector
  // Kimi K2 card: 1T total, 32B activated (as DeepSeek counts: without the 163840 x 7168 input embedding).
  EXPECT_NEAR(total_of("kimi-k2"), 1.0e12, 0.05e12);
  EXPECT_NEAR(active_of("kimi-k2") - 163840.0 * 7168, 32e9, 0.5e9);
  // GLM-4.5 card: 355B / 32B active, Air 106B / 12B active; the Hub's safetensors counts with the MTP layer:
  // 358B and 110B. (Both presets' layer, width, head and expert fields agree with the Megatron arguments of
  // scripts/models/glm4.5-355B-A32B.sh and the 106B-A12B script in Z.ai's slime, e.g. github.com/zyzshishui/slime;
  // no verbatim config.json copy was found.)
  const ParamCount glm = count_preset("glm-4.5");
  ASSERT_EQ(glm.extra.size(), 1u);
  EXPECT_NEAR(static_cast<double>(glm.total + glm.extra[0].count), 358e9, 0.5e9);
  EXPECT_NEAR(active_without_tables("glm-4.5"), 32e9, 0.5e9);
  const ParamCount air = count_preset("glm-4.5-air");
  ASSERT_EQ(air.extra.size(), 1u);
  EXPECT_NEAR(static_cast<double>(air.total + air.extra[0].count), 110e9, 0.5e9);
  EXPECT_NEAR(static_cast<double>(air.total), 106e9, 1e9);
  EXPECT_NEAR(active_without_tables("glm-4.5-air"), 12e9, 0.5e9);
}

TEST(Presets, CompareSetsNameShippedPresets) {
  ASSERT_GE(compare_sets().size(), 2u);
  EXPECT_EQ(compare_sets()[0].ids, (std::vector<std::string>{"grok-1", "deepseek-v3", "gpt-4-rumoured"}));
  for (const CompareSet& set : compare_sets()) {
    EXPECT_GE(set.ids.size(), 2u) << set.label;
    EXPECT_LE(set.ids.size(), 4u) << set.label;
    for (const std::string& id : set.ids) EXPECT_FALSE(preset_text(id).empty()) << set.label << ": " << id;
  }
}

TEST(Presets, RumourIsLabelledUnverified) {
  for (const PresetInfo& p : list_presets()) EXPECT_EQ(p.unverified, p.id == "gpt-4-rumoured") << p.id;
  EXPECT_NEAR(static_cast<double>(count_preset("gpt-4-rumoured").total), 1.8e12, 0.1e12);
}

TEST(Presets, UnknownIdNamesKnownOnes) {
  const ImportResult r = load_preset("llama-9");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors.front().find("unknown preset \"llama-9\" (known: "), std::string::npos);
}

}  // namespace
}  // namespace lpp::llm
