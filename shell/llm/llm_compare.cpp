// The LLM lab's Compare view: 2-4 models side by side (one-click sets, including the seed's Grok-1 vs DeepSeek-V3
// vs GPT-4 rumour), a stacked bar per model on one scale, a per-component table with each model's difference from
// the first, and the architecture fields that differ.
#include <imgui.h>

#include <algorithm>

#include "layout.hpp"
#include "llm/presets.hpp"
#include "llm_views.hpp"

namespace lpp::llm_lab {
namespace {

using I64 = std::int64_t;

const char* slot_label(const std::string& id, const LlmFrame& f, std::string* storage) {
  if (id == kLlmCurrentModel) {
    *storage = "This model: " + llm::lab_model_name(f.m);
    return storage->c_str();
  }
  for (const llm::PresetInfo& p : llm::list_presets())
    if (p.id == id) return p.name.c_str();
  return id.c_str();
}

void draw_slots(LlmFrame& f) {
  std::vector<std::string>& ids = f.s.compare;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Sets:");
  layout::Row sets_row;
  sets_row.next(0);
  const char* kSeed = "Grok-1 vs DeepSeek-V3 vs GPT-4 rumour";
  sets_row.next(layout::Row::button_width(kSeed));
  if (ImGui::Button(kSeed)) set_seed_comparison(f.s);
  note_item(f.app.ui, "llm.compare.seed");
  for (std::size_t k = 1; k < llm::compare_sets().size(); ++k) {  // [0] is the seed set, the button above
    ImGui::PushID(static_cast<int>(k));
    const std::string label = layout::button_label(llm::compare_sets()[k].label.c_str(), ImGui::GetContentRegionAvail().x);
    sets_row.next(layout::Row::button_width(label.c_str()));
    if (ImGui::Button(label.c_str())) ids = llm::compare_sets()[k].ids;
    ImGui::PopID();
  }
  int remove = -1;
  std::string storage;
  const float slot_w = std::min(ImGui::GetFontSize() * 13, ImGui::GetContentRegionAvail().x -
                                (ids.size() > 2 ? ImGui::GetFrameHeight() + 2 : 0.0f));
  layout::Row slots_row;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    slots_row.next(slot_w + (ids.size() > 2 ? ImGui::GetFrameHeight() + 2 : 0.0f));
    ImGui::SetNextItemWidth(slot_w);
    if (ImGui::BeginCombo("##slot", slot_label(ids[i], f, &storage))) {
      std::string current_label;
      if (ImGui::Selectable(slot_label(kLlmCurrentModel, f, &current_label), ids[i] == kLlmCurrentModel))
        ids[i] = kLlmCurrentModel;
      for (const llm::PresetInfo& p : llm::list_presets())
        if (ImGui::Selectable(p.name.c_str(), ids[i] == p.id)) ids[i] = p.id;
      ImGui::EndCombo();
    }
    if (ids.size() > 2) {
      ImGui::SameLine(0, 2);
      if (ImGui::SmallButton("×")) remove = static_cast<int>(i);
    }
    ImGui::PopID();
  }
  if (remove >= 0) ids.erase(ids.begin() + remove);
  if (ids.size() < 4) {
    slots_row.next(layout::Row::button_width("+ model"));
    if (ImGui::Button("+ model")) ids.push_back("llama-3.1-70b");
    note_item(f.app.ui, "llm.compare.add");
  }
}

void draw_bars(LlmFrame& f) {
  I64 largest = 1;
  for (const llm::LabModel& m : f.rt.compare)
    if (m.ok()) largest = std::max(largest, m.count.total);
  // Name, total and bar on one line; in one column the bar goes under its name and total.
  const bool column = layout::stacked();
  const float name_w = ImGui::GetFontSize() * 13;
  for (std::size_t i = 0; i < f.rt.compare.size(); ++i) {
    const llm::LabModel& m = f.rt.compare[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(m.ok() ? llm::lab_model_name(m).c_str() : "(failed to load)");
    if (m.ok()) {
      ImGui::SameLine(column ? 0.0f : name_w, column ? ImGui::GetFontSize() : -1.0f);
      count_text(f, "total", m.count.total, llm::total_formula(m.count));
      if (!column) ImGui::SameLine(name_w + ImGui::GetFontSize() * 5);
      component_bar(f, "bar", m.count, std::max(10.0f, ImGui::GetContentRegionAvail().x), ImGui::GetFrameHeight() * 0.8f,
                    static_cast<double>(largest));
    }
    ImGui::PopID();
  }
  // The legend: colour and name of each component any model has, in a row that wraps.
  layout::Row legend;
  for (int c = 0; c < llm::kComponentCount; ++c) {
    bool any = false;
    for (const llm::LabModel& m : f.rt.compare) any = any || (m.ok() && m.count.components[c] > 0);
    if (!any) continue;
    const char* name = llm::component_name(static_cast<llm::Component>(c));
    legend.next(ImGui::CalcTextSize("■").x + 4 + ImGui::CalcTextSize(name).x);
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, component_colour(c));
    ImGui::TextUnformatted("■");
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 4);
    ImGui::TextDisabled("%s", name);
    ImGui::EndGroup();
  }
}

// One table cell: the value, then (columns after the first) its difference from the first model.
void diff_cell(LlmFrame& f, const char* id, I64 value, I64 first, bool is_first, const std::string& formula) {
  count_text(f, id, value, formula);
  if (is_first) return;
  ImGui::SameLine();
  const I64 d = value - first;
  ImGui::PushStyleColor(ImGuiCol_Text, d > 0 ? palette::kBlue : d < 0 ? palette::kVermillion : palette::kMuted);
  ImGui::TextUnformatted(signed_short_count(d).c_str());
  ImGui::PopStyleColor();
}

