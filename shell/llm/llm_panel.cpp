// The LLM lab: real architectures counted exactly. (Being built.)
#include <imgui.h>

#include "app.hpp"

namespace lpp {

void draw_llm(App& app) { ImGui::Text("Model: %s", app.state.llm.preset.c_str()); }

}  // namespace lpp
