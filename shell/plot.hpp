// A small 2-D plot on ImGui's draw list: a framed area, "nice" grid ticks with labels, and the mapping between
// data and screen coordinates. The views draw their own marks (points, lines, heat maps) through PlotArea.
#pragma once
#include <imgui.h>

namespace lpp {

struct PlotArea {
  ImVec2 min, max;                 // screen pixels of the data area (inside the tick labels)
  double x0 = 0, x1 = 1;           // data range shown along x
  double y0 = 0, y1 = 1;           // data range shown along y (y1 at the top)
  bool hovered = false;            // the mouse is over the data area
  ImDrawList* draw = nullptr;

  ImVec2 to_screen(double x, double y) const {
    return {static_cast<float>(min.x + (x - x0) / (x1 - x0) * (max.x - min.x)),
            static_cast<float>(max.y - (y - y0) / (y1 - y0) * (max.y - min.y))};
  }
  double x_at(float sx) const { return x0 + (sx - min.x) / (max.x - min.x) * (x1 - x0); }
  double y_at(float sy) const { return y0 + (max.y - sy) / (max.y - min.y) * (y1 - y0); }
};

// Reserves `size` in the current window (an item with `id`) and draws the frame, grid and tick labels.
// Marks drawn afterwards should be clipped with push_clip / pop_clip.
PlotArea begin_plot(const char* id, ImVec2 size, double x0, double x1, double y0, double y1,
                    const char* x_label, const char* y_label);
void push_clip(const PlotArea& p);
void pop_clip(const PlotArea& p);

// The spacing of grid lines for a range: 1, 2 or 5 × 10^k, about `target` lines across.
double nice_step(double range, int target);

}  // namespace lpp
