// DialsRun: the training in progress in the Dials lab (one optimizer, or several racing from the same start).
// Plain data the trainer (dials_train.hpp) advances; transient, so it is never part of a link.
#pragma once
#include <cstdint>
#include <random>
#include <vector>

#include "linear_model.hpp"
#include "optimizer.hpp"

namespace lpp {

enum class RunStatus { Running, Converged, Diverged };

// Why a run stopped because its loss blew up, and what would have been stable.
struct Divergence {
  long step = 0;                 // the step whose loss was non-finite or exploded
  double loss = 0;               // that loss (may be inf or NaN)
  double learning_rate = 0;      // η the optimizer used
  double lambda_max = 0;         // largest eigenvalue of the full-batch Hessian
  double gd_max_rate = 0;        // 2/λ_max: the largest stable rate for plain gradient descent
  double kind_max_rate = 0;      // the same bound for this optimizer when known in closed form, else 0
  LineParams restored;           // where the parameters went back to
  // The data, not the rate: a point is NaN or infinite, or so large that its square overflows, so the loss cannot
  // be computed at any rate (and λ_max and the stable rates above are meaningless).
  bool bad_data = false;
  int bad_point = -1;            // the first such point's index, when bad_data
};

// One optimizer's run: its parameters, memory and history.
struct DialsRunner {
  OptimizerKind kind = OptimizerKind::Sgd;
  OptimizerState<double> memory;      // velocity / moments
  LineParams params;                  // the current parameters
  LineParams last_good;               // the latest parameters whose loss was finite and ≤ the starting loss
  double start_loss = 0;              // loss at the start point
  double loss = 0;                    // loss at params (full batch)
  long steps = 0;                     // steps taken
  RunStatus status = RunStatus::Running;
  Divergence divergence;              // filled when status is Diverged
  std::mt19937_64 rng;                // draws this runner's mini-batches; every racer starts from the same seed
  // History, thinned as it grows: entry i belongs to step i·stride (entry 0 is the start).
  std::vector<LineParams> trajectory;
  std::vector<double> losses;
  long stride = 1;
};

struct DialsRun {
  std::vector<DialsRunner> runners;   // one, or one per racing optimizer
  bool playing = false;               // advance a budget of steps every frame
  // What the runners were started from; a change to any of these restarts them (see dials_sync_run).
  LineParams start;
  LineStats data;
  bool use_bias = true;
  bool race = false;
  unsigned racers = 0;                // bit k: OptimizerKind k races
  OptimizerKind kind = OptimizerKind::Sgd;
  bool valid = false;
};

}  // namespace lpp
