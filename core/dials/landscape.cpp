// Landscape geometry: auto-range, loss grid and elliptic contours from the sufficient statistics.
#include "dials/landscape.hpp"

#include <algorithm>
#include <cmath>

namespace lpp {
LandscapeRange landscape_range(const LineStats& s, LineParams c, LineParams start, const LandscapeView& view) {
  LandscapeRange r;
  if (s.n == 0) return r;
  // With A = H/2 = [[mean(x²), mean(x)], [mean(x), 1]], the ellipse δᵀAδ = Δ reaches √(Δ·(A⁻¹)_ii) along axis i,
  // and A⁻¹ = [[1, −mean(x)], [−mean(x), mean(x²)]] / var(x).
  const double var_x = std::max(s.mxx - s.mx * s.mx, 1e-9);
  const double var_y = std::max(s.myy - s.my * s.my, 1e-6);
  double half_a = std::sqrt(var_y / var_x), half_b = std::sqrt(var_y * s.mxx / var_x);
  half_a = std::max({half_a, 1.4 * std::abs(start.a - c.a), 0.25});
  half_b = std::max({half_b, 1.4 * std::abs(start.b - c.b), 0.25});
  const double zoom = view.zoom > 0 ? view.zoom : 1.0;
  half_a /= zoom;
  half_b /= zoom;
  r.a0 = c.a + view.pan_a - half_a;
  r.a1 = c.a + view.pan_a + half_a;
  r.b0 = c.b + view.pan_b - half_b;
  r.b1 = c.b + view.pan_b + half_b;
  return r;
}

std::vector<double> loss_grid(const LineStats& stats, const LandscapeRange& range, int nx, int ny) {
  std::vector<double> out(static_cast<std::size_t>(nx) * ny);
  for (int j = 0; j < ny; ++j) {
    const double b = range.b0 + (j + 0.5) / ny * (range.b1 - range.b0);
    for (int i = 0; i < nx; ++i) {
      const double a = range.a0 + (i + 0.5) / nx * (range.a1 - range.a0);
      out[static_cast<std::size_t>(j) * nx + i] = mse(stats, {a, b});
    }
  }
  return out;
}

std::vector<LineParams> loss_contour(const LineStats& s, LineParams c, double delta, int segments) {
  std::vector<LineParams> out;
  if (s.n == 0 || !(delta > 0) || segments < 3) return out;
  // Eigen-decomposition of A = [[p, q], [q, r]]: λ = (p + r)/2 ± √(((p − r)/2)² + q²).
  const double p = s.mxx, q = s.mx, r = 1.0;
  const double mean = 0.5 * (p + r), root = std::hypot(0.5 * (p - r), q);
  const double l1 = mean + root, l2 = mean - root;
  if (!(l2 > 1e-12 * l1)) return out;
  // Eigenvector of λ1: (q, λ1 − p), or the a axis when q = 0 and p ≥ r.
  double ux = q, uy = l1 - p;
  const double norm = std::hypot(ux, uy);
  if (norm < 1e-15) ux = p >= r ? 1.0 : 0.0, uy = p >= r ? 0.0 : 1.0;
  else ux /= norm, uy /= norm;
  const double r1 = std::sqrt(delta / l1), r2 = std::sqrt(delta / l2);
  out.reserve(segments + 1);
  for (int k = 0; k <= segments; ++k) {
    const double t = 2.0 * 3.14159265358979323846 * k / segments;
    const double u = r1 * std::cos(t), v = r2 * std::sin(t);
    // δ = u·e1 + v·e2 with e2 = (−uy, ux).
    out.push_back({c.a + u * ux - v * uy, c.b + u * uy + v * ux});
  }
  return out;
}

}  // namespace lpp
