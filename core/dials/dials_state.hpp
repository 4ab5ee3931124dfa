// DialsState: what the Dials lab (y = a·x + b) must reproduce from a link: the dials, the bias switch, the data.
#pragma once
#include "linear_model.hpp"

namespace lpp {

struct DialsState {
  LineParams params{0.5, 0.0};   // the two dials the reader turns, a (weight) and b (bias)
  bool use_bias = true;          // off: b is fixed at 0 and the line must pass through the origin
  LineDataSpec data;             // the seeded data set the line is fitted to
};

// Parameters of the Dials model: a and, when the bias is on, b.
inline int dials_param_count(const DialsState& s) { return s.use_bias ? 2 : 1; }

}  // namespace lpp
