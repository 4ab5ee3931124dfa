// Tests of core/nn/sweep: the series of shapes, budgeted progress, and that capacity helps on a hard set.
#include <gtest/gtest.h>

#include "nn/sweep.hpp"

namespace lpp {
namespace {

TEST(CapacitySweep, SeriesAdvancesUnderABudgetAndRecordsEveryNetwork) {
  LayersState s;
  s.data = DataSetKind::Circle;
  s.points = 200;
  s.optimizer.learning_rate = 0.03;
  const TrainTest data = split_dataset(make_dataset(s.data, s.points, s.noise, s.data_seed), 50, 1);
  CapacitySweep sweep = make_capacity_sweep(s, 100);
  ASSERT_EQ(sweep.shapes.size(), 13u);   // depth 1: 1…64 (7 widths), depth 3: 2…64 (6 widths)
  EXPECT_EQ(sweep_advance(sweep, s, data, 0.0), 0.0) << "no time, no progress";
  double progress = 0;
  int calls = 0;
  while (!sweep.done() && calls < 100000) {
    const double p = sweep_advance(sweep, s, data, 0.002);
    EXPECT_GE(p, progress);
    progress = p;
    ++calls;
  }
  EXPECT_TRUE(sweep.done());
  EXPECT_DOUBLE_EQ(progress, 1.0);
  ASSERT_EQ(sweep.results.size(), 13u);
  EXPECT_EQ(sweep.results[0].params, 5);              // 2 → 1 → 1: (2·1+1) + (1·1+1)
  EXPECT_EQ(sweep.results[6].params, 257);            // 2 → 64 → 1: (2·64+64) + (64·1+1)
  // The circle needs capacity: one neuron draws a line; the widest deep network closes the ring.
  EXPECT_LT(sweep.results.back().train_loss, 0.1 * sweep.results.front().train_loss);
}

}  // namespace
}  // namespace lpp
