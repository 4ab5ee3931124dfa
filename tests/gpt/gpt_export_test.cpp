// One counting rule: the tiny GPT's exported config, read back by the LLM engine like any pasted config.json,
// counts exactly the floats the trainer allocates, tensor by tensor, at every mix of the lab's choices; and the
// trainer's own layout, given GPT-2's and Llama 2's sizes, allocates their published parameter counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "gpt/gpt_export.hpp"
#include "gpt/gpt_model.hpp"
#include "llm/hf_import.hpp"
#include "llm/param_count.hpp"

namespace lpp::gpt {
namespace {

// Sizes of every tensor instance, sorted: the engine's groups expanded over their layers and experts.
std::vector<std::int64_t> engine_sizes(const llm::ParamCount& pc) {
  std::vector<std::int64_t> s;
  for (const llm::TensorGroup& g : pc.tensors) s.insert(s.end(), static_cast<std::size_t>(g.repeat), g.each);
  std::sort(s.begin(), s.end());
  return s;
}

// The trainer's tensors, sorted by size; with `fused_qkv`, each block's q, k and v weights (and biases) as the one
// tensor GPT-2's checkpoint stores them in (c_attn, [C, 3C]).
std::vector<std::int64_t> trainer_sizes(const Layout& lay, bool fused_qkv) {
  std::vector<std::int64_t> s;
  for (const Tensor& t : lay.tensors) {
    const bool qkv_w = t.role == Role::kQWeight || t.role == Role::kKWeight || t.role == Role::kVWeight;
    const bool qkv_b = t.role == Role::kQBias || t.role == Role::kKBias || t.role == Role::kVBias;
    if (fused_qkv && (t.role == Role::kKWeight || t.role == Role::kVWeight || t.role == Role::kKBias ||
                      t.role == Role::kVBias))
      continue;
    std::int64_t n = t.size();
    if (fused_qkv && (qkv_w || qkv_b)) n *= 3;   // q, k and v have one shape in multi-head attention
    s.push_back(n);
  }
  std::sort(s.begin(), s.end());
  return s;
}

// The engine's component of each trainer tensor, so that the two breakdowns can be compared.
llm::Component component_of(Role r) {
  switch (r) {
    case Role::kTokenEmbedding: case Role::kPositionEmbedding: return llm::Component::kEmbeddings;
    case Role::kNorm1Weight: case Role::kNorm1Bias: case Role::kNorm2Weight: case Role::kNorm2Bias:
    case Role::kFinalNormWeight: case Role::kFinalNormBias: return llm::Component::kNorms;
    case Role::kGateWeight: case Role::kGateBias: case Role::kUpWeight: case Role::kUpBias: case Role::kDownWeight:
    case Role::kDownBias: return llm::Component::kMlp;
    case Role::kHeadWeight: return llm::Component::kLmHead;
    default: return llm::Component::kAttention;
  }
}

llm::ParamCount engine_count(const GptConfig& c, std::string* family) {
  const ExportedConfig e = export_config(c);
  *family = e.family;
  const llm::ImportResult r = llm::import_model_text(e.json);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front()) << "\n" << e.json;
  if (!r.ok()) return {};
  EXPECT_TRUE(llm::validate(r.arch).empty()) << e.json;
  return llm::count_parameters(r.arch);
}

TEST(GptExport, EveryMixOfChoicesCountsWhatTheTrainerAllocatesTensorByTensor) {
  int families[4] = {0, 0, 0, 0};   // gpt2, llama, starcoder2, explicit
  for (int bits = 0; bits < 64; ++bits) {
    GptConfig c;
    c.vocab = 65;
    c.context = 24;
    c.layers = 3;
    c.width = 48;
    c.heads = 6;
    c.kv_heads = bits & 1 ? 2 : 6;
    c.mlp_width = 136;
    c.mlp = bits & 2 ? MlpKind::kSwiGlu : MlpKind::kGelu;
    c.positions = bits & 4 ? Positions::kRope : Positions::kLearned;
    c.norm = bits & 8 ? NormKind::kRmsNorm : NormKind::kLayerNorm;
    c.tied = (bits & 16) != 0;
    c.biases = (bits & 32) != 0;
    SCOPED_TRACE(::testing::Message() << "mix " << bits << ": " << mlp_name(c.mlp) << ", "
                                      << positions_name(c.positions) << ", " << norm_name(c.norm)
                                      << (c.tied ? ", tied" : ", untied") << (c.biases ? ", biases" : ", no biases")
                                      << ", K " << c.kv_heads);
    ASSERT_TRUE(validate(c).empty());
    const Layout lay = make_layout(c);
    std::string family;
    const llm::ParamCount pc = engine_count(c, &family);
    EXPECT_EQ(pc.total, lay.total);
    EXPECT_EQ(engine_sizes(pc), trainer_sizes(lay, family == "gpt2"));
    std::array<std::int64_t, llm::kComponentCount> components{};
    for (const Tensor& t : lay.tensors) components[static_cast<int>(component_of(t.role))] += t.size();
    EXPECT_EQ(pc.components, components);
    std::int64_t trainer_biases = 0;   // the engine counts norm biases as biases too
    for (const Tensor& t : lay.tensors)
      if (t.name.size() > 5 && t.name.compare(t.name.size() - 5, 5, ".bias") == 0) trainer_biases += t.size();
    EXPECT_EQ(pc.biases, trainer_biases);
    families[family == "gpt2" ? 0 : family == "llama" ? 1 : family == "starcoder2" ? 2 : 3]++;
  }
  // gpt2: GELU, learned, LayerNorm, biases, MHA, tied or not (2 mixes); llama: SwiGLU, RoPE, RMSNorm (8);
  // starcoder2: GELU, RoPE, LayerNorm, biases (4); the other 50 are explicit architectures.
  EXPECT_EQ(families[0], 2);
  EXPECT_EQ(families[1], 8);
  EXPECT_EQ(families[2], 4);
  EXPECT_EQ(families[3], 50);
}

TEST(GptExport, TheTrainersLayoutAtGpt2AndLlama2SizesHasTheirPublishedCounts) {
  // GPT-2 small: V 50257, T 1024, C 768, L 12, H 12, F 3072, GELU, LayerNorm, biases, tied. 124,439,808 is the
  // count of Hugging Face's `gpt2` checkpoint (sum of its tensors; the paper rounds it to 117M).
  GptConfig gpt2;
  gpt2.vocab = 50257;
  gpt2.context = 1024;
  gpt2.layers = 12;
  gpt2.width = 768;
  gpt2.heads = gpt2.kv_heads = 12;
  gpt2.mlp_width = 3072;
  EXPECT_EQ(make_layout(gpt2).total, 124439808);
  std::string family;
  EXPECT_EQ(engine_count(gpt2, &family).total, 124439808);
  EXPECT_EQ(family, "gpt2");

  // Llama 2 7B: V 32000, C 4096, L 32, H 32, F 11008, SwiGLU, RoPE, RMSNorm, no biases, untied: 6,738,415,616
  // parameters (Meta's model card rounds it to 7B; the sum of the Hugging Face checkpoint's tensors).
  GptConfig llama;
  llama.vocab = 32000;
  llama.context = 4096;
  llama.layers = 32;
  llama.width = 4096;
  llama.heads = llama.kv_heads = 32;
  llama.mlp_width = 11008;
  llama.mlp = MlpKind::kSwiGlu;
  llama.positions = Positions::kRope;
  llama.norm = NormKind::kRmsNorm;
  llama.tied = false;
  llama.biases = false;
  EXPECT_EQ(make_layout(llama).total, 6738415616);
  EXPECT_EQ(engine_count(llama, &family).total, 6738415616);
  EXPECT_EQ(family, "llama");
}

TEST(GptExport, TheExportIsAConfigJsonWithTheFamilysOwnKeys) {
  GptConfig c;   // the defaults: GELU, learned positions, LayerNorm, biases, tied: GPT-2's family
  const ExportedConfig e = export_config(c);
  const nlohmann::json j = nlohmann::json::parse(e.json);
  EXPECT_EQ(j.at("model_type"), "gpt2");
  EXPECT_EQ(j.at("n_embd"), c.width);
  EXPECT_EQ(j.at("n_positions"), c.context);
  EXPECT_EQ(j.at("n_inner"), c.mlp_width);
  c.kv_heads = 2;   // GQA: no GPT-2 has it, so the engine's explicit architecture
  const nlohmann::json x = nlohmann::json::parse(export_config(c).json);
  ASSERT_TRUE(x.contains("architecture"));
  EXPECT_EQ(x["architecture"].at("num_kv_heads"), 2);
}

}  // namespace
}  // namespace lpp::gpt
