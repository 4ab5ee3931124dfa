// Tests of core/tour: the eight steps in the order with stable, unique ids; id lookup and clamping; each
// step's lab setup; the word and MoE settings clamped to what their views offer.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tour/tour.hpp"

namespace lpp {
namespace {

TEST(TourSteps, EightStepsInTheArticlesOrderWithStableIds) {
  const char* ids[] = {"function", "training", "bias", "layer", "vectors", "more-params", "moe", "llms"};
  ASSERT_EQ(kTourStepCount, 8);
  std::set<std::string> seen;
  for (int i = 0; i < kTourStepCount; ++i) {
    EXPECT_STREQ(tour_step(i).id, ids[i]);
    EXPECT_EQ(tour_step_index(ids[i]), i);
    seen.insert(tour_step(i).id);
  }
  EXPECT_EQ(seen.size(), 8u);
  EXPECT_EQ(tour_step_index("nope"), -1);
  EXPECT_EQ(clamp_tour_step(-3), 0);
  EXPECT_EQ(clamp_tour_step(99), 7);
}

TEST(TourSteps, DialsStepsSetUpTheModelAndTraining) {
  AppState s;
  s.dials.use_bias = false;
  s.dials.params = {2.0, 1.0};
  apply_tour_step(s, 0);
  EXPECT_TRUE(s.dials.use_bias);
  EXPECT_FALSE(s.dials.run.playing);
  apply_tour_step(s, 1);
  EXPECT_TRUE(s.dials.run.playing) << "training runs";
  EXPECT_EQ(s.dials.params.a, s.dials.start.a) << "from the start point";
  apply_tour_step(s, 2);
  EXPECT_FALSE(s.dials.use_bias) << "the bias step starts with the bias off";
  const LayersState before = s.layers;
  for (int i = 3; i < kTourStepCount; ++i) apply_tour_step(s, i);
  EXPECT_EQ(s.layers.data, before.data) << "the other steps leave the labs alone";
  EXPECT_EQ(s.layers.hidden.size(), before.hidden.size());
}

TEST(TourSettings, ClampedToTheViewsRanges) {
  TourState t;
  t.word_dim = 1000;
  EXPECT_EQ(tour_word_config(t).dim, 64);
  t.moe_experts = 3, t.moe_top_k = 5;
  const MoeConfig c = tour_moe_config(t);
  EXPECT_EQ(c.experts, 3);
  EXPECT_EQ(c.top_k, 3);
  EXPECT_EQ(tour_moe_settings().data, DataSetKind::Spiral);
}

}  // namespace
}  // namespace lpp
