// Tests of core/nn/datasets: TF Playground's geometry at zero noise, seeding, the split, features, targets and
// CSV import whose errors name the line.
#include <gtest/gtest.h>

#include <cmath>

#include "nn/datasets.hpp"

namespace lpp {
namespace {

TEST(DataSets, CircleClassesFollowTheRadiusWithoutNoise) {
  const DataSet d = make_dataset(DataSetKind::Circle, 500, 0.0, 3);
  ASSERT_EQ(d.size(), 500);
  for (int i = 0; i < d.size(); ++i) {
    const double r = d.x.col(i).norm();
    EXPECT_EQ(d.label[i], r < 2.5 ? 1 : 0) << "radius " << r;   // inside 5·0.5 is class 1 (dataset.ts)
    EXPECT_LE(r, 5.0);
  }
}

TEST(DataSets, XorClassIsTheSignOfTheProduct) {
  const DataSet d = make_dataset(DataSetKind::Xor, 300, 0.0, 4);
  for (int i = 0; i < d.size(); ++i) {
    EXPECT_EQ(d.label[i], d.x(0, i) * d.x(1, i) >= 0 ? 1 : 0);
    EXPECT_GE(std::abs(d.x(0, i)), 0.3);   // the padding keeps points off the axes
  }
}

TEST(DataSets, EveryKindHasItsClassesAndStaysInRange) {
  const DataSetKind kinds[] = {DataSetKind::Circle, DataSetKind::Xor, DataSetKind::Gaussian, DataSetKind::Spiral,
                               DataSetKind::ThreeSpirals, DataSetKind::Plane, DataSetKind::MultiGaussian};
  const int classes[] = {2, 2, 2, 2, 3, 0, 0};
  for (int k = 0; k < 7; ++k) {
    const DataSet d = make_dataset(kinds[k], 300, 0.2, 9);
    EXPECT_EQ(d.classes, classes[k]) << dataset_name(kinds[k]);
    EXPECT_EQ(d.size(), 300) << dataset_name(kinds[k]);
    if (d.regression()) {
      // TF Playground does not clamp the plane's noisy labels: (x + y + noise)/10 reaches (12 + 2.4)/10 at 0.2.
      EXPECT_LE(d.value.cwiseAbs().maxCoeff(), 1.44 + 1e-12) << dataset_name(kinds[k]);
    } else {
      for (int c = 0; c < d.classes; ++c)
        EXPECT_GT(std::count(d.label.begin(), d.label.end(), c), 50) << dataset_name(kinds[k]) << " class " << c;
    }
  }
}

TEST(DataSets, PlaneValueIsTheScaledSum) {
  const DataSet d = make_dataset(DataSetKind::Plane, 50, 0.0, 2);
  for (int i = 0; i < d.size(); ++i) EXPECT_NEAR(d.value[i], (d.x(0, i) + d.x(1, i)) / 10.0, 1e-12);   // [−10,10]→[−1,1]
}

TEST(DataSets, SameSeedSameDataAndTheSplitKeepsEveryPoint) {
  const DataSet a = make_dataset(DataSetKind::Spiral, 200, 0.3, 11), b = make_dataset(DataSetKind::Spiral, 200, 0.3, 11);
  EXPECT_EQ(a.x, b.x);
  EXPECT_NE(a.x, make_dataset(DataSetKind::Spiral, 200, 0.3, 12).x);
  const TrainTest s = split_dataset(a, 30, 11);
  EXPECT_EQ(s.train.size(), 60);
  EXPECT_EQ(s.test.size(), 140);
  EXPECT_NEAR(s.train.x.sum() + s.test.x.sum(), a.x.sum(), 1e-9);
}

TEST(Features, RowsInBitOrder) {
  Eigen::Matrix<double, 2, Eigen::Dynamic> x(2, 1);
  x << 2, 3;
  const Eigen::MatrixXf f = make_features(x, 0x7f);
  ASSERT_EQ(f.rows(), 7);
  const float want[7] = {2, 3, 4, 9, 6, static_cast<float>(std::sin(2.0)), static_cast<float>(std::sin(3.0))};
  for (int i = 0; i < 7; ++i) EXPECT_FLOAT_EQ(f(i, 0), want[i]) << feature_name(i);
  EXPECT_EQ(make_features(x, kFeatureX2 | kFeatureX1X2).rows(), 2);
}

TEST(Targets, ShapesPerLoss) {
  DataSet d;
  d.x.setZero(2, 3);
  d.label = {0, 1, 2};
  d.classes = 3;
  d.value.setZero(3);
  EXPECT_FALSE(loss_fits(LossKind::BinaryCrossEntropy, d));
  const Eigen::MatrixXf y = make_targets(d, LossKind::SoftmaxCrossEntropy);
  EXPECT_EQ(y, Eigen::MatrixXf::Identity(3, 3));
  d.label = {0, 1, 1};
  d.classes = 2;
  EXPECT_EQ(make_targets(d, LossKind::Mse), (Eigen::MatrixXf(1, 3) << -1, 1, 1).finished());
  EXPECT_EQ(make_targets(d, LossKind::BinaryCrossEntropy), (Eigen::MatrixXf(1, 3) << 0, 1, 1).finished());
}

TEST(CsvImport, ReadsClassesWithAHeaderAndScalesIntoTheView) {
  const CsvImport r = parse_csv_dataset("x1,x2,label\n0,0,0\n10,5,1\n# comment\n\n5,10,2\r\n10,10,1\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  EXPECT_EQ(r.data.size(), 4);
  EXPECT_EQ(r.data.classes, 3);
  EXPECT_DOUBLE_EQ(r.data.x(0, 0), -6.0);   // min of x1 → −6
  EXPECT_DOUBLE_EQ(r.data.x(0, 1), 6.0);    // max of x1 → +6
  EXPECT_DOUBLE_EQ(r.data.x(1, 1), 0.0);    // x2 = 5 is the middle of [0, 10]
}

TEST(CsvImport, PlusMinusOneIsBinaryAndFractionsAreRegression) {
  EXPECT_EQ(parse_csv_dataset("1,2,1\n2,3,-1\n3,1,1\n4,4,-1\n").data.classes, 2);
  const CsvImport r = parse_csv_dataset("1,2,0.5\n2,3,1.5\n3,1,2.5\n4,4,0.5\n");
  ASSERT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.data.regression());
  EXPECT_DOUBLE_EQ(r.data.value[1], 0.0);   // 1.5 is the middle of [0.5, 2.5]
}

TEST(CsvImport, ErrorsNameTheLine) {
  const CsvImport r = parse_csv_dataset("x1,x2,label\n1,2,0\n3,4\n5,abc,1\n7,8,1,9\n");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0], "line 3: expected 3 comma-separated values (x1,x2,label), found 2");
  EXPECT_EQ(r.errors[1], "line 4: 'abc' (column 2) is not a finite number");
  EXPECT_EQ(r.errors[2], "line 5: expected 3 comma-separated values (x1,x2,label), found 4");
  const CsvImport few = parse_csv_dataset("1,2,0\n3,4,1\n");
  ASSERT_EQ(few.errors.size(), 1u);
  EXPECT_NE(few.errors[0].find("at least 4 data rows"), std::string::npos);
  EXPECT_FALSE(parse_csv_dataset("1,2,0\nnan,1,1\n2,2,0\n3,3,1\n4,4,0\n").errors.empty());   // no NaN sneaks in
}

