// draw_app: the full-window layout (header with the view tabs, then the active view).
#include "app.hpp"

#include <imgui.h>

namespace lpp {

void note_item(UiState& ui, const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.items[name] = ItemRect{a.x, a.y, b.x, b.y};
}

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

  ImGui::PushFont(app.fonts.heading);
  ImGui::TextUnformatted("LLM Parameter Playground");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("what a model's parameters are, one dial at a time");

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
  if (ImGui::BeginTabBar("views")) {
    const View wanted = app.state.view;
    const bool switching = wanted != app.ui.shown_view;
    for (const Tab& tab : kTabs) {
      const ImGuiTabItemFlags flags = switching && tab.view == wanted ? ImGuiTabItemFlags_SetSelected : 0;
      const bool open = ImGui::BeginTabItem(tab.label, nullptr, flags);
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
