// y = a·x + b: data generation, MSE, gradient and the closed-form least-squares fit.
#include "linear_model.hpp"

#include <cmath>
#include <random>

namespace lpp {

LineData make_line_data(const LineDataSpec& spec) {
  std::mt19937_64 rng(spec.seed);
  // Hand-rolled uniform and Box-Muller draws: std::uniform_real_distribution and std::normal_distribution
  // are implementation-defined, and the page, the desktop app and the tests must agree on every point.
  auto uniform01 = [&rng] { return static_cast<Scalar>(rng() >> 11) * 0x1.0p-53; };
  LineData d;
  d.x.reserve(spec.count);
  d.y.reserve(spec.count);
  for (int i = 0; i < spec.count; ++i) {
    const Scalar x = spec.x_min + (spec.x_max - spec.x_min) * uniform01();
    const Scalar u1 = 1.0 - uniform01();  // (0, 1], so log is finite
    const Scalar u2 = uniform01();
    const Scalar z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
    d.x.push_back(x);
    d.y.push_back(spec.slope * x + spec.intercept + spec.noise * z);
  }
  return d;
}

Scalar mse(const LineData& data, LineParams p) {
  if (data.x.empty()) return 0.0;
  Scalar sum = 0.0;
  for (int i = 0; i < data.size(); ++i) {
    const Scalar r = p.a * data.x[i] + p.b - data.y[i];
    sum += r * r;
  }
  return sum / data.size();
}

LineGradient mse_gradient(const LineData& data, LineParams p) {
  LineGradient g;
  if (data.x.empty()) return g;
  for (int i = 0; i < data.size(); ++i) {
    const Scalar r = p.a * data.x[i] + p.b - data.y[i];
    g.da += r * data.x[i];
    g.db += r;
  }
  g.da *= 2.0 / data.size();
  g.db *= 2.0 / data.size();
  return g;
}

// min ‖X·θ − y‖² for X = [x 1] (or [x] without a bias): the normal equations of a 2 × 2 (or 1 × 1) system solved in
// closed form, on centred sums for accuracy. When every x is the same, X is rank-deficient and every θ on the line
// a·x + b = mean(y) fits equally well; the one of least norm is returned (what a pseudo-inverse would give).
LineParams least_squares(const LineData& data, bool use_bias) {
  const int n = data.size();
  if (n == 0) return {};
  if (!use_bias) {
    Scalar sxx = 0, sxy = 0;
    for (int i = 0; i < n; ++i) sxx += data.x[i] * data.x[i], sxy += data.x[i] * data.y[i];
    return {sxx > 0 ? sxy / sxx : 0.0, 0.0};
  }
  Scalar mx = 0, my = 0;
  for (int i = 0; i < n; ++i) mx += data.x[i], my += data.y[i];
  mx /= n, my /= n;
  Scalar sxx = 0, sxy = 0;
  for (int i = 0; i < n; ++i) {
    const Scalar dx = data.x[i] - mx;
    sxx += dx * dx, sxy += dx * (data.y[i] - my);
  }
  if (sxx > 0) {
    const Scalar a = sxy / sxx;
    return {a, my - a * mx};
  }
  const Scalar k = my / (mx * mx + 1);  // θ = my·(mx, 1)/(mx² + 1): on the line, and parallel to the rows of X
  return {k * mx, k};
}

LineStats line_stats(const LineData& data) {
  LineStats s;
  s.n = data.size();
  if (s.n == 0) return s;
  for (int i = 0; i < s.n; ++i) {
    const Scalar x = data.x[i], y = data.y[i];
    s.mx += x;
    s.my += y;
    s.mxx += x * x;
    s.mxy += x * y;
    s.myy += y * y;
  }
  const Scalar inv = 1.0 / s.n;
  s.mx *= inv, s.my *= inv, s.mxx *= inv, s.mxy *= inv, s.myy *= inv;
  return s;
}

Scalar mse(const LineStats& s, LineParams p) {
  if (s.n == 0) return 0.0;
  const Scalar a = p.a, b = p.b;
  return a * a * s.mxx + 2 * a * b * s.mx + b * b - 2 * a * s.mxy - 2 * b * s.my + s.myy;
}

LineGradient mse_gradient(const LineStats& s, LineParams p) {
  if (s.n == 0) return {};
  return {2 * (p.a * s.mxx + p.b * s.mx - s.mxy), 2 * (p.a * s.mx + p.b - s.my)};
}

LineHessian mse_hessian(const LineStats& s, bool use_bias) {
  if (s.n == 0) return {};
  if (!use_bias) return {2 * s.mxx, 0.0, 0.0};
  return {2 * s.mxx, 2 * s.mx, 2.0};
}

Scalar max_eigenvalue(const LineHessian& h) {
  const Scalar mean = 0.5 * (h.aa + h.bb), half_diff = 0.5 * (h.aa - h.bb);
  return mean + std::sqrt(half_diff * half_diff + h.ab * h.ab);
}

}  // namespace lpp
