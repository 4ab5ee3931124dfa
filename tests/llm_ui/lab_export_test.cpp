// The LLM lab's text exports: exact integers from published counts in Markdown and CSV, and JSON identical to
// the engine's report.
#include <gtest/gtest.h>

#include "llm/lab_export.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;

TEST(LabExport, MarkdownAndCsvCarryTheExactCounts) {
  const std::vector<LabModel> one = {resolve_lab_model("gpt2", "", json::object())};
  const std::string md = breakdown_markdown(one);
  EXPECT_NE(md.find("| total | 124,439,808 | 100.00 % |"), std::string::npos) << md;  // GPT-2 small, published
  const std::string csv = breakdown_csv(one);
  EXPECT_NE(csv.find("\ntotal,124439808\n"), std::string::npos) << csv;
}

TEST(LabExport, CompareHasOneColumnPerModel) {
  const std::vector<LabModel> two = {resolve_lab_model("gpt2", "", json::object()),
                                     resolve_lab_model("llama-2-7b", "", json::object())};
  const std::string csv = breakdown_csv(two);
  EXPECT_NE(csv.find("total,124439808,6738415616"), std::string::npos) << csv;
  EXPECT_NE(breakdown_markdown(two).find("| total | 124,439,808 | 6,738,415,616 |"), std::string::npos);
}

TEST(LabExport, JsonOfAnEditedModelCountsTheEdit) {
  const json overrides = {{"num_kv_heads", 8}};
  const LabModel m = resolve_lab_model("llama-2-7b", "", overrides);
  const json r = json::parse(reports_json({lab_model_text("llama-2-7b", "", overrides, m)}, {}));
  EXPECT_EQ(r["total"], 5933109248);  // see LabModel.GqaOverrideRemovesTheKeyValueProjections
  const json plain = json::parse(reports_json({lab_model_text("llama-2-7b", "", json::object(), m)}, {}));
  EXPECT_EQ(plain["total"], 6738415616);
  EXPECT_EQ(plain["preset"], "llama-2-7b");
  EXPECT_TRUE(json::parse(reports_json({"gpt2", "llama-2-7b"}, {})).is_array());
}

}  // namespace
}  // namespace lpp::llm
