// The guided tour's steps: their stable ids (for links), titles, and the setup each step gives the labs it shows
// (derived from the step index, so a link to a step needs only the index). Pure functions over AppState; the text
// and the live views are in shell/tour.
#pragma once
#include <string_view>

#include "app_state.hpp"
#include "nn/moe.hpp"
#include "words/word_vectors.hpp"

namespace lpp {

inline constexpr int kTourStepCount = 8;

struct TourStep {
  const char* id;      // stable short id for links, e.g. "vectors"
  const char* title;   // e.g. "Parameters as vectors"
};

// Steps in order (0…kTourStepCount−1).
const TourStep& tour_step(int index);
// The index of the step with `id`, or −1.
int tour_step_index(std::string_view id);
// `step` clamped into 0…kTourStepCount−1.
int clamp_tour_step(int step);

// Sets up the lab a step shows: the Dials model and its training for steps 1-3 (0-2). The other steps show views
// of their own (the layer, word vectors, MoE, LLM comparison) or the reader's Layers settings (the sweep), so
// entering them changes no lab.
void apply_tour_step(AppState& state, int step);

// The word-vector settings of step 5 and the MoE settings of step 7, from the tour's fields.
WordConfig tour_word_config(const TourState& tour);
LayersState tour_moe_settings();   // the spiral, x1 and x2, binary cross-entropy, Adam at 0.03, batch 10, seed 1
MoeConfig tour_moe_config(const TourState& tour);
inline constexpr long kTourMoeSteps = 3000;   // steps each of the three models trains in step 7

// Step 8's models: preset ids, e.g. "grok-1".
inline constexpr const char* kTourLlmPresets[] = {"grok-1", "deepseek-v3", "gpt-4-rumoured"};

}  // namespace lpp
