// AppState: everything a shared link must reproduce (the view and each lab's settings), as plain data.
// Transient UI state (hover, open panels) lives in the shell's UiState and is never serialised.
#pragma once
#include <string>
#include <vector>

#include "dials/dials_state.hpp"
#include "gpt/gpt_lab_state.hpp"
#include "llm/llm_state.hpp"
#include "nn/layers_state.hpp"
#include "tour/tour_state.hpp"

namespace lpp {

enum class View { Dials, Layers, Llm, Tour, Gpt };

// How the page presents itself: what an embedding author sets in the link.
struct PageState {
  bool embed = false;                 // one view without the surrounding chrome (title, tabs), for iframes
  std::vector<std::string> hidden;    // lesson keys: controls or text to hide, e.g. {"d.train", "d.data"}
};

struct AppState {
  View view = View::Dials;
  PageState page;
  DialsState dials;
  LayersState layers;
  LlmState llm;
  TourState tour;
  GptLabState gpt;
};

}  // namespace lpp
