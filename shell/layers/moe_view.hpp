// The toy mixture of experts' view (the tour's step 7): its transient runtime (the comparison being trained, the
// routing grid) and the drawing. Settings live in TourState (experts, top-k); everything computed comes from
// core/nn/moe. Not here: the Layers lab's own network (layers_panel.cpp).
#pragma once
#include <imgui.h>

#include "nn/moe.hpp"

namespace lpp {

struct App;

struct MoeRuntime {
  bool built = false;           // cmp matches built_config
  MoeConfig built_config;
  MoeComparison cmp;            // the MoE and the two dense networks, trained in lockstep
  MoeGrid grid;                 // the gate's routing over [−6, 6]²
  long grid_steps = -1;         // cmp.moe.steps when grid was evaluated
  double train_seconds = 0;     // wall time spent training so far
};

// Rebuilds the comparison when the tour's MoE settings changed, trains it for a frame's budget, refreshes the grid.
void moe_view_advance(App& app);
// The routing map, the output map and the comparison table, in `size`.
void draw_moe_view(App& app, ImVec2 size);

}  // namespace lpp
