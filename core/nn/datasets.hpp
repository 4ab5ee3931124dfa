// The Layers lab's data: TF Playground's seeded 2-D data sets (dataset.ts, reproduced here with our own RNG),
// a three-class spiral, CSV import, the train/test split, the input features and the target matrices.
// Not here: the network (mlp.hpp) or training (trainer.hpp).
// Legend: N examples, F input features, K classes (0 for regression), d_L network outputs.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "layers_state.hpp"

namespace lpp {

const char* dataset_name(DataSetKind kind);          // "Circle", "XOR", …
const char* feature_name(int bit);                   // "x1", "x2", "x1²", … for bit 0…kFeatureCount−1

constexpr double kDataRadius = 6.0;                  // every set lies in (or is scaled into) [−6, 6]²

struct DataSet {
  Eigen::Matrix<double, 2, Eigen::Dynamic> x;        // 2×N: x1, x2
  std::vector<int> label;                            // N: class 0…K−1 (classification only)
  Eigen::VectorXd value;                             // N: target in [−1, 1] (regression only)
  int classes = 2;                                   // K; 0 for a regression set
  bool regression() const { return classes == 0; }
  int size() const { return static_cast<int>(x.cols()); }
};

// A seeded set of `points` examples with TF Playground's noise (0…0.5). Not for DataSetKind::Csv.
DataSet make_dataset(DataSetKind kind, int points, double noise, std::uint64_t seed);

struct TrainTest {
  DataSet train;   // the first train_percent % of a seeded shuffle (in shuffled order: batches take runs of it)
  DataSet test;    // the rest
};
TrainTest split_dataset(const DataSet& all, int train_percent, std::uint64_t seed);

// CSV import: "x1,x2,label" rows, an optional header row, '#' comments and blank lines skipped. Labels that are
// all integers in 0…9 (or −1/1, TF Playground's convention) make a classification set, anything else a
// regression set scaled to [−1, 1] (a constant label to 0). x1 and x2 are scaled per axis into [−6, 6] (a constant
// column to 0). 4 to kMaxCsvRows rows; reading stops at the first row over the limit or at the tenth problem.
// Errors name the line.
constexpr int kMaxCsvRows = 5000;      // the most a generated set has (l.n); the lab evaluates every point per frame
struct CsvImport {
  DataSet data;                        // valid only when errors is empty
  std::vector<std::string> errors;     // "line 7: expected 3 comma-separated values (x1,x2,label), found 2"
};
CsvImport parse_csv_dataset(const std::string& text);

// Number of features set in `mask` (F).
int feature_count(unsigned mask);
// The network's input: F×N, one row per feature in bit order (x1, x2, x1², x2², x1·x2, sin x1, sin x2).
Eigen::MatrixXf make_features(const Eigen::Ref<const Eigen::Matrix<double, 2, Eigen::Dynamic>>& x, unsigned mask);

// Whether `loss` can train on `data`: regression needs MSE; binary cross-entropy needs two classes.
bool loss_fits(LossKind loss, const DataSet& data);
// d_L: 1 for regression, binary MSE (±1 target) and binary cross-entropy; K for softmax (and MSE on K > 2).
int output_width(const DataSet& data, LossKind loss);
// d_L×N targets: the value (regression); ±1 (binary MSE, class 1 is +1); 0/1 (binary cross-entropy); one-hot.
Eigen::MatrixXf make_targets(const DataSet& data, LossKind loss);
// The predicted class of each column of a prediction (predict_from_output), for accuracy.
int predicted_class(LossKind loss, const Eigen::Ref<const Eigen::VectorXf>& prediction);

}  // namespace lpp
