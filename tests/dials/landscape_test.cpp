// Tests of the loss landscape (core/dials/landscape): the grid is the MSE at the cell centres, the contours lie
// on their level, and the auto-range holds the optimum, the start and the zoom.
#include "dials/landscape.hpp"

#include <gtest/gtest.h>

namespace lpp {
namespace {

TEST(Landscape, GridIsTheLossAtCellCentres) {
  const LineData data = make_line_data({});
  const LandscapeRange r{-1.0, 3.0, 0.0, 2.0};
  const std::vector<double> g = loss_grid(line_stats(data), r, 4, 2);
  ASSERT_EQ(g.size(), 8u);
  // Cell (i, j) centre: a = −1 + (i + 0.5)·1, b = 0 + (j + 0.5)·1.
  EXPECT_NEAR(g[0], mse(data, {-0.5, 0.5}), 1e-10);
  EXPECT_NEAR(g[3], mse(data, {2.5, 0.5}), 1e-10);
  EXPECT_NEAR(g[1 * 4 + 2], mse(data, {1.5, 1.5}), 1e-10);
}

TEST(Landscape, ContoursLieOnTheirLevel) {
  LineDataSpec spec;
  spec.x_min = 1.0;  // a tilted ellipse: mean(x) ≠ 0
  spec.x_max = 4.0;
  const LineData data = make_line_data(spec);
  const LineParams best = least_squares(data, true);
  const double floor = mse(data, best);
  for (double delta : {0.01, 1.0, 25.0}) {
    const std::vector<LineParams> c = loss_contour(line_stats(data), best, delta, 64);
    ASSERT_EQ(c.size(), 65u);
    for (const LineParams& p : c) EXPECT_NEAR(mse(data, p), floor + delta, 1e-9 * (1 + delta));
  }
  EXPECT_TRUE(loss_contour(line_stats(LineData{{1, 1}, {2, 3}}), {0, 2.5}, 1.0, 64).empty()) << "one distinct x: H singular";
}

TEST(Landscape, RangeHoldsTheOptimumAndTheStartAndZooms) {
  const LineData data = make_line_data({});
  const LineStats stats = line_stats(data);
  const LineParams best = least_squares(data, true);
  const LineParams start{-8.0, 0.0};
  const LandscapeRange r = landscape_range(stats, best, start, {});
  EXPECT_NEAR((r.a0 + r.a1) / 2, best.a, 1e-12);
  EXPECT_NEAR((r.b0 + r.b1) / 2, best.b, 1e-12);
  EXPECT_LT(r.a0, start.a);
  LandscapeView zoomed;
  zoomed.zoom = 2;
  zoomed.pan_a = 1;
  const LandscapeRange z = landscape_range(stats, best, start, zoomed);
  EXPECT_NEAR(z.a1 - z.a0, (r.a1 - r.a0) / 2, 1e-12);
  EXPECT_NEAR((z.a0 + z.a1) / 2, best.a + 1, 1e-12);
}

}  // namespace
}  // namespace lpp
