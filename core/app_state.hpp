// AppState: everything a shared link must reproduce (the view and each lab's settings), as plain data.
// Transient UI state (hover, open panels) lives in the shell's UiState and is never serialised.
#pragma once
#include "dials/dials_state.hpp"
#include "llm/llm_state.hpp"
#include "nn/layers_state.hpp"
#include "tour/tour_state.hpp"

namespace lpp {

enum class View { Dials, Layers, Llm, Tour };

struct AppState {
  View view = View::Dials;
  DialsState dials;
  LayersState layers;
  LlmState llm;
  TourState tour;
};

}  // namespace lpp
