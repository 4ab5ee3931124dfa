// The MLP's forward and backward passes, losses, initialisation and counts (equations in mlp.hpp).
// Legend: L layers with weights, d_l width of layer l, B batch, P parameters.
#include "mlp.hpp"

#include <cassert>
#include <cmath>

#include "draws.hpp"

namespace lpp {

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::Relu: return "ReLU";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Linear: return "linear";
  }
  return "?";
}

const char* loss_name(LossKind k) {
  switch (k) {
    case LossKind::Mse: return "MSE";
    case LossKind::BinaryCrossEntropy: return "binary cross-entropy";
    case LossKind::SoftmaxCrossEntropy: return "softmax cross-entropy";
  }
  return "?";
}

const char* regularization_name(Regularization r) {
  switch (r) {
    case Regularization::None: return "none";
    case Regularization::L1: return "L1";
    case Regularization::L2: return "L2";
  }
  return "?";
}

const char* init_name(InitKind k) {
  switch (k) {
    case InitKind::Auto: return "auto (He for ReLU, else Xavier)";
    case InitKind::Xavier: return "Xavier";
    case InitKind::He: return "He";
  }
  return "?";
}

LayerParamCount layer_param_count(const std::vector<int>& widths, int l) {
  LayerParamCount c;
  c.weights = static_cast<std::int64_t>(widths[l]) * widths[l + 1];   // W_l: d_l × d_{l-1}
  c.biases = widths[l + 1];                                            // b_l: d_l
  return c;
}

std::int64_t total_param_count(const std::vector<int>& widths) {
  std::int64_t n = 0;
  for (int l = 0; l + 1 < static_cast<int>(widths.size()); ++l) n += layer_param_count(widths, l).total();
  return n;
}

std::int64_t forward_macs(const std::vector<int>& widths) {
  std::int64_t n = 0;
  for (int l = 0; l + 1 < static_cast<int>(widths.size()); ++l) n += layer_param_count(widths, l).weights;
  return n;
}

std::int64_t train_step_flops(const std::vector<int>& widths, int batch) {
  const std::int64_t forward = 2 * forward_macs(widths) * batch;   // one multiply + one add per MAC
  return 3 * forward;                                               // forward + backward ≈ 2 × forward
}

template <typename T>
Mlp<T> make_mlp(const std::vector<int>& widths, const std::vector<Activation>& activations, InitKind init,
                std::mt19937_64& rng) {
  assert(widths.size() == activations.size() + 1 && "one activation per weight layer");
  Mlp<T> net;
  net.widths = widths;
  net.activations = activations;
  Eigen::Index offset = 0;
  for (int l = 0; l < net.layers(); ++l) {
    net.offsets.push_back(offset);
    offset += layer_param_count(widths, l).total();
  }
  net.params.setZero(offset);
  for (int l = 0; l < net.layers(); ++l) {
    const double fan_in = widths[l], fan_out = widths[l + 1];
    const bool he = init == InitKind::He || (init == InitKind::Auto && activations[l] == Activation::Relu);
    Eigen::Map<MatrixT<T>> w = net.weights(l);
    for (Eigen::Index j = 0; j < w.cols(); ++j) {
      for (Eigen::Index i = 0; i < w.rows(); ++i) {
        // He: N(0, 2/fan_in);  Xavier: U(−r, r), r = √(6/(fan_in + fan_out))
        const double limit = std::sqrt(6.0 / (fan_in + fan_out));
        w(i, j) = static_cast<T>(he ? draw_normal(rng, 0.0, std::sqrt(2.0 / fan_in)) : draw_uniform(rng, -limit, limit));
      }
    }
  }
  return net;
}

