// The LLM lab: real architectures counted exactly. This file keeps the runtime in step with LlmState (the models,
// compare set and analysis through core, whenever the spec changes), draws the header (model picker, headline figures, export) and the
// sub-view tabs; each sub-view has its own file. It computes no count itself.
// [SECTION] sync  [SECTION] import and export  [SECTION] header  [SECTION] draw_llm
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "llm/lab_export.hpp"
#include "llm/presets.hpp"
#include "layout.hpp"
#include "llm_views.hpp"
#include "nn/mlp.hpp"

namespace lpp {

using nlohmann::json;

namespace {

// [SECTION] sync

void resolve_models(const LlmState& s, LlmRuntime& rt) {
  rt.model = llm::resolve_lab_model(s.preset, s.config_text, s.overrides);
  if (rt.model.ok()) rt.last_good = rt.model;
  if (!rt.last_good.ok() && !rt.model.ok()) {
    // Nothing valid shown yet (code set a spec that fails): the preset as it ships, else the default preset.
    rt.last_good = llm::resolve_lab_model(s.preset, "", json::object());
    if (!rt.last_good.ok()) rt.last_good = llm::resolve_lab_model(LlmState{}.preset, "", json::object());
  }
  rt.compare.clear();
  for (const std::string& id : s.compare)
    rt.compare.push_back(id == kLlmCurrentModel ? rt.last_good : llm::resolve_lab_model(id, "", json::object()));
}

void sync_ladder(const AppState& state, LlmRuntime& rt) {
  if (rt.preset_rungs.empty()) rt.preset_rungs = llm::preset_rungs();
  const llm::Rung dials = llm::dials_rung(dials_param_count(state.dials));
  const llm::Rung layers = llm::layers_rung(state.layers);
  if (!rt.ladder.empty() && dials == rt.dials_rung && layers == rt.layers_rung) return;
  rt.dials_rung = dials;
  rt.layers_rung = layers;
  rt.ladder = llm::ladder_rungs(dials, layers, rt.preset_rungs);
}

// [SECTION] import and export

llm::JsonOptions json_options(const LlmState& s) {
  llm::JsonOptions o;
  o.dtype = llm::dtype_name(s.dtype);
  o.context = s.context;
  o.batch = s.batch;
  o.training_tokens = s.training_tokens;
  o.accelerator = s.accelerator;
  o.utilisation = s.utilisation;
  o.devices = s.devices;
  o.indent = 2;
  return o;
}

enum class ExportKind { Markdown, Csv, Json };

void export_text(llm_lab::LlmFrame& f, ExportKind kind) {
  const bool compare = f.s.tab == LlmTab::Compare;
  const std::vector<llm::LabModel> models = compare ? f.rt.compare : std::vector<llm::LabModel>{f.m};
  std::string text;
  if (kind == ExportKind::Markdown) text = llm::breakdown_markdown(models);
  if (kind == ExportKind::Csv) text = llm::breakdown_csv(models);
  if (kind == ExportKind::Json) {
    std::vector<std::string> texts;
    const std::string current = llm::lab_model_text(f.s.preset, f.s.config_text, f.s.overrides, f.m);
    if (!compare) texts.push_back(current);
    else
      for (const std::string& id : f.s.compare) texts.push_back(id == kLlmCurrentModel ? current : id);
    text = llm::reports_json(texts, json_options(f.s));
  }
  ImGui::SetClipboardText(text.c_str());
  const char* what = kind == ExportKind::Markdown ? "a Markdown table" : kind == ExportKind::Csv ? "CSV" : "JSON";
  f.rt.status = std::string("Copied ") + what + (compare ? " of the comparison" : " of " + llm::lab_model_name(f.m)) +
                " to the clipboard";
}

// [SECTION] header

void draw_model_picker(llm_lab::LlmFrame& f) {
  const std::string current = f.s.config_text.empty()
                                  ? llm::lab_model_name(f.rt.last_good)
                                  : llm::lab_model_name(f.rt.last_good) + " (" + f.s.config_name + ")";
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Model");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 17);
  if (ImGui::BeginCombo("##preset", current.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const llm::PresetInfo& p : llm::list_presets()) {
      const bool selected = f.s.config_text.empty() && p.id == f.s.preset;
      const std::string label = p.name + (p.unverified ? "  (unverified rumour)" : "");
      if (ImGui::Selectable(label.c_str(), selected)) {
        f.s.preset = p.id;
        f.s.config_text.clear();
        f.s.config_name.clear();
        f.s.overrides = json::object();
      }
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  note_item(f.app.ui, "llm.preset");
}

void draw_export_menu(llm_lab::LlmFrame& f) {
  if (ImGui::Button("Export…")) ImGui::OpenPopup("llm_export");
  note_item(f.app.ui, "llm.export");
  if (ImGui::BeginPopup("llm_export")) {
    ImGui::TextDisabled(f.s.tab == LlmTab::Compare ? "the comparison" : "this model's breakdown");
    if (ImGui::MenuItem("Copy as Markdown table")) export_text(f, ExportKind::Markdown);
    if (ImGui::MenuItem("Copy as CSV")) export_text(f, ExportKind::Csv);
    if (ImGui::MenuItem("Copy as JSON (full report)")) export_text(f, ExportKind::Json);
    ImGui::Separator();
    if (ImGui::MenuItem("Save view as PNG")) {
      f.rt.want_png = true;
      f.rt.status = "Saving the view as PNG";
    }
    ImGui::EndPopup();
  }
}

// The four headline figures in columns of 12.5 em, as many to a row as fit.
void draw_headline(llm_lab::LlmFrame& f) {
  const llm::LlmAnalysis& a = f.a;
  const float col = ImGui::GetFontSize() * (layout::stacked() ? 10.0f : 12.5f);
  const float x0 = ImGui::GetCursorPosX();
  const int per_row = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().x + ImGui::GetStyle().ItemSpacing.x) / col));
  int placed = 0;
  auto next = [&] {
    if (++placed % per_row) ImGui::SameLine(x0 + (placed % per_row) * col);
  };
  ImGui::BeginGroup();
  llm_lab::count_figure(f, "llm.total", "Parameters (total)", a.total.value, a.total.formula, palette::kBlue);
  ImGui::EndGroup();
  next();
  ImGui::BeginGroup();
  llm_lab::count_figure(f, "llm.active", "Active per token", a.active.value, a.active.formula, palette::kOrange);
  ImGui::EndGroup();
  next();
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", a.weights_label.c_str());
  llm_lab::estimate_text(f, llm::format_bytes(a.weights.value).c_str(), a.weights.formula, true);
  ImGui::EndGroup();
  next();
  ImGui::BeginGroup();
  ImGui::TextDisabled("KV cache at %s tokens", llm::format_count(f.s.context).c_str());
  llm_lab::estimate_text(f, llm::format_bytes(a.kv.total.value).c_str(), a.kv.total.formula, true);
  ImGui::EndGroup();
}

}  // namespace

