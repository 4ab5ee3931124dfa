// Headless UI tests of the Dials lab: training frames, race mode, landscape clicks, point editing, CSV import.
#include "headless_ui.hpp"

namespace lpp {
namespace {

TEST(DialsUi, DrawsManyFrames) {
  HeadlessUi ui(1.0f);
  for (int i = 0; i < 5; ++i) ui.frame();
  EXPECT_GT(ui.vertices(), 1000);
}

}  // namespace
}  // namespace lpp