namespace {

// a = f(z), elementwise.
template <typename T>
void activate(Activation f, const MatrixT<T>& z, MatrixT<T>& a) {
  switch (f) {
    case Activation::Relu: a = z.cwiseMax(T(0)); break;
    case Activation::Tanh: a = z.array().tanh().matrix(); break;
    case Activation::Sigmoid: a = z.array().logistic().matrix(); break;
    case Activation::Linear: a = z; break;
  }
}

// delta ⊙= f'(z), with f' written through the output a = f(z): tanh' = 1 − a², σ' = a(1 − a), ReLU' = [a > 0].
template <typename T>
void times_derivative(Activation f, const MatrixT<T>& a, MatrixT<T>& delta) {
  switch (f) {
    case Activation::Relu: delta = (a.array() > T(0)).select(delta, T(0)); break;
    case Activation::Tanh: delta.array() *= T(1) - a.array().square(); break;
    case Activation::Sigmoid: delta.array() *= a.array() * (T(1) - a.array()); break;
    case Activation::Linear: break;
  }
}

// softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), finite for every finite x.
template <typename T>
T softplus(T x) {
  return std::max(x, T(0)) + std::log1p(std::exp(-std::abs(x)));
}

}  // namespace

template <typename T>
void forward(const Mlp<T>& net, const Eigen::Ref<const MatrixT<T>>& x, ForwardCache<T>& cache) {
  const int L = net.layers();
  assert(x.rows() == net.widths[0] && "one row per input feature");
  cache.z.resize(L);
  cache.a.resize(L + 1);
  cache.a[0] = x;
  for (int l = 0; l < L; ++l) {
    // z_l = W_l · a_{l-1} + b_l     (d_l×B)
    cache.z[l].noalias() = net.weights(l) * cache.a[l];
    cache.z[l].colwise() += net.bias(l);
    // a_l = f_l(z_l)                (d_l×B)
    activate(net.activations[l], cache.z[l], cache.a[l + 1]);
  }
}

template <typename T>
T data_loss(LossKind loss, const Eigen::Ref<const MatrixT<T>>& out, const Eigen::Ref<const MatrixT<T>>& y) {
  assert(out.rows() == y.rows() && out.cols() == y.cols() && "one target per output");
  const T batch = static_cast<T>(out.cols());
  if (out.cols() == 0) return T(0);
  switch (loss) {
    case LossKind::Mse:
      return T(0.5) * (out - y).squaredNorm() / batch;
    case LossKind::BinaryCrossEntropy: {
      T sum = 0;
      for (Eigen::Index j = 0; j < out.cols(); ++j)
        for (Eigen::Index i = 0; i < out.rows(); ++i) sum += softplus(out(i, j)) - y(i, j) * out(i, j);
      return sum / batch;
    }
    case LossKind::SoftmaxCrossEntropy: {
      T sum = 0;
      for (Eigen::Index j = 0; j < out.cols(); ++j) {
        // logsumexp(o) = m + log Σ e^(o−m), m = max o
        const T m = out.col(j).maxCoeff();
        const T lse = m + std::log((out.col(j).array() - m).exp().sum());
        sum += lse - y.col(j).dot(out.col(j));
      }
      return sum / batch;
    }
  }
  return T(0);
}

template <typename T>
T penalty(const Mlp<T>& net, Regularization reg, T lambda) {
  if (reg == Regularization::None || lambda == T(0)) return T(0);
  T sum = 0;
  for (int l = 0; l < net.layers(); ++l)
    sum += reg == Regularization::L1 ? net.weights(l).cwiseAbs().sum() : T(0.5) * net.weights(l).squaredNorm();
  return lambda * sum;
}

template <typename T>
void predict_from_output(LossKind loss, const Eigen::Ref<const MatrixT<T>>& out, MatrixT<T>& prediction) {
  switch (loss) {
    case LossKind::Mse: prediction = out; break;
    case LossKind::BinaryCrossEntropy: prediction = out.array().logistic().matrix(); break;
    case LossKind::SoftmaxCrossEntropy: {
      // p_k = e^(o_k − m) / Σ_j e^(o_j − m), m = max o (the shift keeps exp finite)
      const Eigen::Matrix<T, 1, Eigen::Dynamic> m = out.colwise().maxCoeff();
      prediction = (out.rowwise() - m).array().exp().matrix();
      const Eigen::Matrix<T, 1, Eigen::Dynamic> sums = prediction.colwise().sum();
      prediction.array().rowwise() /= sums.array();
      break;
    }
  }
}