TEST(CsvImport, HugeValuesScaleWithoutOverflow) {
  // x1 spans ±1e308, so max − min overflows to inf: before scaling by halves, (v − min)/inf gave NaN at the max.
  const CsvImport r = parse_csv_dataset("1e308,0,0\n-1e308,1,1\n0,2,0\n5,3,1\n");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  EXPECT_TRUE(r.data.x.allFinite());
  EXPECT_DOUBLE_EQ(r.data.x(0, 0), 6.0);
  EXPECT_DOUBLE_EQ(r.data.x(0, 1), -6.0);
  EXPECT_DOUBLE_EQ(r.data.x(0, 2), 0.0);   // 0 is the middle of [−1e308, 1e308]
}

TEST(CsvImport, AMillionRowsAreRefusedAtTheLimitWithoutReadingThemAll) {
  std::string text = "x1,x2,label\n";
  for (int i = 0; i < 1000000; ++i)
    text += std::to_string(i % 97) + "," + std::to_string(i % 89) + "," + std::to_string(i % 2) + "\n";
  const CsvImport r = parse_csv_dataset(text);
  ASSERT_EQ(r.errors.size(), 1u);
  // The header is line 1, so data row kMaxCsvRows + 1 is line kMaxCsvRows + 2.
  EXPECT_EQ(r.errors[0], "line " + std::to_string(kMaxCsvRows + 2) + ": more than 5000 data rows");
  text.resize(text.find('\n', 0) + 1);
  for (int i = 0; i < kMaxCsvRows; ++i) text += std::to_string(i % 97) + "," + std::to_string(i % 89) + ",1\n";
  EXPECT_TRUE(parse_csv_dataset(text).errors.empty()) << "exactly the limit is accepted";
}

}  // namespace
}  // namespace lpp
