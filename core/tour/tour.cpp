// The tour's step table and each step's setup of the labs (see tour.hpp).
#include "tour/tour.hpp"

#include <algorithm>

namespace lpp {
namespace {

constexpr TourStep kSteps[kTourStepCount] = {
    {"function", "A model is a function"},
    {"training", "Training turns the dials"},
    {"bias", "Weights and biases"},
    {"layer", "Many outputs: a layer"},
    {"vectors", "Parameters as vectors"},
    {"more-params", "More parameters, more power?"},
    {"moe", "Mixture of experts"},
    {"llms", "Real LLMs"},
};

}  // namespace

const TourStep& tour_step(int index) { return kSteps[clamp_tour_step(index)]; }

int tour_step_index(std::string_view id) {
  for (int i = 0; i < kTourStepCount; ++i)
    if (id == kSteps[i].id) return i;
  return -1;
}

int clamp_tour_step(int step) { return std::clamp(step, 0, kTourStepCount - 1); }

void apply_tour_step(AppState& state, int step) {
  DialsState& d = state.dials;
  switch (clamp_tour_step(step)) {
    case 0:   // the two dials at their starting values, nothing training
      d.use_bias = true;
      d.train.race = false;
      d.run.playing = false;
      break;
    case 1:   // gradient descent from the start point, running
      d.use_bias = true;
      d.train.race = false;
      d.train.optimizer = OptimizerKind::Sgd;
      d.params = d.start;
      d.run.playing = true;
      break;
    case 2:   // the bias off: the line is pinned to the origin until the reader switches it on
      d.use_bias = false;
      d.train.race = false;
      d.run.playing = false;
      break;
    default:
      break;
  }
}

WordConfig tour_word_config(const TourState& tour) {
  WordConfig c;
  c.dim = std::clamp(tour.word_dim, 2, 64);
  return c;
}

LayersState tour_moe_settings() {
  LayersState s;
  s.data = DataSetKind::Spiral;
  s.points = 500;
  s.features = kFeatureX1 | kFeatureX2;
  s.loss = LossKind::BinaryCrossEntropy;
  s.batch_size = 10;
  s.optimizer = OptimizerConfig{OptimizerKind::Adam, 0.03};
  return s;
}

MoeConfig tour_moe_config(const TourState& tour) {
  MoeConfig c;
  c.experts = std::clamp(tour.moe_experts, 2, 8);
  c.top_k = std::clamp(tour.moe_top_k, 1, c.experts);
  return c;
}

}  // namespace lpp