template <typename T>
T backward(const Mlp<T>& net, const ForwardCache<T>& cache, LossKind loss, const Eigen::Ref<const MatrixT<T>>& y,
           Regularization reg, T lambda, BackwardBuffers<T>& buffers) {
  const int L = net.layers();
  const MatrixT<T>& out = cache.a[L];
  const T batch = static_cast<T>(out.cols());
  buffers.delta.resize(L);
  buffers.grad.resize(net.params.size());

  // ∂loss/∂out: (out − y)/B for MSE; (σ(out) − y)/B and (softmax(out) − y)/B for the cross-entropies on logits.
  MatrixT<T>& top = buffers.delta[L - 1];
  predict_from_output<T>(loss, out, top);
  top -= y;
  top /= batch;
  // δ_L = ∂loss/∂out ⊙ f_L'(z_L)
  times_derivative(net.activations[L - 1], out, top);

  for (int l = L - 1; l >= 0; --l) {
    Eigen::Map<MatrixT<T>> g_w(buffers.grad.data() + net.offsets[l], net.widths[l + 1], net.widths[l]);
    Eigen::Map<VectorT<T>> g_b(buffers.grad.data() + net.offsets[l] + g_w.size(), net.widths[l + 1]);
    // ∂loss/∂W_l = δ_l · a_{l-1}ᵀ     (d_l×d_{l-1});   ∂loss/∂b_l = δ_l · 1   (d_l)
    g_w.noalias() = buffers.delta[l] * cache.a[l].transpose();
    g_b.noalias() = buffers.delta[l].rowwise().sum();
    // + ∂penalty/∂W_l: λ·sign(W) (L1) or λ·W (L2)
    if (reg == Regularization::L1 && lambda != T(0)) g_w += lambda * net.weights(l).cwiseSign();
    if (reg == Regularization::L2 && lambda != T(0)) g_w += lambda * net.weights(l);
    if (l > 0) {
      // δ_{l-1} = (W_lᵀ · δ_l) ⊙ f_{l-1}'(z_{l-1})     (d_{l-1}×B)
      buffers.delta[l - 1].noalias() = net.weights(l).transpose() * buffers.delta[l];
      times_derivative(net.activations[l - 1], cache.a[l], buffers.delta[l - 1]);
    }
  }
  return data_loss<T>(loss, out, y);
}

#define LPP_INSTANTIATE_MLP(T)                                                                                     \
  template Mlp<T> make_mlp<T>(const std::vector<int>&, const std::vector<Activation>&, InitKind,                  \
                              std::mt19937_64&);                                                                   \
  template void forward<T>(const Mlp<T>&, const Eigen::Ref<const MatrixT<T>>&, ForwardCache<T>&);                 \
  template T data_loss<T>(LossKind, const Eigen::Ref<const MatrixT<T>>&, const Eigen::Ref<const MatrixT<T>>&);    \
  template T penalty<T>(const Mlp<T>&, Regularization, T);                                                         \
  template void predict_from_output<T>(LossKind, const Eigen::Ref<const MatrixT<T>>&, MatrixT<T>&);               \
  template T backward<T>(const Mlp<T>&, const ForwardCache<T>&, LossKind, const Eigen::Ref<const MatrixT<T>>&,    \
                         Regularization, T, BackwardBuffers<T>&);
LPP_INSTANTIATE_MLP(float)
LPP_INSTANTIATE_MLP(double)
#undef LPP_INSTANTIATE_MLP

}  // namespace lpp
