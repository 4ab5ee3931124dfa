// HeadlessUi: a Dear ImGui context with a display size and a built font atlas, and no window or GPU, that
// draws the whole app frame by frame and clicks widgets the app recorded (UiState::items) through ImGui's
// input queue; fingerprint(), what a reader would lose, to compare before and after; and read_fixture(). Shared by
// the UI tests of every lab.
#pragma once
#include <gtest/gtest.h>
#include <imgui.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "app.hpp"
#include "state_codec.hpp"

namespace lpp {

class HeadlessUi {
 public:
  explicit HeadlessUi(float scale, ImVec2 size = {1280, 800}) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    app.scale = scale;
    app.fonts = load_fonts(scale);
    apply_style(scale);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // a renderer would upload this; here it only must exist
  }
  ~HeadlessUi() { ImGui::DestroyContext(); }

  void frame() {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    app_update(app);   // as app_frame: the runs advance before anything is drawn
    ImGui::NewFrame();
    draw_app(app);
    ImGui::Render();
  }

  // A real click: move, press for a frame, release for a frame, at the centre of a widget the app recorded.
  void click(const char* item) {
    ASSERT_TRUE(app.ui.items.count(item)) << "the last frame drew no item named " << item;
    const ItemRect r = app.ui.items.at(item);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    frame();
    io.AddMouseButtonEvent(0, true);
    frame();
    io.AddMouseButtonEvent(0, false);
    frame();
  }

  // Opens a lab the way a reader does: a real click on its tab (recorded as `tab_item`, e.g. "tab.layers") once the
  // tab widths have settled, then one frame of the lab.
  void open(const char* tab_item, View view) {
    frame();
    frame();  // tab widths settle after the first frame
    click(tab_item);
    ASSERT_EQ(app.state.view, view) << "clicking " << tab_item;
    frame();
  }

  // The items one more frame draws, and only those (app.ui.items keeps what earlier frames recorded).
  std::map<std::string, ItemRect> frame_items() {
    app.ui.items.clear();
    frame();
    return app.ui.items;
  }

  int vertices() const { return ImGui::GetDrawData()->TotalVtxCount; }

  App app;
};

#ifdef LPP_LLM_FIXTURE_DIR
// A reference config from tests/llm/fixtures (the directory is defined for lpp_ui_tests).
inline std::string read_fixture(const std::string& name) {
  std::ifstream f(std::string(LPP_LLM_FIXTURE_DIR) + "/" + name);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}
#endif

// What the reader would lose: the link (every setting), the Dials parameters and points, the Layers data and
// network parameters, the LLM lab's model and its count; exact (hex floats). Equal before and after an operation
// means nothing was lost.
inline std::string fingerprint(const App& app) {
  std::ostringstream out;
  out << std::hexfloat << encode_state(app.state) << "\n";
  const DialsState& d = app.state.dials;
  out << "dials a=" << d.params.a << " b=" << d.params.b << " custom=" << d.custom_points << " points:";
  for (int i = 0; i < d.points.size(); ++i) out << ' ' << d.points.x[i] << ',' << d.points.y[i];
  const LayersRuntime& l = app.layers;
  out << "\nlayers csv=" << l.has_csv << " data:";
  for (int i = 0; i < l.all.size(); ++i)
    out << ' ' << l.all.x(0, i) << ',' << l.all.x(1, i) << ',' << l.all.label[i] << ',' << l.all.value[i];
  out << "\nlayers params:";
  for (Eigen::Index i = 0; i < l.run.net.params.size(); ++i) out << ' ' << l.run.net.params[i];
  out << "\nllm total=" << llm_shown_total(app);   // its config and name are in the link
  return out.str();
}

}  // namespace lpp
