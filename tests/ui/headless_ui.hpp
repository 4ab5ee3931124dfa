// HeadlessUi: a Dear ImGui context with a display size and a built font atlas, and no window or GPU, that
// draws the whole app frame by frame and clicks widgets the app recorded (UiState::items) through ImGui's
// input queue. Shared by the UI tests of every lab.
#pragma once
#include <gtest/gtest.h>
#include <imgui.h>

#include "app.hpp"

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

  int vertices() const { return ImGui::GetDrawData()->TotalVtxCount; }

  App app;
};

}  // namespace lpp
