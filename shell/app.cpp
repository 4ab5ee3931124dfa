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

  if (ImGui::BeginTabBar("views")) {
    if (ImGui::BeginTabItem("Dials: y = a·x + b")) {
      app.state.view = View::Dials;
      draw_dials(app);
      ImGui::EndTabItem();
    }
    const bool layers_open = ImGui::BeginTabItem("Layers: neural networks");
    note_item(app.ui, "tab.layers");
    if (layers_open) {
      app.state.view = View::Layers;
      draw_layers(app);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("LLMs: real models")) {
      app.state.view = View::Llm;
      draw_llm(app);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
  ++app.frame;
}

}  // namespace lpp
