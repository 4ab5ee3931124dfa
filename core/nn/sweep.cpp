// The capacity sweep (see sweep.hpp).
#include "sweep.hpp"

#include <chrono>
#include <cmath>
#include <limits>

namespace lpp {

CapacitySweep make_capacity_sweep(const LayersState& s, int epochs) {
  CapacitySweep sweep;
  sweep.epochs = epochs;
  const Activation act = s.hidden.empty() ? Activation::Tanh : s.hidden.front().activation;
  for (int depth : {1, 3})
    for (int width = depth == 1 ? 1 : 2; width <= LayersState::kMaxWidth; width *= 2)
      sweep.shapes.push_back(std::vector<HiddenLayer>(depth, HiddenLayer{width, act}));
  return sweep;
}

double sweep_advance(CapacitySweep& sweep, const LayersState& s, const TrainTest& data, double max_seconds) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point t0 = Clock::now();
  while (!sweep.done()) {
    const double left = max_seconds - std::chrono::duration<double>(Clock::now() - t0).count();
    if (left <= 0) break;
    LayersState shape = s;
    shape.hidden = sweep.shapes[sweep.next];
    if (!sweep.started) {
      sweep.run = make_run(shape, data);
      const long per_epoch = std::max<long>(1, static_cast<long>(sweep.run.train_x.cols()) / std::max(1, s.batch_size));
      sweep.steps_goal = per_epoch * sweep.epochs;
      sweep.started = true;
    }
    const long remaining = sweep.steps_goal - sweep.run.steps;
    const StepStats st = train_steps(sweep.run, shape, static_cast<int>(std::min<long>(remaining, 1 << 20)), left);
    if (st.diverged || sweep.run.steps >= sweep.steps_goal) {
      SweepResult r;
      r.widths = sweep.run.net.widths;
      r.params = total_param_count(r.widths);
      const double nan = std::numeric_limits<double>::quiet_NaN();
      r.train_loss = st.diverged ? nan : evaluate_loss(sweep.run.net, sweep.run.loss, sweep.run.train_x, sweep.run.train_y);
      r.test_loss = st.diverged ? nan : evaluate_loss(sweep.run.net, sweep.run.loss, sweep.run.test_x, sweep.run.test_y);
      sweep.results.push_back(r);
      sweep.started = false;
      ++sweep.next;
    }
  }
  if (sweep.shapes.empty()) return 1.0;
  const double partial = sweep.started && sweep.steps_goal > 0
                             ? static_cast<double>(sweep.run.steps) / static_cast<double>(sweep.steps_goal) : 0.0;
  return (static_cast<double>(sweep.next) + partial) / static_cast<double>(sweep.shapes.size());
}

}  // namespace lpp
