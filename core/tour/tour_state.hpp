// TourState: where the reader is in the guided tour (what a link to one step must reproduce).
#pragma once

namespace lpp {

struct TourState {
  int step = 0;  // 0-based index of the tour step shown, e.g. 4 for "parameters as vectors"
};

}  // namespace lpp
