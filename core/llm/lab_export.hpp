// The LLM lab's exports as text: a breakdown (one model, or 2-4 side by side) as a Markdown table or CSV with exact
// integers, and the engine's JSON report of the model the lab shows. Pure functions; the shell puts the text on
// the clipboard. Not here: PNG (the platform layer saves the framebuffer).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/count_json.hpp"
#include "llm/lab_model.hpp"

namespace lpp::llm {

// Rows: each component any model has, then total, active per token, weights, biases, and (when a model has extra
// modules) total with extra modules. One column per model, named by lab_model_name; a single model also gets its
// share of the total. Models that failed to import are left out.
std::string breakdown_markdown(const std::vector<LabModel>& models);
std::string breakdown_csv(const std::vector<LabModel>& models);

// What count_report reads to reproduce the lab's model: the preset id, the pasted config, or (with what-if
// overrides) {"name", "architecture"} with the edited architecture.
std::string lab_model_text(std::string_view preset_id, std::string_view config_text, const nlohmann::json& overrides,
                           const LabModel& model);

// count_json of each text; one object for one model, an array for several.
std::string reports_json(const std::vector<std::string>& texts, const JsonOptions& options);

}  // namespace lpp::llm
