// draw_app: the full-window layout (header with the view tabs, then the active view).
#include "app.hpp"

#include <imgui.h>

#include <algorithm>

#include "dials/csv_points.hpp"
#include "state_codec.hpp"

namespace lpp {

void note_item(UiState& ui, const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.items[name] = ItemRect{a.x, a.y, b.x, b.y};
}

void apply_link(App& app, std::string_view link) {
  DecodedState decoded = decode_state(link);
  app.state = std::move(decoded.state);
  app.ui.notices = std::move(decoded.notices);
}

void open_text(App& app, std::string_view name, std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  const bool json = (name.size() >= 5 && name.substr(name.size() - 5) == ".json") ||
                    (first != std::string_view::npos && text[first] == '{');
  if (json) {
    app.state.view = View::Llm;
    if (!llm_import_text(app, text, name))
      app.ui.notices.push_back(std::string(name) + ": not a model config the LLM lab can count (see its errors)");
    return;
  }
  if (app.state.view == View::Layers) {
    app.layers.csv_text.assign(text);
    layers_import_csv(app);
    return;
  }
  app.state.view = View::Dials;
  DialsState& dials = app.state.dials;
  CsvPoints points = parse_csv_points(text);
  if (points.ok()) {
    dials.points = std::move(points.data);
    dials.custom_points = true;
  } else {
    dials.scratch.csv_text.assign(text.substr(0, 64 * 1024));
    dials.scratch.csv_errors = std::move(points.errors);
    app.ui.notices.push_back(std::string(name) + ": not (x, y) points; see the errors under the Dials lab's CSV box");
  }
}

bool is_hidden(const App& app, std::string_view key) {
  for (const std::string& k : app.state.page.hidden)
    if (k == key) return true;
  return false;
}

namespace {

void draw_notices(App& app) {
  if (app.ui.notices.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.96f, 0.85f, 1.0f));
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const int shown = std::min<int>(static_cast<int>(app.ui.notices.size()), 4);
  ImGui::BeginChild("notices", ImVec2(0, line * shown + ImGui::GetStyle().WindowPadding.y * 2 + ImGui::GetFrameHeight()),
                    ImGuiChildFlags_Border);
  for (int i = 0; i < shown; ++i) ImGui::TextWrapped("%s", app.ui.notices[i].c_str());
  if (static_cast<int>(app.ui.notices.size()) > shown)
    ImGui::TextDisabled("and %d more", static_cast<int>(app.ui.notices.size()) - shown);
  if (ImGui::SmallButton("Dismiss")) app.ui.notices.clear();
  note_item(app.ui, "notices.dismiss");
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace

void sync_derived(App& app) {
  const LineDataSpec& spec = app.state.dials.data;
  const LineDataSpec& old = app.derived.dials_spec;
  const bool same = app.derived.valid && spec.slope == old.slope && spec.intercept == old.intercept &&
                    spec.noise == old.noise && spec.x_min == old.x_min && spec.x_max == old.x_max &&
                    spec.count == old.count && spec.seed == old.seed;
  if (!same) {
    app.derived.dials_data = make_line_data(spec);
    app.derived.dials_spec = spec;
    app.derived.valid = true;
  }
}

void draw_app(App& app) {
  sync_derived(app);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("LLM Parameter Playground", nullptr, flags);

  // The views as tabs. A link, the ladder or the tour may set AppState::view to another view: until that tab is
  // shown, the one ImGui still draws must not write its own view back.
  struct Tab {
    View view;
    const char* label;
    const char* item;  // recorded for tests that click the tab
    void (*draw)(App&);
  };
  static constexpr Tab kTabs[] = {
      {View::Dials, "Dials: y = a·x + b", "tab.dials", draw_dials},
      {View::Layers, "Layers: neural networks", "tab.layers", draw_layers},
      {View::Llm, "LLMs: real models", "tab.llm", draw_llm},
      {View::Tour, "Tour", "tab.tour", draw_tour},
  };
  if (app.state.page.embed) {  // one view, no chrome: what an iframe in someone's blog post shows
    draw_notices(app);
    for (const Tab& tab : kTabs)
      if (tab.view == app.state.view) tab.draw(app);
    app.ui.shown_view = app.state.view;
    ImGui::End();
    ++app.frame;
    return;
  }

  ImGui::PushFont(app.fonts.heading);
  ImGui::TextUnformatted("LLM Parameter Playground");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("what a model's parameters are, one dial at a time");
  draw_notices(app);

  if (ImGui::BeginTabBar("views")) {
    const View wanted = app.state.view;
    const bool switching = wanted != app.ui.shown_view;
    for (const Tab& tab : kTabs) {
      const ImGuiTabItemFlags tab_flags = switching && tab.view == wanted ? ImGuiTabItemFlags_SetSelected : 0;
      const bool open = ImGui::BeginTabItem(tab.label, nullptr, tab_flags);
      note_item(app.ui, tab.item);
      if (!open) continue;
      if (!switching || tab.view == wanted) app.state.view = tab.view;
      app.ui.shown_view = tab.view;
      tab.draw(app);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
  ++app.frame;
}

}  // namespace lpp
