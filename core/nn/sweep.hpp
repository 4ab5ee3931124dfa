// "More parameters, more power?": a capacity sweep that trains a series of widths and depths on the same data,
// seed and settings, and keeps each one's final train and test loss against its parameter count.
// Advanced by a time budget per call (a frame never blocks); cancelling is just dropping the struct.
#pragma once
#include <cstdint>
#include <vector>

#include "trainer.hpp"

namespace lpp {

struct SweepResult {
  std::vector<int> widths;      // [F, hidden…, d_L] of this network
  std::int64_t params = 0;      // total_param_count(widths)
  double train_loss = 0;        // final data loss over the training set (NaN if the run diverged)
  double test_loss = 0;         // final data loss over the test set (NaN if the run diverged)
};

struct CapacitySweep {
  std::vector<std::vector<HiddenLayer>> shapes;   // the series, in order: depth 1 then depth 3, widths 1…64
  int epochs = 100;             // training epochs per network, e.g. 100
  std::size_t next = 0;         // the shape being trained
  TrainRun run;                 // its run (valid while started)
  bool started = false;         // run holds shapes[next]
  long steps_goal = 0;          // steps that make `epochs` for shapes[next]
  std::vector<SweepResult> results;
  bool done() const { return next >= shapes.size(); }
};

// Depth 1 with widths 1, 2, 4 … 64 and depth 3 with widths 2 … 64, each with the state's first hidden activation.
CapacitySweep make_capacity_sweep(const LayersState& s, int epochs);

// Trains for at most `max_seconds`, finishing networks and starting the next ones. Returns the share done (0…1).
double sweep_advance(CapacitySweep& sweep, const LayersState& s, const TrainTest& data, double max_seconds);

}  // namespace lpp