void bytes_cell(LlmFrame& f, const llm::Estimate& e, double first, bool is_first) {
  ImGui::TextUnformatted(llm::format_bytes(e.value).c_str());
  formula_hint(f, e.formula);
  if (is_first || f.app.ui.show_formulas) return;
  ImGui::SameLine();
  const double d = e.value - first;
  ImGui::PushStyleColor(ImGuiCol_Text, d > 0 ? palette::kBlue : d < 0 ? palette::kVermillion : palette::kMuted);
  ImGui::Text("%s%s", d > 0 ? "+" : d < 0 ? "−" : "±", llm::format_bytes(std::abs(d)).c_str());
  ImGui::PopStyleColor();
}

void draw_table(LlmFrame& f) {
  std::vector<const llm::LabModel*> ms;
  for (const llm::LabModel& m : f.rt.compare)
    if (m.ok()) ms.push_back(&m);
  if (ms.empty()) return;
  const int cols = static_cast<int>(ms.size()) + 1;
  int rows = 6;  // header, total, active, three byte rows
  for (int c = 0; c < llm::kComponentCount; ++c)
    for (const llm::LabModel* m : ms)
      if (m->count.components[c] > 0) {
        ++rows;
        break;
      }
  const layout::WideTable wide = layout::wide_table(10.0f + 12.0f * static_cast<float>(ms.size()), rows);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("compare", cols, flags | wide.flags, wide.outer_size, wide.inner_width)) return;
  if (wide.scrolls) ImGui::TableSetupScrollFreeze(1, 0);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  for (const llm::LabModel* m : ms) ImGui::TableSetupColumn(llm::lab_model_name(*m).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableHeadersRow();
  auto count_row = [&](const char* label, auto value_of, auto formula_of) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label);
    for (std::size_t i = 0; i < ms.size(); ++i) {
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(i));
      ImGui::PushID(label);
      diff_cell(f, "v", value_of(*ms[i]), value_of(*ms[0]), i == 0, formula_of(*ms[i]));
      ImGui::PopID();
      ImGui::PopID();
    }
  };
  for (int c = 0; c < llm::kComponentCount; ++c) {
    bool any = false;
    for (const llm::LabModel* m : ms) any = any || m->count.components[c] > 0;
    if (!any) continue;
    const auto comp = static_cast<llm::Component>(c);
    count_row(llm::component_name(comp), [c](const llm::LabModel& m) { return m.count.components[c]; },
              [comp](const llm::LabModel& m) { return llm::component_formula(m.count, comp); });
  }
  count_row("total", [](const llm::LabModel& m) { return m.count.total; },
            [](const llm::LabModel& m) { return llm::total_formula(m.count); });
  count_row("active per token", [](const llm::LabModel& m) { return m.count.active; },
            [](const llm::LabModel& m) { return llm::active_formula(m.count); });
  // The figures of the models shown, from the analysis (one entry per compare slot, in slot order).
  std::vector<const llm::CompareFigures*> figures;
  for (std::size_t i = 0; i < f.rt.compare.size() && i < f.a.compare.size(); ++i)
    if (f.rt.compare[i].ok()) figures.push_back(&f.a.compare[i]);
  auto bytes_row = [&](const char* label, llm::Estimate llm::CompareFigures::*estimate) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label);
    if (figures.size() != ms.size()) return;
    const double first = (figures[0]->*estimate).value;
    for (std::size_t i = 0; i < figures.size(); ++i) {
      ImGui::TableNextColumn();
      bytes_cell(f, figures[i]->*estimate, first, i == 0);
    }
  };
  bytes_row(f.a.weights_label.c_str(), &llm::CompareFigures::weights);
  bytes_row("KV cache per token", &llm::CompareFigures::kv_per_token);
  const std::string kv_label = "KV cache at " + llm::format_count(f.s.context) + " tokens";
  bytes_row(kv_label.c_str(), &llm::CompareFigures::kv_total);
  ImGui::EndTable();
  note_item(f.app.ui, "llm.compare.table");
}

void draw_field_diffs(LlmFrame& f) {
  std::vector<std::size_t> shown;   // slots whose model resolved
  for (std::size_t i = 0; i < f.rt.compare.size() && i < f.a.compare.size(); ++i)
    if (f.rt.compare[i].ok()) shown.push_back(i);
  if (shown.size() < 2) return;
  section(f, ("Architecture against " + llm::lab_model_name(f.rt.compare[shown[0]])).c_str());
  for (std::size_t k = 1; k < shown.size(); ++k) {
    std::string line;
    for (const llm::FieldChange& c : f.a.compare[shown[k]].against_first) {
      if (c.field == "names") continue;  // tensor naming, never a count
      line += (line.empty() ? "" : ",  ") + c.field + " " + c.from + " → " + c.to;
    }
    ImGui::TextWrapped("%s: %s", llm::lab_model_name(f.rt.compare[shown[k]]).c_str(),
                       line.empty() ? "same architecture" : line.c_str());
  }
}

}  // namespace

void draw_compare_tab(LlmFrame& f) {
  draw_slots(f);
  ImGui::Spacing();
  for (std::size_t i = 0; i < f.rt.compare.size(); ++i)
    if (!f.rt.compare[i].ok()) {
      ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
      ImGui::TextWrapped("%s: %s", f.s.compare[i].c_str(), f.rt.compare[i].errors[0].c_str());
      ImGui::PopStyleColor();
    }
  draw_bars(f);
  ImGui::Spacing();
  draw_table(f);
  draw_field_diffs(f);
  for (const std::string& id : f.s.compare)
    for (const llm::PresetInfo& p : llm::list_presets())
      if (p.id == id && p.unverified) explain(("Unverified: " + p.name + ". " + p.caveats).c_str());
}

}  // namespace lpp::llm_lab
