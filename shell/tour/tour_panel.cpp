// The guided tour. (Being built.)
#include <imgui.h>

#include "app.hpp"

namespace lpp {

void draw_tour(App& app) { ImGui::Text("Step %d", app.state.tour.step + 1); }

}  // namespace lpp
