// lpp_bench_core: the core's speed figures for scripts/bench, natively and as wasm under node: training
// throughput of the Layers lab's reference networks and their train/test loss passes, Dials optimizer steps, the
// counting engine over every preset and reference config, and (wasm) the final heap size. Prints `key value` lines, each a median over repeated
// timing windows; it asserts nothing about time (scripts/bench sets the budgets).
// usage: lpp_bench_core [--quick] [FIXTURE_DIR]   (FIXTURE_DIR: tests/llm/fixtures, for the reference configs)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dials/dials_train.hpp"
#include "llm/lab_model.hpp"
#include "llm/presets.hpp"
#include "nn/trainer.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs.empty() ? 0.0 : xs[xs.size() / 2];
}

struct Options {
  int windows = 7;          // timing windows per figure (the median is printed)
  double window_s = 0.25;   // length of one window
  double warmup_s = 0.3;    // untimed training before the first window
  std::string fixtures;     // tests/llm/fixtures, or empty
};

// Examples/s of `train_steps` and the 100×100 grid time, for TF Playground's defaults with `layers` hidden
// layers of `width` (0: its default 2 → 4 → 2 → 1).
void bench_training(const Options& o, const char* key, int layers, int width) {
  lpp::LayersState s;
  if (layers > 0) s.hidden.assign(layers, lpp::HiddenLayer{width, lpp::Activation::Tanh});
  const lpp::TrainTest data =
      lpp::split_dataset(lpp::make_dataset(s.data, s.points, s.noise, s.data_seed), s.train_percent, s.data_seed);
  lpp::TrainRun run = lpp::make_run(s, data);
  // Warm up buffers, caches and (in wasm) V8's optimising tier: node starts in its baseline compiler and
  // swaps in optimised code after a while, which made short windows read wasm several times too slow.
  const Clock::time_point w0 = Clock::now();
  while (seconds_since(w0) < o.warmup_s) lpp::train_steps(run, s, 100, 1.0);
  std::vector<double> rates, grids, losses, fresh;
  lpp::GridEval grid;
  lpp::evaluate_grid(run.net, run.loss, run.features, 100, grid);
  lpp::record_losses(run);
  for (int w = 0; w < o.windows; ++w) {
    const long steps0 = run.steps;
    const Clock::time_point t0 = Clock::now();
    double elapsed = 0;
    while ((elapsed = seconds_since(t0)) < o.window_s) lpp::train_steps(run, s, 100, 1.0);
    rates.push_back(static_cast<double>(run.steps - steps0) * s.batch_size / elapsed);
    const Clock::time_point g0 = Clock::now();
    lpp::evaluate_grid(run.net, run.loss, run.features, 100, grid);
    grids.push_back(seconds_since(g0) * 1e3);
    // The train and test losses as a frame records them (buffers kept in the run), then the same two passes
    // with buffers allocated for the call (the one-off overload), which is how every evaluation ran before.
    const Clock::time_point l0 = Clock::now();
    lpp::record_losses(run);
    losses.push_back(seconds_since(l0) * 1e3);
    const Clock::time_point f0 = Clock::now();
    lpp::evaluate(run.net, run.loss, run.train_x, run.train_y, run.train_label);
    lpp::evaluate(run.net, run.loss, run.test_x, run.test_y, run.test_label);
    fresh.push_back(seconds_since(f0) * 1e3);
  }
  std::printf("train.%s.examples_per_s %.0f\n", key, median(rates));
  std::printf("train.%s.grid_ms %.3f\n", key, median(grids));
  std::printf("train.%s.losses_ms %.3f\n", key, median(losses));
  std::printf("train.%s.losses_fresh_ms %.3f\n", key, median(fresh));
}

// Optimizer steps/s of the Dials lab on its default data, one optimizer alone or all five racing (steps of the
// busiest runner). A run that converges or diverges is restarted, as a reader pressing play again would.
void bench_dials(const Options& o, const char* key, lpp::OptimizerKind kind, bool race) {
  lpp::DialsState s;
  s.train.optimizer = kind;
  s.train.race = race;
  const lpp::LineData data = lpp::make_line_data(s.data);
  std::vector<double> rates;
  for (int w = 0; w < o.windows; ++w) {
    long steps = 0;
    const Clock::time_point t0 = Clock::now();
    double elapsed = 0;
    while ((elapsed = seconds_since(t0)) < o.window_s) {
      lpp::dials_sync_run(s, data);
      if (!s.run.playing) {
        lpp::dials_reset_run(s, data);
        s.run.playing = true;
      }
      steps += lpp::dials_advance(s, data, 100);
    }
    rates.push_back(static_cast<double>(steps) / elapsed);
  }
  std::printf("dials.%s.steps_per_s %.0f\n", key, median(rates));
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One pass resolves and counts every preset (as the LLM lab does on a switch) and every reference config.
void bench_counting(const Options& o) {
  std::vector<std::string> configs;
  for (const char* f : {"gpt2", "llama-2-7b", "mixtral-8x7b", "qwen2.5-0.5b", "deepseek-v3"}) {
    if (o.fixtures.empty()) break;
    configs.push_back(read_text(o.fixtures + "/" + f + ".json"));
  }
  const std::vector<lpp::llm::PresetInfo>& presets = lpp::llm::list_presets();
  std::int64_t checksum = 0;
  int failures = 0;
  std::vector<double> passes;
  for (int w = 0; w < o.windows; ++w) {
    const Clock::time_point t0 = Clock::now();
    for (const lpp::llm::PresetInfo& p : presets) {
      const lpp::llm::LabModel m = lpp::llm::resolve_lab_model(p.id, "", nlohmann::json::object());
      failures += !m.ok();
      checksum += m.count.total;
    }
    for (const std::string& text : configs) {
      const lpp::llm::LabModel m = lpp::llm::resolve_lab_model("", text, nlohmann::json::object());
      failures += !m.ok();
      checksum += m.count.total;
    }
    passes.push_back(seconds_since(t0) * 1e3);
  }
  std::printf("count.presets %zu\ncount.configs %zu\ncount.failures %d\ncount.checksum %lld\n", presets.size(),
              configs.size(), failures, static_cast<long long>(checksum));
  std::printf("count.pass_ms %.3f\n", median(passes));
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      o.windows = 3;
      o.window_s = 0.04;
      o.warmup_s = 0.15;
    } else {
      o.fixtures = argv[i];
    }
  }
  bench_training(o, "2-4-2-1", 0, 0);
  bench_training(o, "8x6", 6, 8);
  bench_training(o, "8x64", 8, 64);
  bench_dials(o, "sgd", lpp::OptimizerKind::Sgd, false);
  bench_dials(o, "adam", lpp::OptimizerKind::Adam, false);
  bench_dials(o, "race5", lpp::OptimizerKind::Sgd, true);
  bench_counting(o);
#if defined(__wasm__)
  // The wasm heap after everything above ran: linear memory only grows, so this is its peak.
  std::printf("wasm.heap_bytes %zu\n", __builtin_wasm_memory_size(0) * std::size_t{65536});
#endif
  return 0;
}
