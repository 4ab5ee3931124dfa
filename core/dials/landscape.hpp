// The loss landscape of y = a·x + b over (a, b): the visible range, the heat-map grid and the contour lines.
// The MSE is a quadratic in (a, b), so contours are exact ellipses around the least-squares optimum.
#pragma once
#include <vector>

#include "dials/dials_state.hpp"
#include "linear_model.hpp"

namespace lpp {

struct LandscapeRange {
  double a0 = -5, a1 = 5;        // a along the horizontal axis
  double b0 = -5, b1 = 5;        // b along the vertical axis
};

// Centred on `centre` (the least-squares optimum), wide enough that the loss rises by about the variance of y at
// the edges and the start point is inside; then zoomed and panned by `view`.
LandscapeRange landscape_range(const LineStats& stats, LineParams centre, LineParams start, const LandscapeView& view);

// L at the centres of nx × ny cells covering `range`; row-major, row 0 at b0 (the bottom), column 0 at a0.
std::vector<double> loss_grid(const LineStats& stats, const LandscapeRange& range, int nx, int ny);

// The contour L(a, b) = L* + delta, an ellipse (a − a*, b − b*)ᵀ·(H/2)·(…) = delta around `optimum` (the
// least-squares fit with the bias), as `segments` + 1 points (the last repeats the first). Empty when H is singular.
std::vector<LineParams> loss_contour(const LineStats& stats, LineParams optimum, double delta, int segments);

}  // namespace lpp
