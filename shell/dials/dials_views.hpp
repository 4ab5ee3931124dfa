// The Dials lab's views share this per-frame context (the data and what core derived from it once per frame) and
// a few drawing helpers. Internal to shell/dials; the app sees only draw_dials.
#pragma once
#include <imgui.h>

#include "app.hpp"
#include "dials/dials_state.hpp"

namespace lpp {

struct DialsFrame {
  App& app;
  DialsState& s;
  const LineData& data;          // the points being fitted (generated or the reader's own)
  LineStats stats;               // their sufficient statistics
  LineParams best;               // least-squares optimum under the current bias switch (Eigen)
  LineParams best_with_bias;     // least-squares optimum with the bias (the centre of the landscape)
  double best_loss = 0;          // L at `best`
  double lambda_max = 0;         // largest eigenvalue of the Hessian under the bias switch
};

// Each optimizer's colour in trajectories, lines and loss curves (Okabe-Ito), by OptimizerKind.
ImU32 optimizer_colour(OptimizerKind kind);

// Shows `formula` (values filled in) under the last item when formulas are on, else as its hover tooltip.
void formula_hint(const DialsFrame& f, const char* formula);

// The three plots (dials_plots.cpp) and the settings tabs (dials_settings.cpp).
void draw_scatter(DialsFrame& f, ImVec2 size);
void draw_landscape(DialsFrame& f, ImVec2 size);
void draw_loss_curve(DialsFrame& f, ImVec2 size);
void draw_optimizer_tab(DialsFrame& f);
void draw_data_tab(DialsFrame& f);

}  // namespace lpp
