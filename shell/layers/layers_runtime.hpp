// LayersRuntime: the Layers lab's transient and derived data owned by the shell (never part of a link): the data
// built from LayersState, the training run, the grid evaluation for the heat maps, play/pause and speed, the
// capacity sweep in progress, CSV import text and errors, the weight being edited. One member of App.
#pragma once
#include <string>
#include <vector>

#include "nn/sweep.hpp"
#include "nn/trainer.hpp"

namespace lpp {

struct App;

struct ParamEdit {
  int layer = -1;         // weight layer 0…L−1, or −1 for no edit open
  int row = 0, col = 0;   // W_l(row, col), or b_l(row) when bias
  bool bias = false;
  float value = 0;        // the value in the edit box
};

struct LayersRuntime {
  bool built = false;                // data and run match `built_from`
  LayersState built_from;            // the state the data and the run were made from
  DataSet all;                       // every example of the current set (generated or imported)
  TrainTest data;                    // its train/test split
  TrainRun run;                      // the network being trained
  GridEval grid;                     // the network over a grid of [−6, 6]², for the heat maps
  long grid_steps = -1;              // run.steps when grid was evaluated (−1: stale)
  bool grid_dirty = true;            // a weight was edited or the run rebuilt

  bool playing = false;
  int steps_per_frame = 25;          // speed: optimizer steps per frame (25 = one epoch of TF's default)
  double step_seconds = 0;           // measured wall time per step (smoothed)
  double frame_train_seconds = 0;    // training time in the last frame
  double grid_seconds = 0;           // time of the last grid evaluation
  std::string divergence_note;       // why training stopped, shown until the next reset

  bool has_csv = false;              // csv_data holds a successfully imported set
  DataSet csv_data;
  std::string csv_text = "x1,x2,label\n";   // the import box
  std::vector<std::string> csv_errors;      // of the last import attempt

  CapacitySweep sweep;
  bool sweep_running = false;
  double sweep_progress = 0;         // 0…1
  std::vector<SweepResult> sweep_results;   // of the last finished (or cancelled) sweep

  ParamEdit edit;
};

// Rebuilds data and the run when the state's data or network settings changed (training settings apply live).
void layers_sync(App& app);
// Reset: a fresh run from the state's seed, no history, not playing.
void layers_reset(App& app);
// One frame of training (when playing) and sweeping, under a time budget; then the grid when it is stale.
void layers_advance(App& app);
// Trains `steps` steps now (the Step button), recording the losses.
void layers_step(App& app, int steps);
// Imports runtime.csv_text; on success switches the data set to it, else keeps everything and lists errors.
void layers_import_csv(App& app);
// Starts (or restarts) the capacity sweep on the current data and settings; cancel drops it.
void layers_start_sweep(App& app);
void layers_cancel_sweep(App& app);

}  // namespace lpp
