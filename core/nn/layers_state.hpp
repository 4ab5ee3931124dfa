// LayersState: what the Layers lab (small neural networks) must reproduce from a link: the data set, the input
// features, the network's shape and activations, the loss, regularization, optimizer and seed.
// Plain data and the enums that name its choices; the network, the data and training live in mlp/datasets/trainer.
#pragma once
#include <cstdint>
#include <vector>

#include "optimizer.hpp"

namespace lpp {

enum class Activation { Relu, Tanh, Sigmoid, Linear };
constexpr int kActivationCount = 4;

// The loss compares the network's output with the targets. The two cross-entropies take logits (the output layer
// is linear and the loss applies the sigmoid or softmax itself, for numerical stability, as PyTorch's
// BCEWithLogitsLoss and CrossEntropyLoss do).
enum class LossKind { Mse, BinaryCrossEntropy, SoftmaxCrossEntropy };
constexpr int kLossKindCount = 3;

enum class Regularization { None, L1, L2 };
constexpr int kRegularizationCount = 3;

// Auto: He for ReLU layers, Xavier (Glorot) for the others.
enum class InitKind { Auto, Xavier, He };
constexpr int kInitKindCount = 3;

// Classification sets have 2 classes except ThreeSpirals; Plane and MultiGaussian are regression sets.
enum class DataSetKind { Circle, Xor, Gaussian, Spiral, ThreeSpirals, Plane, MultiGaussian, Csv };
constexpr int kDataSetKindCount = 8;

// The input features TF Playground offers, as bits of LayersState::features.
enum Feature : unsigned {
  kFeatureX1 = 1u << 0,      // x1
  kFeatureX2 = 1u << 1,      // x2
  kFeatureX1Sq = 1u << 2,    // x1²
  kFeatureX2Sq = 1u << 3,    // x2²
  kFeatureX1X2 = 1u << 4,    // x1·x2
  kFeatureSinX1 = 1u << 5,   // sin x1
  kFeatureSinX2 = 1u << 6,   // sin x2
};
constexpr int kFeatureCount = 7;

struct HiddenLayer {
  int width = 4;                               // neurons, e.g. 4 (1..kMaxWidth)
  Activation activation = Activation::Tanh;    // applied to this layer's pre-activations
};

struct LayersState {
  static constexpr int kMaxLayers = 10;        // hidden layers the UI offers
  static constexpr int kMaxWidth = 64;         // neurons per hidden layer the UI offers

  DataSetKind data = DataSetKind::Circle;      // which data set
  int points = 500;                            // N, examples generated (train + test), e.g. 500
  double noise = 0.0;                          // 0..0.5, TF Playground's noise slider / 100
  int train_percent = 50;                      // share of the points used for training, e.g. 50
  std::uint64_t data_seed = 1;                 // seeds the data set (a new seed is a new sample)
  unsigned features = kFeatureX1 | kFeatureX2; // bit set of Feature

  std::vector<HiddenLayer> hidden = {{4, Activation::Tanh}, {2, Activation::Tanh}};  // TF Playground's default
  Activation output_activation = Activation::Tanh;  // output layer under MSE (logit losses force Linear)
  LossKind loss = LossKind::Mse;               // TF Playground trains with squared error on ±1 labels
  Regularization regularization = Regularization::None;
  double regularization_rate = 0.0;            // λ, e.g. 0.001
  InitKind init = InitKind::Auto;
  std::uint64_t seed = 1;                      // seeds the initial weights

  int batch_size = 10;                         // B, examples per step, e.g. 10
  OptimizerConfig optimizer{OptimizerKind::Sgd, 0.03};  // TF Playground's default learning rate 0.03
};

}  // namespace lpp
