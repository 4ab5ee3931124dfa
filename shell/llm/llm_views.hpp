// The LLM lab's sub-views share these: the per-frame context, number widgets (short figure, exact on hover and
// copy, formula on demand) and the component colours. Internal to shell/llm; the app sees only draw_llm.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <string>

#include "app.hpp"
#include "llm/lab_model.hpp"

namespace lpp::llm_lab {

struct LlmFrame {
  App& app;
  LlmState& s;
  LlmRuntime& rt;
  const llm::LabModel& m;   // the model the numbers show (the last valid one while an edit is rejected)
  const llm::LlmAnalysis& a;   // every figure of m under the spec's settings, with its formula
};

// "6.74 B", "124.44 M", "105": a count at a glance; the exact integer is one hover or click away.
std::string short_count(std::int64_t n);
// "+805.31 M" / "−805.31 M" / "±0".
std::string signed_short_count(std::int64_t n);

// A count as text: hover shows the exact integer and `formula`; a click copies the exact integer.
void count_text(LlmFrame& f, const char* id, std::int64_t n, const std::string& formula);
// A big figure under a small label, with the formula below it when formulas are shown.
void count_figure(LlmFrame& f, const char* id, const char* label, std::int64_t n, const std::string& formula,
                  ImU32 colour);
// An estimate (bytes, FLOPs, seconds) already formatted as `text`, with its formula on hover or always.
void estimate_text(LlmFrame& f, const char* text, const std::string& formula, bool figure = false);
// The formula under the last item when formulas are shown, else as its tooltip on hover.
void formula_hint(LlmFrame& f, const std::string& formula);
// A section title in the strong font, after a little space.
void section(LlmFrame& f, const char* title);
// A muted line of explanation, wrapped.
void explain(const char* text);

// Okabe-Ito colour of each component (llm::Component), shared by the bar, the table and the compare chart.
ImU32 component_colour(int component);
// A horizontal bar split by component share of `pc.total`; hovering a part names it.
void component_bar(LlmFrame& f, const char* id, const llm::ParamCount& pc, float width, float height,
                   double full_scale = 0);

// The sub-views (one file each).
void draw_model_tab(LlmFrame& f);
void draw_tensors_tab(LlmFrame& f);
void draw_whatif_tab(LlmFrame& f);
void draw_memory_tab(LlmFrame& f);
void draw_compare_tab(LlmFrame& f);
void draw_ladder_tab(LlmFrame& f);

// Loads the one-click comparison of the seed's models.
void set_seed_comparison(LlmState& s);

}  // namespace lpp::llm_lab
