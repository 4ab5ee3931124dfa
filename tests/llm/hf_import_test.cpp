// Config import: family conventions the counts depend on, and hostile input. Every bad input must come back as a
// message naming the field, never as a throw or a crash.
#include <gtest/gtest.h>

#include <string>

#include "llm/count_json.hpp"
#include "llm/hf_import.hpp"
#include "llm/param_count.hpp"
#include "llm/presets.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;

// Llama-2-7B's config.json (meta-llama/Llama-2-7b-hf), published count 6,738,415,616.
const char kLlama2[] = R"({"model_type":"llama","hidden_size":4096,"intermediate_size":11008,
  "num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":32,"vocab_size":32000,
  "tie_word_embeddings":false,"max_position_embeddings":4096})";

// The first error of importing `config` after setting `key` to `value`.
std::string error_with(const char* key, const json& value) {
  json c = json::parse(kLlama2);
  c[key] = value;
  ImportResult r;
  EXPECT_NO_THROW(r = import_model_text(c.dump()));
  return r.errors.empty() ? std::string("(no error)") : r.errors.front();
}

TEST(HfImport, MissingFieldIsNamed) {
  json c = json::parse(kLlama2);
  c.erase("hidden_size");
  const ImportResult r = import_hf_config(c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors.front(), "missing hidden_size (a required integer for llama, with no library default)");
}

TEST(HfImport, ZeroNegativeAndFractionalSizesAreNamed) {
  EXPECT_EQ(error_with("hidden_size", 0), "hidden_size (0) must be a positive integer");
  EXPECT_EQ(error_with("num_hidden_layers", -3), "num_hidden_layers (-3) must be a positive integer");
  EXPECT_EQ(error_with("hidden_size", 4096.5), "hidden_size (4096.5) must be an integer");
  EXPECT_EQ(error_with("vocab_size", 1e300), "vocab_size (1e+300) is too large for a 64-bit integer");
  EXPECT_EQ(error_with("vocab_size", 18446744073709551615ULL),
            "vocab_size (18446744073709551615) is too large for a 64-bit integer");
}

TEST(HfImport, IntegralFloatsAreAccepted) {
  json c = json::parse(kLlama2);
  c["hidden_size"] = 4096.0;
  const ImportResult r = import_hf_config(c);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(count_parameters(r.arch).total, 6738415616);
}

TEST(HfImport, WrongJsonTypesAreNamed) {
  EXPECT_EQ(error_with("hidden_size", "4096"), "hidden_size must be an integer, got string \"4096\"");
  EXPECT_EQ(error_with("hidden_size", json::array({4096})), "hidden_size must be an integer, got array");
  EXPECT_EQ(error_with("tie_word_embeddings", "yes"), "tie_word_embeddings must be true or false, got string \"yes\"");
  EXPECT_EQ(error_with("model_type", 7), "model_type must be a string, got number 7");
  EXPECT_EQ(import_model_text("[1, 2]").errors.front(),
            "expected a JSON object (a config.json or a preset), got array");
  EXPECT_EQ(import_model_text("42").errors.front(), "expected a JSON object (a config.json or a preset), got number 42");
}

TEST(HfImport, KvHeadsMustDivideHeads) {
  EXPECT_EQ(error_with("num_key_value_heads", 7), "num_key_value_heads (7) must divide num_attention_heads (32)");
}

TEST(HfImport, NotJsonIsReported) {
  const ImportResult r = import_model_text("hidden_size: 4096");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors.front().rfind("not valid JSON: ", 0), 0u) << r.errors.front();
  EXPECT_FALSE(import_model_text("").ok());
  EXPECT_FALSE(import_model_text(std::string("{\"model_type\": \"ll\xff\"}")).ok());  // invalid UTF-8
}

TEST(HfImport, FiftyMegabyteInputIsRefused) {
  std::string big = "{\"model_type\": \"llama\", \"pad\": \"";
  big.append(50u << 20, 'x');
  big += "\"}";
  const ImportResult r = import_model_text(big);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors.front().find("more than the 8388608-byte limit"), std::string::npos) << r.errors.front();
}

TEST(HfImport, DeepNestingIsRefused) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const ImportResult r = import_model_text(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors.front().find("nests deeper than 64"), std::string::npos) << r.errors.front();
  // Brackets inside strings do not count.
  json c = json::parse(kLlama2);
  c["note"] = std::string(1000, '[');
  EXPECT_TRUE(import_model_text(c.dump()).ok());
}

