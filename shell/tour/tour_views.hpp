// The tour's purpose-built views that live in their own files (internal to shell/tour; the app sees draw_tour).
#pragma once
#include <imgui.h>

#include <string>

namespace lpp {

struct App;

// Step 8: resolves the three models once; their text; the total-vs-active chart with memory, compute and energy.
void tour_llms_sync(App& app);
std::string tour_llms_text(const App& app);
void draw_tour_llms(App& app, ImVec2 size);

}  // namespace lpp
