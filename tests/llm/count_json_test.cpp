// count_json: the object the CLI and the JS API print. Keys, numbers equal to the counter's, errors as objects.
#include <gtest/gtest.h>

#include <algorithm>

#include "llm/count_json.hpp"
#include "llm/presets.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;

TEST(CountJson, HasTheDocumentedKeys) {
  const json j = json::parse(count_json(preset_text("mixtral-8x7b"), {}));
  EXPECT_EQ(j["model_type"], "mixtral");
  EXPECT_EQ(j["total"], 46702792704);
  EXPECT_EQ(j["active"], 12879925248);
  EXPECT_EQ(j["weights"].get<std::int64_t>() + j["biases"].get<std::int64_t>(), 46702792704);
  std::int64_t sum = 0;
  for (const auto& [k, v] : j["components"].items()) sum += v.get<std::int64_t>();
  EXPECT_EQ(sum, 46702792704);
  for (const char* k : {"embeddings", "attention", "mlp", "experts", "shared_experts", "router", "norms", "lm_head"})
    EXPECT_TRUE(j["components"].contains(k)) << k;
  EXPECT_FALSE(j.contains("tensors"));
  EXPECT_TRUE(j["estimates"]["kv_cache"]["formula"].is_string());
}

// Gemma 3 27B's config.json has no text_config.vocab_size: Gemma3TextConfig's default 262208 is taken and
// said so; keys the family does not read are listed, keys the checkpoint layout reads are not.
TEST(CountJson, ProvenanceAndIgnoredKeys) {
  const json j = json::parse(count_json("gemma-3-27b", {}));
  EXPECT_EQ(j["best_effort"], false);
  bool vocab = false, layers = false;
  for (const json& p : j["provenance"]) {
    if (p["key"] == "text_config.vocab_size") {
      vocab = true;
      EXPECT_EQ(p["value"], "262208");
      EXPECT_EQ(p["defaulted"], true);
      EXPECT_EQ(p["rule"], "absent, default 262208 for gemma3_text");
    }
    if (p["key"] == "text_config.num_hidden_layers") {
      layers = true;
      EXPECT_EQ(p["value"], "62");
      EXPECT_EQ(p["defaulted"], false);
      EXPECT_FALSE(p.contains("rule"));
    }
  }
  EXPECT_TRUE(vocab);
  EXPECT_TRUE(layers);
  const std::vector<std::string> ignored = j["ignored_keys"];
  auto has = [&](const std::string& k) { return std::find(ignored.begin(), ignored.end(), k) != ignored.end(); };
  EXPECT_TRUE(has("vision_config.num_attention_heads"));  // attention heads add no parameters
  EXPECT_FALSE(has("vision_config.hidden_size"));
  EXPECT_TRUE(has("text_config.query_pre_attn_scalar"));
  EXPECT_FALSE(has("torch_dtype"));
  EXPECT_FALSE(has("text_config.hidden_size"));
}

TEST(CountJson, UnsupportedTypeIsMarkedBestEffort) {
  const json j = json::parse(count_json(R"({"model_type":"brand_new","hidden_size":64,"num_hidden_layers":2,
    "num_attention_heads":4,"vocab_size":100,"intermediate_size":128})", {}));
  EXPECT_EQ(j["best_effort"], true);
  EXPECT_FALSE(j["assumptions"].empty());
}

TEST(CountJson, TensorsSumToTotal) {
  JsonOptions o;
  o.tensors = true;
  const json j = json::parse(count_json("deepseek-v3", o));
  std::int64_t sum = 0;
  for (const json& t : j["tensors"]) {
    ASSERT_TRUE(t.contains("name") && t.contains("shape") && t.contains("count"));
    sum += t["count"].get<std::int64_t>();
  }
  EXPECT_EQ(sum, 671026419200);
  EXPECT_EQ(j["extra_modules"][0]["count"], 13463426304);
  EXPECT_EQ(j["total_with_extra"], 684489845504);
}

TEST(CountJson, ErrorsAreObjects) {
  json j = json::parse(count_json("{\"model_type\": \"llama\"}", {}));
  ASSERT_TRUE(j.contains("error"));
  EXPECT_NE(j["error"].get<std::string>().find("missing hidden_size"), std::string::npos);
  JsonOptions o;
  o.dtype = "fp4";
  j = json::parse(count_json("gpt2", o));
  EXPECT_EQ(j["error"], "dtype \"fp4\" is not one of fp32, bf16, fp16, fp8, int8, int4");
  j = json::parse(count_json("\xff\xfe garbage", {}));
  EXPECT_TRUE(j.contains("error"));
}

TEST(CountJson, ReferenceFileWrapperIsAccepted) {
  const json j = json::parse(count_json(R"({"id":"x","name":"GPT-2","config":{"model_type":"gpt2","n_embd":768,
    "n_layer":12,"n_head":12,"vocab_size":50257}})", {}));
  EXPECT_EQ(j["total"], 124439808);
  EXPECT_EQ(j["name"], "GPT-2");
}

}  // namespace
}  // namespace lpp::llm
