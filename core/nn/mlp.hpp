// A multilayer perceptron trained on batches: each layer is one matrix product over the whole batch,
// a_l = f_l(W_l · a_{l-1} + b_l), never one object per neuron. All weights and biases live in one flat vector
// (so one optimizer_step updates the whole network) and each layer sees it through Eigen::Map views.
// Not here: data sets (datasets.hpp) and the training loop with its history (trainer.hpp).
// Legend: L layers with weights, d_l width of layer l (d_0 inputs, d_L outputs), B batch, P parameters.
#pragma once
#include <cstdint>
#include <random>
#include <vector>

#include <Eigen/Core>

#include "layers_state.hpp"

namespace lpp {

const char* activation_name(Activation a);   // "ReLU", "tanh", "sigmoid", "linear"
const char* loss_name(LossKind k);           // "MSE", "binary cross-entropy", "softmax cross-entropy"
const char* regularization_name(Regularization r);
const char* init_name(InitKind k);

template <typename T>
using MatrixT = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <typename T>
using VectorT = Eigen::Matrix<T, Eigen::Dynamic, 1>;

// Parameter count of one layer, weights + biases: in·out + out.
struct LayerParamCount {
  std::int64_t weights = 0;   // d_{l-1}·d_l
  std::int64_t biases = 0;    // d_l
  std::int64_t total() const { return weights + biases; }
};

template <typename T>
struct Mlp {
  std::vector<int> widths;              // L+1: d_0 (inputs) … d_L (outputs)
  std::vector<Activation> activations;  // L: f_l of layers 1…L
  std::vector<Eigen::Index> offsets;    // L: where W_l starts in params (b_l follows it)
  VectorT<T> params;                    // P: W_1 (d_1×d_0, column-major), b_1 (d_1), W_2, b_2, …

  int layers() const { return static_cast<int>(activations.size()); }
  Eigen::Map<MatrixT<T>> weights(int l) { return {params.data() + offsets[l], widths[l + 1], widths[l]}; }
  Eigen::Map<const MatrixT<T>> weights(int l) const { return {params.data() + offsets[l], widths[l + 1], widths[l]}; }
  Eigen::Map<VectorT<T>> bias(int l) { return {params.data() + offsets[l] + widths[l] * widths[l + 1], widths[l + 1]}; }
  Eigen::Map<const VectorT<T>> bias(int l) const {
    return {params.data() + offsets[l] + widths[l] * widths[l + 1], widths[l + 1]};
  }
};

// Layer l's count (0-based over the L weight layers) and the total Σ_l (d_{l-1}·d_l + d_l).
LayerParamCount layer_param_count(const std::vector<int>& widths, int l);
std::int64_t total_param_count(const std::vector<int>& widths);

// Forward multiply-accumulates per example, weights only: Σ_l d_{l-1}·d_l.
std::int64_t forward_macs(const std::vector<int>& widths);
// FLOPs of one training step on B examples: forward 2·MACs·B, backward about twice that, so ≈ 6·MACs·B
// (Kaplan et al. 2020, "Scaling Laws for Neural Language Models", section 2.1: C ≈ 6·N per token).
std::int64_t train_step_flops(const std::vector<int>& widths, int batch);

// A network of the given widths and activations, initialised from `rng`: W_l ~ U(±√(6/(d_{l-1}+d_l))) (Xavier:
// Glorot & Bengio 2010) or N(0, 2/d_{l-1}) (He et al. 2015), b_l = 0. Draws use the RNG's raw 64-bit output
// (not std:: distributions, whose results differ between standard libraries), so native and wasm agree.
template <typename T>
Mlp<T> make_mlp(const std::vector<int>& widths, const std::vector<Activation>& activations, InitKind init,
                std::mt19937_64& rng);

// Activations of a forward pass over a batch, kept for the backward pass and the neuron heat maps.
template <typename T>
struct ForwardCache {
  std::vector<MatrixT<T>> z;   // L: d_l×B pre-activations, z_l = W_l·a_{l-1} + b_l
  std::vector<MatrixT<T>> a;   // L+1: d_l×B outputs, a_0 = x, a_l = f_l(z_l)
};

// Runs the batch x (d_0×B) through the network; cache.a.back() is the output (d_L×B).
template <typename T>
void forward(const Mlp<T>& net, const Eigen::Ref<const MatrixT<T>>& x, ForwardCache<T>& cache);

// The data loss of the output (d_L×B, after the output activation) against targets y (d_L×B), mean over B:
//   MSE: (1/B)·Σ ½(out − y)²  (TF Playground's ½ so that ∂/∂out = out − y)
//   BCE: (1/B)·Σ [softplus(out) − y·out]   out = logit, y ∈ {0, 1}
//   softmax CE: (1/B)·Σ_batch [logsumexp(out) − Σ_k y_k·out_k]   y one-hot
template <typename T>
T data_loss(LossKind loss, const Eigen::Ref<const MatrixT<T>>& out, const Eigen::Ref<const MatrixT<T>>& y);

// Weight penalty λ·Σ|w| (L1) or λ·Σ ½w² (L2) over the weights, not the biases (as TF Playground).
template <typename T>
T penalty(const Mlp<T>& net, Regularization reg, T lambda);

// Buffers of the backward pass, reused from step to step.
template <typename T>
struct BackwardBuffers {
  std::vector<MatrixT<T>> delta;   // L: d_l×B, δ_l = ∂loss/∂z_l
  VectorT<T> grad;                 // P: ∂(loss + penalty)/∂params, laid out as Mlp::params
  std::vector<MatrixT<T>> weights_t;   // L: d_{l-1}×d_l, W_lᵀ for a contiguous product (one per layer, so that
                                       // layers of different shapes never resize a shared buffer every step)
};

// Gradient of data_loss(forward(x), y) + penalty with respect to every parameter, into buffers.grad.
// `cache` must hold forward(net, x). Returns the data loss.
template <typename T>
T backward(const Mlp<T>& net, const ForwardCache<T>& cache, LossKind loss, const Eigen::Ref<const MatrixT<T>>& y,
           Regularization reg, T lambda, BackwardBuffers<T>& buffers);

// The model's prediction from the output layer: probabilities under the cross-entropies (sigmoid, softmax),
// the output itself under MSE.
template <typename T>
void predict_from_output(LossKind loss, const Eigen::Ref<const MatrixT<T>>& out, MatrixT<T>& prediction);

}  // namespace lpp