// [SECTION] import and export (public)

bool llm_import_text(App& app, std::string_view text, std::string_view source_name) {
  LlmRuntime& rt = app.llm;
  // Counted as the lab would show it, so a config that parses but cannot be counted (a size whose product
  // overflows) is refused here instead of replacing the model the reader had.
  const llm::LabModel m = llm::resolve_lab_model("", text, json::object());
  if (!m.ok()) {
    rt.import_errors = m.errors;
    rt.import_message = "Could not import " + std::string(source_name) + "; the previous model stays.";
    return false;
  }
  const llm::ImportResult& r = m.base;
  LlmState& s = app.state.llm;
  s.config_text = std::string(text);
  s.config_name = std::string(source_name);
  s.overrides = json::object();
  s.tab = LlmTab::Model;
  rt.import_errors.clear();
  rt.import_message = "Imported " + (r.name.empty() ? r.arch.model_type : r.name) + " from " + std::string(source_name) +
                      (r.best_effort ? " (best-effort count: unsupported model_type)" : "");
  return true;
}

void llm_sync(App& app) {
  const LlmState& s = app.state.llm;
  LlmRuntime& rt = app.llm;
  if (!rt.synced || s != rt.spec) {
    resolve_models(s, rt);
    rt.analysis = llm::analyse_llm(s, rt.last_good, rt.model, rt.compare);
    rt.spec = s;
    rt.synced = true;
  }
  sync_ladder(app.state, rt);
}

std::int64_t llm_shown_total(const App& app) {
  return app.llm.last_good.ok() ? app.llm.last_good.count.total : -1;
}

namespace llm_lab {

void set_seed_comparison(LlmState& s) {
  s.compare = llm::compare_sets().front().ids;
  s.tab = LlmTab::Compare;
}

}  // namespace llm_lab

// [SECTION] draw_llm

