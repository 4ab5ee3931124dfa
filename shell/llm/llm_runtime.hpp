// LlmRuntime: the LLM lab's transient data (the resolved models, the analysis the views read, the ladder, the
// paste buffer, sort order, export requests), never part of a link; and the functions the platform layer calls
// (drop, command line). What a link must reproduce lives in LlmState (core/llm/llm_state.hpp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "llm/lab_analysis.hpp"
#include "llm/lab_model.hpp"

namespace lpp {

struct App;

struct LlmRuntime {
  // Made from `spec` (a copy of LlmState) by llm_sync, again whenever the state differs from it (operator==).
  bool synced = false;
  LlmState spec;
  llm::LabModel model;          // what the spec resolves to; may carry errors (a what-if value the engine rejects)
  llm::LabModel last_good;      // the last model without errors: what the numbers show meanwhile
  std::vector<llm::LabModel> compare;   // the compare set, in LlmState::compare order
  llm::LlmAnalysis analysis;    // every figure the views show, for last_good under the spec's settings

  // The ladder: the preset rungs once, the Dials and Layers rungs as those labs change.
  std::vector<llm::Rung> preset_rungs;
  llm::Rung dials_rung, layers_rung;
  std::vector<llm::Rung> ladder;

  // Import: the paste box and the outcome of the last import.
  std::string paste;
  std::vector<std::string> import_errors;  // each names the field; the previous model stays
  std::string import_message;              // e.g. "Imported DeepSeek-V3 from config.json"

  int drawn_tab = -1;           // the sub-tab ImGui showed last frame (LlmTab), -1 before the first frame
  bool tensors_flat = false;    // the inventory as one sorted list instead of per-layer groups
  bool want_png = false;        // export: the platform layer saves the framebuffer as PNG and clears this
  std::string status;           // the last export's message, e.g. "Copied a Markdown table"
};

// Brings the runtime in step with app.state (the LLM spec, and the Dials and Layers models the ladder shows).
// Cheap when nothing changed; draw_llm calls it before drawing.
void llm_sync(App& app);

// Imports a config.json (or preset/reference file) dropped, pasted or named on the command line. On success the lab
// shows it (what-if changes cleared) and returns true; on failure the errors appear in the lab and the previous
// model stays.
bool llm_import_text(App& app, std::string_view text, std::string_view source_name);

// The LLM lab's numbers as the browser test reads them: the total of the model shown (-1 if none).
std::int64_t llm_shown_total(const App& app);

}  // namespace lpp
