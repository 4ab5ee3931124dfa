// TourState: where the reader is in the guided tour and the few settings its live views add (what a link to one
// step must reproduce). Each step's setup of the labs is derived from the step index (tour.hpp), not stored.
#pragma once
#include <string>

namespace lpp {

struct TourState {
  int step = 0;                 // 0-based index of the tour step shown, e.g. 4 for "parameters as vectors"
  int layer_inputs = 3;         // step 4: inputs of the layer shown, e.g. 3 (1…8)
  int layer_outputs = 2;        // step 4: its outputs, e.g. 2 (1…8)
  int word_dim = 16;            // step 5: D, numbers per word vector, e.g. 16 (2…64)
  std::string word = "apple";   // step 5: the word whose neighbours are listed, e.g. "apple"
  int moe_experts = 4;          // step 7: E, experts, e.g. 4 (2…8)
  int moe_top_k = 2;            // step 7: k, experts run per example, e.g. 2 (1…E)
};

}  // namespace lpp
