// AppState: everything a shared link must reproduce (the view and each lab's settings), as plain data.
// Transient UI state (hover, open panels) lives in the shell's UiState and is never serialised.
#pragma once
#include "linear_model.hpp"

namespace lpp {

enum class View { Dials };

struct DialsState {
  LineParams params{0.5, 0.0};   // the two dials the reader turns, a (weight) and b (bias)
  bool use_bias = true;          // off: b is fixed at 0 and the line must pass through the origin
  LineDataSpec data;             // the seeded data set the line is fitted to
};

struct AppState {
  View view = View::Dials;
  DialsState dials;
};

// Parameters of the Dials model: a and, when the bias is on, b.
inline int dials_param_count(const DialsState& s) { return s.use_bias ? 2 : 1; }

}  // namespace lpp
