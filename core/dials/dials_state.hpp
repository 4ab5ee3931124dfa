// DialsState: what the Dials lab (y = a·x + b) must reproduce from a link: the dials, the bias switch, the data,
// the training and landscape settings. Two members at the end are transient (the run in progress and the
// editing scratch); a URL codec skips them.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "dials/dials_run.hpp"
#include "linear_model.hpp"
#include "optimizer.hpp"

namespace lpp {

// Each optimizer's own hyper-parameters, tuned to converge on the default data (λ_max ≈ 6, so plain gradient
// descent is stable below η ≈ 0.33).
inline std::array<OptimizerConfig, kOptimizerKindCount> default_dials_optimizers() {
  std::array<OptimizerConfig, kOptimizerKindCount> c{};
  for (int k = 0; k < kOptimizerKindCount; ++k) c[k].kind = static_cast<OptimizerKind>(k);
  c[static_cast<int>(OptimizerKind::Sgd)].learning_rate = 0.05;
  c[static_cast<int>(OptimizerKind::Momentum)].learning_rate = 0.02;
  c[static_cast<int>(OptimizerKind::Nesterov)].learning_rate = 0.02;
  c[static_cast<int>(OptimizerKind::RmsProp)].learning_rate = 0.05;
  c[static_cast<int>(OptimizerKind::Adam)].learning_rate = 0.2;
  return c;
}

struct DialsTrainConfig {
  OptimizerKind optimizer = OptimizerKind::Sgd;  // the optimizer trained alone (race off)
  std::array<OptimizerConfig, kOptimizerKindCount> optimizers = default_dials_optimizers();  // by OptimizerKind
  bool mini_batch = false;       // off: every step sees all N points
  int batch_size = 4;            // points per mini-batch step, e.g. 4
  int steps_per_frame = 2;       // speed: optimizer steps per drawn frame, e.g. 1 to 1000
  bool race = false;             // several optimizers from the same start
  std::array<bool, kOptimizerKindCount> racers{true, true, true, true, true};  // who races, by OptimizerKind
};

struct LandscapeView {
  double zoom = 1.0;             // > 1 shows less of (a, b) around the centre, e.g. 2
  double pan_a = 0.0;            // centre offset from the optimum, in data units of a
  double pan_b = 0.0;            // and of b
};

// Transient editing state of the lab's widgets (not part of a link).
struct DialsScratch {
  std::string csv_text;          // the CSV import box
  std::vector<std::string> csv_errors;  // the last import's problems, each naming its line
  int csv_imported = 0;          // points the last successful import brought in
  int drag_point = -1;           // index of the point being dragged on the scatter, or -1
  int drag_line = 0;             // 0 none, 1 translating the line (b), 2 rotating it (a)
  double drag_pivot_x = 0, drag_pivot_y = 0;  // the fixed point of a rotation
  double scatter_x0 = 0, scatter_x1 = 0, scatter_y0 = 0, scatter_y1 = 0;  // axes frozen while dragging
  bool landscape_dragged = false;  // the current press on the landscape became a pan, not a click
};

struct DialsState {
  LineParams params{0.5, 0.0};   // the two dials the reader turns, a (weight) and b (bias)
  bool use_bias = true;          // off: b is fixed at 0 and the line must pass through the origin
  LineDataSpec data;             // the seeded data set the line is fitted to
  bool custom_points = false;    // on: `points` (edited or imported) replace the generated data
  LineData points;               // the reader's own points
  LineParams start{0.5, 0.0};    // where training starts; clicking the landscape sets it
  DialsTrainConfig train;
  LandscapeView landscape;
  bool log_loss = true;          // loss curve on a log scale

  DialsRun run;                  // transient: the training in progress
  DialsScratch scratch;          // transient: widget editing state
};

// Parameters of the Dials model: a and, when the bias is on, b.
inline int dials_param_count(const DialsState& s) { return s.use_bias ? 2 : 1; }

// The points the lab fits: the reader's own when there are any, else the generated ones.
inline const LineData& dials_points(const DialsState& s, const LineData& generated) {
  return s.custom_points ? s.points : generated;
}

}  // namespace lpp
