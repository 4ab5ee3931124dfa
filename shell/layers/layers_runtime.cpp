// The Layers lab's frame work: keeping data and run in step with the state, the training and sweep budgets,
// and CSV import. Calls core for everything it computes; draws nothing.
#include "layers_runtime.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app.hpp"

namespace lpp {
namespace {

constexpr double kTrainBudgetSeconds = 0.006;   // training per frame, so a frame with training stays < 16 ms
constexpr double kSweepBudgetSeconds = 0.008;   // sweep per frame
constexpr double kGridFlopBudget = 3e7;         // grid forward pass per refresh (about 2-4 ms in wasm)

bool same_data(const LayersState& a, const LayersState& b) {
  return a.data == b.data && a.points == b.points && a.noise == b.noise && a.train_percent == b.train_percent &&
         a.data_seed == b.data_seed;
}

bool same_layers(const std::vector<HiddenLayer>& a, const std::vector<HiddenLayer>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].width != b[i].width || a[i].activation != b[i].activation) return false;
  return true;
}

bool same_network(const LayersState& a, const LayersState& b) {
  return a.features == b.features && same_layers(a.hidden, b.hidden) && a.output_activation == b.output_activation &&
         a.loss == b.loss && a.init == b.init && a.seed == b.seed;
}

void rebuild_data(LayersRuntime& rt, LayersState& s) {
  if (s.data == DataSetKind::Csv && !rt.has_csv) s.data = DataSetKind::Circle;   // nothing imported (yet)
  rt.all = s.data == DataSetKind::Csv ? rt.csv_data : make_dataset(s.data, s.points, s.noise, s.data_seed);
  rt.data = split_dataset(rt.all, s.train_percent, s.data_seed);
}

}  // namespace

void layers_reset(App& app) {
  LayersRuntime& rt = app.layers;
  LayersState& s = app.state.layers;
  if (s.features == 0) s.features = kFeatureX1 | kFeatureX2;
  s.loss = fitting_loss(s.loss, rt.all);
  rt.run = make_run(s, rt.data);
  record_losses(rt.run);
  rt.grid_dirty = true;
  rt.playing = false;
  rt.divergence_note.clear();
  rt.edit.layer = -1;
}

void layers_sync(App& app) {
  LayersRuntime& rt = app.layers;
  LayersState& s = app.state.layers;
  const bool data_changed = !rt.built || !same_data(s, rt.built_from);
  if (data_changed) rebuild_data(rt, s);
  if (data_changed || !same_network(s, rt.built_from)) {
    const bool was_playing = rt.playing;
    layers_reset(app);
    rt.playing = was_playing && rt.built;   // a settings change keeps playing, as in TF Playground
  }
  rt.built_from = s;
  rt.built = true;
}

namespace {

void after_training(App& app, const StepStats& st) {
  LayersRuntime& rt = app.layers;
  if (st.steps > 0) {
    const double per_step = st.seconds / st.steps;
    rt.step_seconds = rt.step_seconds > 0 ? 0.9 * rt.step_seconds + 0.1 * per_step : per_step;
    record_losses(rt.run);
  }
  if (st.diverged) {
    rt.playing = false;
    char buf[400];
    const long at = rt.run.steps + 1, kept = rt.run.last_finite_step;
    const double rate = app.state.layers.optimizer.learning_rate;
    switch (st.reason) {
      case StopReason::DataNotFinite:
        std::snprintf(buf, sizeof buf,
                      "Training stopped at step %ld: the training data hold an infinite or NaN value, so the loss is "
                      "not a number at any learning rate. The parameters of step %ld were restored; import other data "
                      "or pick a generated set.",
                      at, kept);
        break;
      case StopReason::StepTooLarge:
        std::snprintf(buf, sizeof buf,
                      "Training stopped at step %ld: one step made the parameters %.0f times larger, so the neurons "
                      "saturate and the network stops learning. The learning rate (%.3g) is too large for this "
                      "network and data. The parameters of step %ld were restored; lower the learning rate, then "
                      "press play.",
                      at, st.growth, rate, kept);
        break;
      default:
        std::snprintf(buf, sizeof buf,
                      "Training diverged at step %ld: a loss or a parameter became infinite or NaN. The learning rate "
                      "(%.3g) is too large for this network and data. The parameters of step %ld were restored; lower "
                      "the learning rate, then press play.",
                      at, rate, kept);
    }
    rt.divergence_note = buf;
    rt.run.diverged = false;   // ready to continue once the user changes something
  }
}

}  // namespace

void layers_step(App& app, int steps) {
  const StepStats st = train_steps(app.layers.run, app.state.layers, steps, 1.0);
  after_training(app, st);
}

void layers_advance(App& app) {
  LayersRuntime& rt = app.layers;
  rt.frame_train_seconds = 0;
  if (rt.playing) {
    const StepStats st = train_steps(rt.run, app.state.layers, rt.steps_per_frame, kTrainBudgetSeconds);
    rt.frame_train_seconds = st.seconds;
    after_training(app, st);
  }
  if (rt.sweep_running) {
    rt.sweep_progress = sweep_advance(rt.sweep, app.state.layers, rt.data, kSweepBudgetSeconds);
    rt.sweep_results = rt.sweep.results;
    if (rt.sweep.done()) rt.sweep_running = false;
  }
  if (rt.grid_dirty || rt.grid_steps != rt.run.steps) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point t0 = Clock::now();
    const int res = grid_resolution_for(rt.run.net.widths, kGridFlopBudget, 16, 100);
    evaluate_grid(rt.run.net, rt.run.loss, rt.run.features, res, rt.grid);
    rt.grid_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    rt.grid_steps = rt.run.steps;
    rt.grid_dirty = false;
  }
}

void layers_import_csv(App& app) {
  LayersRuntime& rt = app.layers;
  CsvImport r = parse_csv_dataset(rt.csv_text);
  rt.csv_errors = r.errors;
  if (!r.errors.empty()) return;   // nothing changes: the previous data and network stay
  rt.csv_data = std::move(r.data);
  rt.has_csv = true;
  app.state.layers.data = DataSetKind::Csv;
  rt.built = false;                // rebuild from the imported set
  layers_sync(app);
}

void layers_start_sweep(App& app) {
  LayersRuntime& rt = app.layers;
  rt.sweep = make_capacity_sweep(app.state.layers, 100);
  rt.sweep_running = true;
  rt.sweep_progress = 0;
  rt.sweep_results.clear();
}

void layers_cancel_sweep(App& app) {
  LayersRuntime& rt = app.layers;
  rt.sweep_running = false;
  rt.sweep_results = rt.sweep.results;   // keep what finished
  rt.sweep = CapacitySweep{};
}

}  // namespace lpp
