// GptRuntime: the Tiny GPT lab's run (the model, its Adam moments, the step's scratch, the RNG, the corpus as
// tokens, the loss history, the latest sample) and the analysis the panel reads. Never part of a link: it is
// rebuilt from GptLabState whenever the spec's run fields change (same_run). app_update advances it under a time
// budget per frame; the draw code only reads it and presses play, pause, step and reset.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gpt/gpt_corpus.hpp"
#include "gpt/gpt_lab_analysis.hpp"
#include "gpt/gpt_lab_state.hpp"
#include "gpt/gpt_train.hpp"

namespace lpp {

struct App;

struct GptRuntime {
  bool built = false;
  GptLabState spec;                 // the spec the run was built from (its run fields) and sampled with
  gpt::TextData text;               // the shipped corpus, split; made once
  gpt::GptConfig config;            // spec.model with the corpus's vocabulary
  gpt::Model<float> model;
  gpt::AdamState adam;
  gpt::StepScratch scratch;
  std::mt19937_64 rng;              // seeded from the spec's seed: initial weights, then every batch
  std::vector<gpt::LossPoint> history;
  double train_sum = 0;             // batch losses since the last history point
  int train_count = 0;
  std::int64_t tokens = 0;          // D, training tokens seen
  bool playing = false;
  std::vector<std::string> spec_problems;   // why the spec makes no model (gpt::validate); the last run stays
  std::string diverged;             // why training stopped (a loss that is not finite), until the next reset

  // The latest sample, grown a few bytes per frame, then shown whole until the next one is due.
  std::string sample;               // the finished sample the panel shows
  std::string sample_growing;       // the one being generated
  std::vector<int> sample_tokens;   // prompt + generated so far, as tokens
  bool sampling = false;
  std::mt19937_64 sample_rng;       // this sample's draws
  double next_sample_time = 0;      // steady-clock seconds when the next sample starts
  std::uint64_t samples_made = 0;   // seeds each sample's own RNG, so sampling never moves the training RNG

  gpt::GptModelAnalysis model_analysis;      // once per run
  gpt::GptProgressAnalysis progress;         // after each frame that trained
  double step_seconds = 0;          // measured wall time per training step (smoothed), for the status line
};

// Training steps between two points of the loss curve, and validation windows per point.
inline constexpr int kGptStepsPerPoint = 20;
inline constexpr int kGptValidationWindows = 16;

// Rebuilds the run when the spec's run fields differ from the built one (or a spec that does not validate: the
// last good run stays and the panel shows why). Cheap when nothing changed.
void gpt_sync(App& app);
// A fresh run from the spec: initial weights from the seed, no history; paused, except the lab's first run.
void gpt_reset(App& app);
// Trains `steps` steps now, recording the losses as the frame budget does. Deterministic: the same spec and steps
// give the same weights, whatever the frames were.
void gpt_step(App& app, int steps);
// One frame's work when the lab is shown: sync, then train for the budget when playing, then grow the sample.
void gpt_advance(App& app);

}  // namespace lpp
