// The two-parameter model y = a·x + b: its data set, loss, gradient and closed-form optimum.
// The Dials lab and the tests build on these pure functions; nothing here draws or trains.
// Legend: N points, a weight (slope), b bias (intercept).
#pragma once
#include <cstdint>
#include <vector>

namespace lpp {

using Scalar = double;

struct LineDataSpec {
  Scalar slope = 1.5;          // a of the line the points are drawn around, e.g. 1.5
  Scalar intercept = 2.0;      // b of that line, e.g. 2.0
  Scalar noise = 0.6;          // standard deviation of the Gaussian noise added to y, e.g. 0.6
  Scalar x_min = -3.0;         // x values are uniform in [x_min, x_max]
  Scalar x_max = 3.0;
  int count = 24;              // N, number of points, e.g. 24
  std::uint64_t seed = 1;      // seeds the one mt19937_64 the generator uses
};

struct LineData {
  std::vector<Scalar> x;       // N inputs
  std::vector<Scalar> y;       // N targets
  int size() const { return static_cast<int>(x.size()); }
};

struct LineParams {
  Scalar a = 0.0;              // weight
  Scalar b = 0.0;              // bias
};

struct LineGradient {
  Scalar da = 0.0;             // ∂L/∂a
  Scalar db = 0.0;             // ∂L/∂b
};

// Deterministic: the same spec (seed included) gives the same points on every platform.
LineData make_line_data(const LineDataSpec& spec);

// L(a, b) = (1/N) Σ (a·x_i + b − y_i)²; 0 for an empty set.
Scalar mse(const LineData& data, LineParams p);

// ∂L/∂a = (2/N) Σ (a·x_i + b − y_i)·x_i,  ∂L/∂b = (2/N) Σ (a·x_i + b − y_i).
LineGradient mse_gradient(const LineData& data, LineParams p);

// The least-squares optimum. With use_bias false, b is fixed at 0 and a = Σ x·y / Σ x².
// Degenerate data (fewer than two distinct x, or all x = 0 without bias) returns the minimum-norm solution.
LineParams least_squares(const LineData& data, bool use_bias);

}  // namespace lpp
