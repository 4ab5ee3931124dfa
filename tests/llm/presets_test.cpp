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
  ASSERT_EQ(list_presets().size(), 20u);
  for (const PresetInfo& p : list_presets()) {
    EXPECT_FALSE(p.name.empty()) << p.id;
    EXPECT_FALSE(p.source.empty()) << p.id;
    EXPECT_GT(count_preset(p.id).total, 0) << p.id;
  }
}

// Published checkpoint counts (Hugging Face model.num_parameters() / safetensors totals).
TEST(Presets, CheckpointPresetsMatchPublished) {
  const std::map<std::string, std::int64_t> published = {
      {"gpt2", 124439808},          {"gpt2-medium", 354823168},      {"gpt2-large", 774030080},
      {"gpt2-xl", 1557611200},      {"llama-2-7b", 6738415616},      {"llama-2-13b", 13015864320},
      {"llama-2-70b", 68976648192}, {"llama-3.1-8b", 8030261248},    {"llama-3.1-70b", 70553706496},
      {"llama-3.1-405b", 405853388800}, {"mistral-7b", 7241732096}, {"mixtral-8x7b", 46702792704},
      {"mixtral-8x22b", 140620634112}, {"qwen2.5-7b", 7615616512},   {"gemma-2-9b", 9241705984},
      {"phi-3-mini", 3821079552},   {"deepseek-v3", 671026419200}};
  for (const auto& [id, total] : published) EXPECT_EQ(count_preset(id).total, total) << id;
}

// GPT-3 (paper table 2.1: 175.0B) and Grok-1 (xAI: 314B, which leaves out the 131072 x 6144 embedding).
TEST(Presets, PaperArchitecturesMatchHeadlines) {
  EXPECT_NEAR(static_cast<double>(count_preset("gpt-3-175b").total), 175.0e9, 0.5e9);
  const ParamCount grok = count_preset("grok-1");
  EXPECT_NEAR(static_cast<double>(grok.total - 131072LL * 6144), 314e9, 1e9);
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
