// Number widgets and colours the LLM lab's views share (see llm_views.hpp).
#include <cmath>
#include <cstdio>

#include "layout.hpp"
#include "llm_views.hpp"

namespace lpp::llm_lab {

std::string short_count(std::int64_t n) {
  const double v = std::fabs(static_cast<double>(n));
  const char* sign = n < 0 ? "−" : "";
  char buf[48];
  if (v >= 1e12) std::snprintf(buf, sizeof buf, "%s%.2f T", sign, v / 1e12);
  else if (v >= 1e9) std::snprintf(buf, sizeof buf, "%s%.2f B", sign, v / 1e9);
  else if (v >= 1e6) std::snprintf(buf, sizeof buf, "%s%.2f M", sign, v / 1e6);
  else if (v >= 1e4) std::snprintf(buf, sizeof buf, "%s%.1f K", sign, v / 1e3);
  else std::snprintf(buf, sizeof buf, "%s%.0f", sign, v);
  return buf;
}

std::string signed_short_count(std::int64_t n) {
  if (n == 0) return "±0";
  return n > 0 ? "+" + short_count(n) : short_count(n);
}

void formula_hint(LlmFrame& f, const std::string& formula) {
  if (formula.empty()) return;
  if (f.app.ui.show_formulas) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", formula.c_str());
    ImGui::PopStyleColor();
  } else if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(layout::tooltip_wrap());
    ImGui::TextUnformatted(formula.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

namespace {

// Hover: the exact integer and the formula; click: the exact integer on the clipboard.
void count_hover(LlmFrame& f, std::int64_t n, const std::string& formula) {
  if (ImGui::IsItemClicked()) {
    ImGui::SetClipboardText(std::to_string(n).c_str());
    f.rt.status = "Copied " + llm::format_count(n) + " to the clipboard";
  }
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(layout::tooltip_wrap());
  ImGui::PushFont(f.app.fonts.strong);
  ImGui::TextUnformatted(llm::format_count(n).c_str());
  ImGui::PopFont();
  if (!formula.empty()) ImGui::TextUnformatted(formula.c_str());
  ImGui::TextDisabled("click to copy the exact number");
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace

void count_text(LlmFrame& f, const char* id, std::int64_t n, const std::string& formula) {
  ImGui::PushID(id);
  const std::string text = short_count(n);
  ImGui::TextUnformatted(text.c_str());
  count_hover(f, n, formula);
  ImGui::PopID();
}

void count_figure(LlmFrame& f, const char* id, const char* label, std::int64_t n, const std::string& formula,
                  ImU32 colour) {
  ImGui::PushID(id);
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", label);
  ImGui::PushFont(f.app.fonts.figure);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(short_count(n).c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::EndGroup();
  note_item(f.app.ui, id);
  count_hover(f, n, f.app.ui.show_formulas ? std::string() : formula);
  if (f.app.ui.show_formulas) formula_hint(f, formula);
  ImGui::PopID();
}

void estimate_text(LlmFrame& f, const char* text, const std::string& formula, bool figure) {
  if (figure) ImGui::PushFont(f.app.fonts.figure);
  ImGui::TextUnformatted(text);
  if (figure) ImGui::PopFont();
  formula_hint(f, formula);
}

void section(LlmFrame& f, const char* title) {
  ImGui::Spacing();
  ImGui::PushFont(f.app.fonts.strong);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
}

void explain(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

ImU32 component_colour(int component) {
  // Okabe-Ito, in Component order: embeddings, attention, mlp, experts, shared experts, router, norms, lm_head,
  // then the state-space / linear-attention mixers in a darker orange beside attention's, the vision tower pink.
  static constexpr ImU32 kColours[llm::kComponentCount] = {
      palette::kBlue, palette::kOrange, palette::kGreen, palette::kSky,
      palette::kPurple, palette::kVermillion, IM_COL32(240, 228, 66, 255), palette::kMuted,
      IM_COL32(170, 110, 0, 255), IM_COL32(204, 121, 167, 255)};
  return kColours[component % llm::kComponentCount];
}

void component_bar(LlmFrame& f, const char* id, const llm::ParamCount& pc, float width, float height,
                   double full_scale) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  const float mouse_x = ImGui::GetIO().MousePos.x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const double scale = full_scale > 0 ? full_scale : static_cast<double>(pc.total);
  float x = p.x;
  int hovered_component = -1;
  for (int c = 0; c < llm::kComponentCount; ++c) {
    if (pc.components[c] == 0 || scale <= 0) continue;
    const float w = static_cast<float>(static_cast<double>(pc.components[c]) / scale * width);
    dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + w, p.y + height), component_colour(c));
    if (w > 2) dl->AddLine(ImVec2(x + w, p.y), ImVec2(x + w, p.y + height), palette::kPlotBg);  // part boundary
    if (hovered && mouse_x >= x && mouse_x < x + w) hovered_component = c;
    x += w;
  }
  if (hovered_component >= 0) {
    const std::int64_t n = pc.components[hovered_component];
    layout::tooltip("%s: %s (%.1f %%)\n%s", llm::component_name(static_cast<llm::Component>(hovered_component)),
                      llm::format_count(n).c_str(), 100.0 * static_cast<double>(n) / static_cast<double>(pc.total),
                      llm::component_formula(pc, static_cast<llm::Component>(hovered_component)).c_str());
  }
  note_item(f.app.ui, id);
}

}  // namespace lpp::llm_lab