// 10^15 fits in int64, but 32000 x 10^15 does not: the count must report the overflow, naming the field.
TEST(HfImport, HugeHiddenSizeReportsOverflow) {
  json c = json::parse(kLlama2);
  c["hidden_size"] = 1000000000000000LL;
  c["head_dim"] = 128;
  const json out = json::parse(count_json(c.dump(), {}));
  ASSERT_TRUE(out.contains("error"));
  const std::string e = out["error"];
  EXPECT_NE(e.find("overflows 64-bit integers"), std::string::npos) << e;
  EXPECT_NE(e.find("hidden_size (1000000000000000)"), std::string::npos) << e;
  EXPECT_FALSE(out.contains("total"));
}

TEST(HfImport, HugeLayerCountIsRefusedNotLooped) {
  EXPECT_EQ(error_with("num_hidden_layers", 1000000000000000LL),
            "num_hidden_layers (1000000000000000) is more than 100000 layers");
}

// An unknown model_type with Llama fields is counted as Llama, labelled, with its assumptions.
TEST(HfImport, UnknownLlamaLikeTypeIsBestEffort) {
  json c = json::parse(kLlama2);
  c["model_type"] = "my_new_llama";
  const ImportResult r = import_hf_config(c);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.best_effort);
  EXPECT_GE(r.assumptions.size(), 3u);
  EXPECT_EQ(count_parameters(r.arch).total, 6738415616);
  c.erase("hidden_size");
  const ImportResult bad = import_hf_config(c);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors.front(),
            "model_type \"my_new_llama\" is not supported and the config lacks hidden_size for a best-effort "
            "Llama-like count");
}

// Multimodal wrappers: the language model in text_config is counted, with a note.
TEST(HfImport, TextConfigIsCounted) {
  const json c = {{"model_type", "llava"}, {"text_config", json::parse(kLlama2)}, {"vision_config", json::object()}};
  const ImportResult r = import_hf_config(c);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(count_parameters(r.arch).total, 6738415616);
}

// Fields a family does not read must not change the count.
TEST(HfImport, UnusedFieldsAreNotCounted) {
  json c = json::parse(kLlama2);
  c["model_type"] = "mistral";
  c["attention_bias"] = true;  // MistralAttention has no biases whatever the config says
  EXPECT_EQ(count_parameters(import_hf_config(c).arch).total, 6738415616);
  c["model_type"] = "llama";   // LlamaAttention honours it: 4 bias vectors of 4096 per layer
  EXPECT_EQ(count_parameters(import_hf_config(c).arch).total, 6738415616 + 32LL * 4 * 4096);
}

TEST(HfImport, BadMoeLayerListIsNamed) {
  const json c = json::parse(R"({"model_type":"qwen2_moe","hidden_size":64,"intermediate_size":128,
    "moe_intermediate_size":32,"num_experts":4,"num_experts_per_tok":2,"num_attention_heads":4,
    "num_hidden_layers":2,"vocab_size":100,"mlp_only_layers":[5]})");
  const ImportResult r = import_hf_config(c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors.front(), "dense layer index 5 is not a layer (num_hidden_layers is 2)");
  json k = c;
  k["num_experts_per_tok"] = 9;
  k["mlp_only_layers"] = json::array();
  EXPECT_EQ(import_hf_config(k).errors.front(), "num_experts_per_tok (9) must be between 1 and num_experts (4)");
}

// Qwen-MoE layer pattern: decoder_sparse_step 2 makes layers 1, 3, ... sparse and 0, 2, ... dense.
TEST(HfImport, QwenSparseStepAlternatesLayers) {
  const json c = json::parse(R"({"model_type":"qwen2_moe","hidden_size":64,"intermediate_size":128,
    "moe_intermediate_size":32,"num_experts":4,"num_experts_per_tok":2,"num_attention_heads":4,
    "num_hidden_layers":4,"vocab_size":100,"decoder_sparse_step":2,"shared_expert_intermediate_size":0})");
  const ImportResult r = import_hf_config(c);
  ASSERT_TRUE(r.ok());
  const ParamCount pc = count_parameters(r.arch);
  bool saw_dense = false, saw_moe = false;
  for (const TensorGroup& t : pc.tensors) {
    if (t.name == "model.layers.{i}.mlp.up_proj.weight") { saw_dense = true; EXPECT_EQ(t.layers, "0,2"); }
    if (t.name == "model.layers.{i}.mlp.experts.{e}.up_proj.weight") { saw_moe = true; EXPECT_EQ(t.layers, "1,3"); }
  }
  EXPECT_TRUE(saw_dense && saw_moe);
  // dense MLP 2 layers x 3·64·128, experts 2 layers x 4·3·64·32, routers 2 x 4·64
  EXPECT_EQ(pc.components[static_cast<int>(Component::kMlp)], 2 * 3 * 64 * 128);
  EXPECT_EQ(pc.components[static_cast<int>(Component::kExperts)], 2 * 4 * 3 * 64 * 32);
  EXPECT_EQ(pc.components[static_cast<int>(Component::kRouter)], 2 * 4 * 64);
}

