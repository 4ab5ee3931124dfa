// Drawing pieces of the Layers view (ImGui draw lists over LayersRuntime): the network diagram with neuron heat
// maps and editable weights, the output heat map with the data, the loss curves, the capacity sweep plot and the
// parameter ladder. They format and draw; every number comes from core.
#pragma once
#include <imgui.h>

#include <cstdint>

namespace lpp {

struct App;

// Okabe-Ito orange (−1) through white (0) to blue (+1), `v` clamped to [−1, 1].
ImU32 diverging_colour(float v, float alpha = 1.0f);

// A dashed segment starting `phase` pixels into the dash pattern; returns the phase at its end, so polylines
// continue their pattern. Signs and series are shown by line style as well as colour.
float dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float width, float dash, float phase);

void draw_network(App& app, ImVec2 size);
void draw_output_map(App& app, float side);
void draw_loss_curves(App& app, ImVec2 size);
void draw_sweep_plot(App& app, ImVec2 size);
void draw_param_ladder(App& app, std::int64_t params, float width);

// "1,234,567" with thin grouping commas.
const char* format_count(std::int64_t n, char* buf, int size);

}  // namespace lpp
