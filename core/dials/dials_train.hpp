// The Dials lab's trainer: free functions that start, step and stop the optimizers on y = a·x + b.
// Nothing here draws; the panel calls dials_advance once a frame with a budget of steps and shows the result.
#pragma once
#include "dials/dials_state.hpp"

namespace lpp {

// A run stops as diverged when its loss is non-finite or exceeds this multiple of its starting loss.
constexpr double kExplodeFactor = 1e6;
// A run stops as converged when the full-batch gradient norm falls below this.
constexpr double kConvergedGradient = 1e-10;
// History entries kept per runner; older ones are thinned to every other step when it fills.
constexpr int kHistoryCap = 4096;

// The largest learning rate at which `c` is stable on a quadratic whose Hessian has largest eigenvalue
// lambda_max, or 0 when there is no closed form (RMSProp, Adam). With h = η·λ_max:
//   SGD       h < 2                                   (each eigen-component scales by 1 − h)
//   Momentum  h < 2(1 + μ)                            (heavy ball: z² − (1 + μ − h)z + μ, Jury's test)
//   Nesterov  h < 2(1 + μ)/(1 + 2μ)                   (z² − (1 + μ)(1 − h)z + μ(1 − h), Jury's test)
double max_stable_learning_rate(const OptimizerConfig& c, double lambda_max);

// Starts the runners afresh at s.start (parameters, memory and history cleared), keeping `playing`.
void dials_reset_run(DialsState& s, const LineData& data);

// Restarts the run if what it started from changed since the last call: the reader moved the dials (the start
// follows them, and training pauses), the data or the bias switch changed (restart from the current
// parameters), or the optimizer or the racers changed (restart from the start point).
void dials_sync_run(DialsState& s, const LineData& data);

// One optimizer step of one runner on the full data set or a mini-batch of `batch` points (0: full batch).
// Updates its loss, history and status, and on divergence restores its last good parameters.
void dials_runner_step(DialsRunner& r, const OptimizerConfig& c, const LineData& data, const LineStats& stats,
                       bool use_bias, int batch);

// Advances every running runner by up to `steps` steps; when training alone the dials follow the runner.
// Stops playing once no runner is still running. Returns the steps taken by the busiest runner.
int dials_advance(DialsState& s, const LineData& data, int steps);

// Whether any runner is still running.
bool dials_any_running(const DialsRun& run);

}  // namespace lpp