TEST(HfImport, DbrxNestedConfigErrorsAreNamed) {
  const json c = json::parse(R"({"model_type":"dbrx","d_model":64,"n_heads":4,"n_layers":2,"vocab_size":100,
    "attn_config":{"kv_n_heads":"eight"},"ffn_config":7})");
  const ImportResult r = import_hf_config(c);
  ASSERT_GE(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0], "ffn_config must be an object, got number 7");
  EXPECT_EQ(r.errors[1], "attn_config.kv_n_heads must be an integer, got string \"eight\"");
}

TEST(HfImport, ExplicitArchitectureRoundTrips) {
  const ImportResult r = import_hf_config(json::parse(kLlama2));
  const json wrapped = {{"architecture", architecture_to_json(r.arch)}};
  const ImportResult back = import_model_json(wrapped);
  ASSERT_TRUE(back.ok()) << back.errors.front();
  EXPECT_EQ(count_parameters(back.arch).total, 6738415616);
  const ImportResult bad = import_model_json({{"architecture", {{"hidden_sise", 4096}, {"mlp", "swiglu"}}}});
  ASSERT_EQ(bad.errors.size(), 2u);
  EXPECT_EQ(bad.errors[0], "unknown architecture field \"hidden_sise\"");
  EXPECT_EQ(bad.errors[1], "mlp must be one of plain, gated, got string \"swiglu\"");
}

// Every supported model_type survives a config of the wrong shape without throwing.
TEST(HfImport, EveryFamilyRejectsEmptyConfigWithMessages) {
  for (const std::string& t : supported_model_types()) {
    ImportResult r;
    EXPECT_NO_THROW(r = import_hf_config({{"model_type", t}, {"hidden_size", "x"}, {"n_embd", nullptr}})) << t;
    EXPECT_FALSE(r.ok()) << t;
  }
}

// Every numeric field of every preset config set to each hostile value: always one JSON object back, either an
// error or a count, never a throw, a crash or a hang.
TEST(HfImport, HostileValuesInEveryPresetFieldNeverCrash) {
  const json hostile[] = {0, -1, 1.5, 1000000000000000LL, 4611686018427387904LL, "7", nullptr, json::array(),
                          json::object(), true, 1e300};
  int errors = 0, counts = 0;
  for (const PresetInfo& p : list_presets()) {
    const json preset = json::parse(preset_text(p.id));
    const bool hf = preset.contains("config");
    const json& fields = hf ? preset["config"] : preset["architecture"];
    for (const auto& [key, value] : fields.items()) {
      if (!value.is_number() && !value.is_boolean()) continue;
      for (const json& h : hostile) {
        json mutated = preset;
        (hf ? mutated["config"] : mutated["architecture"])[key] = h;
        std::string out;
        ASSERT_NO_THROW(out = count_json(mutated.dump(), {})) << p.id << " " << key;
        const json j = json::parse(out, nullptr, false);
        ASSERT_TRUE(j.is_object()) << p.id << " " << key << " = " << h.dump();
        ASSERT_TRUE(j.contains("error") != j.contains("total")) << p.id << " " << key << " = " << h.dump();
        if (j.contains("error")) {
          ++errors;
          EXPECT_FALSE(j["error"].get<std::string>().empty());
        } else {
          ++counts;
          EXPECT_GT(j["total"].get<std::int64_t>(), 0) << p.id << " " << key << " = " << h.dump();
        }
      }
    }
  }
  EXPECT_GT(errors, 500);  // most hostile values must be refused
  EXPECT_GT(counts, 100);  // and fields the family ignores must not be
}

}  // namespace
}  // namespace lpp::llm
