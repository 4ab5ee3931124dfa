// Where a tab of any tab bar was drawn last frame, found by its label through ImGui's internals: how the tests
// reach the app's "LLMs: real models" tab for a real click while app.cpp records no item for it. A stopgap:
// once draw_app calls note_item(ui, "tab.llm"), tests should click that and this file can go.
#pragma once
#include "app.hpp"

namespace lpp {

// Fills `out` (framebuffer pixels) and returns true when a tab labelled `label` exists.
bool find_tab_rect(const char* label, ItemRect* out);

}  // namespace lpp
