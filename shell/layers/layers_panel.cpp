// The Layers view: small neural networks trained live. (Being built.)
#include <imgui.h>

#include "app.hpp"

namespace lpp {

void draw_layers(App&) { ImGui::TextWrapped("y_i = Σ_j a_ij·x_j + b_i"); }

}  // namespace lpp
