// Tests of CSV point import (core/dials/csv_points): accepted layouts, and errors that name the line.
#include "dials/csv_points.hpp"

#include <gtest/gtest.h>

namespace lpp {
namespace {

TEST(CsvPoints, ReadsCommaSemicolonTabAndSpaceSeparatedLinesWithAHeader) {
  const CsvPoints p = parse_csv_points("x,y\n1,2\n\n# a comment\n3;4.5\n-1e1\t6\n 7   8 \r\n");
  ASSERT_TRUE(p.ok()) << p.errors.front();
  EXPECT_EQ(p.data.x, (std::vector<double>{1, 3, -10, 7}));
  EXPECT_EQ(p.data.y, (std::vector<double>{2, 4.5, 6, 8}));
}

TEST(CsvPoints, ErrorsNameTheLineAndTheProblem) {
  const CsvPoints p = parse_csv_points("x,y\n1,2\n3\n4,abc\n5,6,7\n,8\n");
  ASSERT_EQ(p.errors.size(), 4u);
  EXPECT_EQ(p.errors[0], "line 3: expected 2 values (x, y), found 1");
  EXPECT_EQ(p.errors[1], "line 4: y \"abc\" is not a finite number");
  EXPECT_EQ(p.errors[2], "line 5: expected 2 values (x, y), found 3");
  EXPECT_EQ(p.errors[3], "line 6: x \"\" is not a finite number");
  EXPECT_EQ(p.data.size(), 0) << "no partial data on failure";
}

TEST(CsvPoints, AHeaderOnlyCountsOnTheFirstLine) {
  const CsvPoints p = parse_csv_points("1,2\nx,y\n3,4\n");
  ASSERT_EQ(p.errors.size(), 2u);
  EXPECT_EQ(p.errors[0], "line 2: x \"x\" is not a finite number");
}

TEST(CsvPoints, RejectsNonFiniteValuesAndTooFewPoints) {
  EXPECT_EQ(parse_csv_points("1,inf\n2,3\n").errors.front(), "line 1: y \"inf\" is not a finite number");
  EXPECT_EQ(parse_csv_points("1,1e999\n2,3\n").errors.front(), "line 1: y \"1e999\" is not a finite number");
  EXPECT_EQ(parse_csv_points("x,y\n1,2\n").errors.front(), "need at least 2 points (x, y), found 1");
  EXPECT_EQ(parse_csv_points("").errors.front(), "need at least 2 points (x, y), found 0");
}

TEST(CsvPoints, RefusesValuesALinkCannotCarry) {
  // d.pts in a link takes |x|, |y| ≤ 1e6: a larger imported point would be dropped by the next reload.
  EXPECT_EQ(parse_csv_points("1e7,1\n2,3\n").errors.front(), "line 1: x \"1e7\" is outside -1e6 to 1e6");
  EXPECT_EQ(parse_csv_points("1,2\n2,-1e200\n").errors.front(), "line 2: y \"-1e200\" is outside -1e6 to 1e6");
  EXPECT_TRUE(parse_csv_points("1e6,-1e6\n2,3\n").ok());
}

TEST(CsvPoints, CapsThePointCountAndTheErrorList) {
  std::string many;
  for (int i = 0; i <= kMaxCsvPoints; ++i) many += std::to_string(i) + ",1\n";
  const CsvPoints p = parse_csv_points(many);
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0], "line " + std::to_string(kMaxCsvPoints + 1) + ": more than 10000 points");
  std::string bad;
  for (int i = 0; i < 50; ++i) bad += "oops\n";
  EXPECT_EQ(parse_csv_points("1,2\n" + bad).errors.size(), 10u);
}

}  // namespace
}  // namespace lpp