void draw_llm(App& app) {
  LlmState& s = app.state.llm;
  LlmRuntime& rt = app.llm;
  llm_sync(app);
  llm_lab::LlmFrame f{app, s, rt, rt.last_good, rt.analysis};

  // In one column the headline figures and the breakdown bar come first; the controls follow.
  const bool column = layout::stacked();
  if (column) {
    draw_headline(f);
    llm_lab::component_bar(f, "llm.bar", f.m.count, ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 1.6f);
    ImGui::Spacing();
  }
  layout::Row row;
  row.next(0);
  if (!is_hidden(app, "m.picker")) {
    draw_model_picker(f);
    const char* kSeed = "Grok-1 vs DeepSeek-V3 vs GPT-4 rumour";
    row.next(layout::Row::button_width(kSeed));
    if (ImGui::Button(kSeed)) llm_lab::set_seed_comparison(s);
    note_item(app.ui, "llm.seed_compare");
  }
  if (!is_hidden(app, "m.export")) {
    row.next(layout::Row::button_width("Export…"));
    draw_export_menu(f);
  }
  row.next(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("Show formulas").x);
  ImGui::Checkbox("Show formulas", &app.ui.show_formulas);
  note_item(app.ui, "llm.formulas");
  if (!rt.status.empty()) {
    row.next(ImGui::CalcTextSize(rt.status.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", rt.status.c_str());
  }
  if (!rt.model.ok() && !s.overrides.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
    ImGui::TextWrapped("What-if change rejected: %s. Showing the last valid model.", rt.model.errors[0].c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  if (!column) {
    draw_headline(f);
    ImGui::Spacing();
  }

  struct Tab {
    LlmTab tab;
    const char* label;
    const char* item;
    const char* lesson_key;  // hides the tab; the Model tab always stays
    void (*draw)(llm_lab::LlmFrame&);
  };
  static constexpr Tab kTabs[] = {
      {LlmTab::Model, "Model", "llm.tab.model", nullptr, llm_lab::draw_model_tab},
      {LlmTab::WhatIf, "What-if", "llm.tab.whatif", "m.whatif", llm_lab::draw_whatif_tab},
      {LlmTab::Tensors, "Tensors", "llm.tab.tensors", "m.tensors", llm_lab::draw_tensors_tab},
      {LlmTab::Memory, "Memory & compute", "llm.tab.memory", "m.memory", llm_lab::draw_memory_tab},
      {LlmTab::Compare, "Compare", "llm.tab.compare", "m.compare", llm_lab::draw_compare_tab},
      {LlmTab::Ladder, "Ladder", "llm.tab.ladder", "m.ladder", llm_lab::draw_ladder_tab},
  };
  // A tab chosen by code (a link, a button, the ladder) is selected once; after that the user's clicks rule.
  // Where the tabs' labels do not fit side by side (a phone), a picker replaces them.
  const char* labels[std::size(kTabs)];
  int shown = 0;
  for (const Tab& t : kTabs)
    if (!t.lesson_key || !is_hidden(app, t.lesson_key)) labels[shown++] = t.label;
  const bool forced = static_cast<int>(s.tab) != rt.drawn_tab;
  if (!layout::labels_fit(labels, shown)) {
    const Tab* current = &kTabs[0];
    for (const Tab& t : kTabs)
      if (t.tab == s.tab && (!t.lesson_key || !is_hidden(app, t.lesson_key))) current = &t;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Show");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##llm_view", current->label)) {
      for (const Tab& t : kTabs) {
        if (t.lesson_key && is_hidden(app, t.lesson_key)) continue;
        if (ImGui::Selectable(t.label, &t == current)) current = &t;
      }
      ImGui::EndCombo();
    }
    note_item(app.ui, "llm.view_picker");
    s.tab = current->tab;
    rt.drawn_tab = static_cast<int>(current->tab);
    ImGui::Spacing();
    current->draw(f);   // in the window itself: one column scrolls as one
    return;
  }
  if (ImGui::BeginTabBar("llm_tabs")) {
    for (const Tab& t : kTabs) {
      if (t.lesson_key && is_hidden(app, t.lesson_key)) continue;
      const ImGuiTabItemFlags flags = forced && s.tab == t.tab ? ImGuiTabItemFlags_SetSelected : 0;
      const bool open = ImGui::BeginTabItem(t.label, nullptr, flags);
      note_item(app.ui, t.item);
      if (!open) continue;
      if (!forced) s.tab = t.tab;
      rt.drawn_tab = static_cast<int>(t.tab);
      if (column) {
        t.draw(f);
      } else {
        ImGui::BeginChild(t.item, ImVec2(0, 0), false);
        t.draw(f);
        ImGui::EndChild();
      }
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace lpp
