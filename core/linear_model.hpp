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

// The sufficient statistics of a data set: every loss, gradient and Hessian of this model is a function of these
// six numbers, so the landscape and full-batch training cost O(1) per evaluation instead of O(N).
struct LineStats {
  int n = 0;                   // N
  Scalar mx = 0, my = 0;       // mean x, mean y
  Scalar mxx = 0, mxy = 0, myy = 0;  // mean x², mean x·y, mean y²
};
LineStats line_stats(const LineData& data);

// L(a, b) = a²·mean(x²) + 2ab·mean(x) + b² − 2a·mean(xy) − 2b·mean(y) + mean(y²), the expanded mse().
Scalar mse(const LineStats& s, LineParams p);
// ∂L/∂a = 2(a·mean(x²) + b·mean(x) − mean(xy)),  ∂L/∂b = 2(a·mean(x) + b − mean(y)).
LineGradient mse_gradient(const LineStats& s, LineParams p);

// The Hessian of the MSE, constant because the loss is quadratic:
//   H = 2·[[mean(x²), mean(x)], [mean(x), 1]]; without a bias only H_aa = 2·mean(x²) remains.
struct LineHessian {
  Scalar aa = 0, ab = 0, bb = 0;
};
LineHessian mse_hessian(const LineStats& s, bool use_bias);

// λ_max of a symmetric 2×2 matrix [[p, q], [q, r]]: (p + r)/2 + √(((p − r)/2)² + q²).
Scalar max_eigenvalue(const LineHessian& h);

}  // namespace lpp
