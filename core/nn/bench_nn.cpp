// lpp_bench_nn: training and grid-evaluation speed of the Layers lab's engine, natively and as wasm under node.
// Prints figures and asserts nothing about time. `--quick` runs a short smoke version (the ctest entry).
// Networks: TF Playground's default (2 → 4 → 2 → 1 tanh, circle, 500 points, 50 % train, batch 10, lr 0.03),
// its UI maximum (6 × 8) and 8 × 64.
#include <chrono>
#include <cstdio>
#include <cstring>

#include "trainer.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

void bench(const char* name, int layers, int width, double train_seconds, int grid_reps) {
  lpp::LayersState s;   // TF Playground's defaults
  if (layers > 0) s.hidden.assign(layers, lpp::HiddenLayer{width, lpp::Activation::Tanh});
  const lpp::TrainTest data =
      lpp::split_dataset(lpp::make_dataset(s.data, s.points, s.noise, s.data_seed), s.train_percent, s.data_seed);
  lpp::TrainRun run = lpp::make_run(s, data);

  lpp::train_steps(run, s, 200, 1.0);   // warm up caches and buffers
  const long steps0 = run.steps;
  const Clock::time_point t0 = Clock::now();
  double elapsed = 0;
  while ((elapsed = seconds_since(t0)) < train_seconds) lpp::train_steps(run, s, 1000, 1.0);
  const double steps = static_cast<double>(run.steps - steps0);
  const double examples_per_s = steps * s.batch_size / elapsed;
  const double flops = static_cast<double>(lpp::train_step_flops(run.net.widths, s.batch_size));

  lpp::GridEval grid;
  lpp::evaluate_grid(run.net, run.loss, run.features, 100, grid);
  const Clock::time_point g0 = Clock::now();
  for (int i = 0; i < grid_reps; ++i) lpp::evaluate_grid(run.net, run.loss, run.features, 100, grid);
  const double grid_ms = seconds_since(g0) / grid_reps * 1e3;

  const double loss = lpp::evaluate_loss(run.net, run.loss, run.train_x, run.train_y);
  std::printf("%-22s %8lld %12.3f M %10.3f %9.2f %14.3f   (train loss %.4f)\n", name,
              static_cast<long long>(lpp::total_param_count(run.net.widths)), examples_per_s * 1e-6,
              elapsed / steps * 1e6, flops * steps / elapsed * 1e-9, grid_ms, loss);
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const double t = quick ? 0.02 : 1.5;
  const int reps = quick ? 1 : 20;
  std::printf("%-22s %8s %14s %10s %9s %14s\n", "network", "params", "examples/s", "µs/step", "GFLOP/s",
              "grid 100² ms");
  bench("2-4-2-1 (TF default)", 0, 0, t, reps * 5);
  bench("2-8x6-1 (TF maximum)", 6, 8, t, reps * 5);
  bench("2-64x8-1", 8, 64, t, reps);
  return 0;
}
