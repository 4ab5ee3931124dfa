// The MLP's forward and backward passes, losses, initialisation and counts (equations in mlp.hpp).
// Legend: L layers with weights, d_l width of layer l, B batch, P parameters.
// [SECTION] names, counts, initialisation · [tanh] vectorised tanh · activations · [products] the float network's
// matrix products · losses · forward and backward passes
#include "mlp.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>

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

// [tanh] tanh(x) ≈ x·p(x²)/q(x²) on x clamped to ±7.905, x itself for |x| < 4e-4: Eigen 3.4's own float
// approximation (generic_fast_tanh_float, the one its SSE path uses natively), four floats at a time with
// GCC/Clang vector extensions (SSE2 natively, SIMD128 in wasm). Eigen has no wasm SIMD backend and called the
// scalar std::tanh per element there; a plain loop is not enough, as g++ does not vectorise its selects.
using Float4 = float __attribute__((vector_size(16)));
using Int4 = std::int32_t __attribute__((vector_size(16)));

inline Float4 load4(const float* p) {
  Float4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline Float4 splat4(float x) { return Float4{x, x, x, x}; }
// mask ? a : b, lane by lane (a comparison gives −1 or 0 per lane)
inline Float4 select4(Int4 mask, Float4 a, Float4 b) {
  return reinterpret_cast<Float4>((reinterpret_cast<Int4>(a) & mask) | (reinterpret_cast<Int4>(b) & ~mask));
}

// x·p(x²)/q(x²) for x already clamped, as floats or Float4.
template <typename V>
V tanh_rational(V x) {
  const V x2 = x * x;
  V p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;   // odd numerator, α_13 … α_1
  p = x2 * p + -8.60467152213735e-11f;
  p = x2 * p + 5.12229709037114e-08f;
  p = x2 * p + 1.48572235717979e-05f;
  p = x2 * p + 6.37261928875436e-04f;
  p = x2 * p + 4.89352455891786e-03f;
  V q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;     // even denominator, β_6 … β_0
  q = x2 * q + 2.26843463243900e-03f;
  q = x2 * q + 4.89352518554385e-03f;
  return x * p / q;
}

constexpr float kTanhClamp = 7.90531110763549805f;
constexpr float kTanhTiny = 0.0004f;

void tanh_approx(const float* z, float* a, Eigen::Index n) {
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4) {
    const Float4 v = load4(z + i);
    Float4 x = select4(v < splat4(-kTanhClamp), splat4(-kTanhClamp), v);
    x = select4(x > splat4(kTanhClamp), splat4(kTanhClamp), x);
    const Float4 abs = reinterpret_cast<Float4>(reinterpret_cast<Int4>(v) & ~reinterpret_cast<Int4>(splat4(-0.0f)));
    const Float4 t = select4(abs < splat4(kTanhTiny), v, tanh_rational(x));
    std::memcpy(a + i, &t, sizeof t);
  }
  for (; i < n; ++i) {
    const float x = std::min(std::max(z[i], -kTanhClamp), kTanhClamp);
    a[i] = std::fabs(z[i]) < kTanhTiny ? z[i] : tanh_rational(x);
  }
}

void activate_tanh(const MatrixT<float>& z, MatrixT<float>& a) {
  a.resize(z.rows(), z.cols());
  tanh_approx(z.data(), a.data(), z.size());
}
void activate_tanh(const MatrixT<double>& z, MatrixT<double>& a) { a = z.array().tanh().matrix(); }

// a = f(z), elementwise.
template <typename T>
void activate(Activation f, const MatrixT<T>& z, MatrixT<T>& a) {
  switch (f) {
    case Activation::Relu: a = z.cwiseMax(T(0)); break;
    case Activation::Tanh: activate_tanh(z, a); break;
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

// [products] C = A·B for the float network, as register-blocked loops over 4-float vectors (GCC/Clang vector
// extensions: SSE2 natively, SIMD128 in wasm with -msimd128). Eigen 3.4 has no wasm SIMD backend, so its products
// ran scalar there (wasm at 0.2-0.4× native at 8×64); at these sizes (d ≤ 64, B = 10) a kernel without Eigen's
// packing also costs no more natively. A is column-major and contiguous (m×k); B(p, j) is b[p·b_row + j·b_col],
// so a transpose of B costs nothing; C (m×n) is column-major and starts from `bias` (m) or zero.

// Rows i…i+4R−1 and columns j…j+N−1 of C, accumulated in R·N vectors.
template <int R, int N>
void product_block(const float* a, Eigen::Index m, Eigen::Index k, const float* b, Eigen::Index b_row,
                   Eigen::Index b_col, const float* bias, float* c, Eigen::Index i, Eigen::Index j) {
  Float4 acc[R][N];
  for (int r = 0; r < R; ++r) {
    const Float4 init = bias ? load4(bias + i + 4 * r) : Float4{0, 0, 0, 0};
    for (int q = 0; q < N; ++q) acc[r][q] = init;
  }
  for (Eigen::Index p = 0; p < k; ++p) {
    Float4 col[R];
    for (int r = 0; r < R; ++r) col[r] = load4(a + p * m + i + 4 * r);
    for (int q = 0; q < N; ++q) {
      const float s = b[p * b_row + (j + q) * b_col];
      for (int r = 0; r < R; ++r) acc[r][q] += col[r] * s;
    }
  }
  for (int q = 0; q < N; ++q)
    for (int r = 0; r < R; ++r) std::memcpy(c + (j + q) * m + i + 4 * r, &acc[r][q], sizeof(Float4));
}

template <int R>
void product_rows(const float* a, Eigen::Index m, Eigen::Index k, const float* b, Eigen::Index b_row,
                  Eigen::Index b_col, Eigen::Index n, const float* bias, float* c, Eigen::Index i) {
  Eigen::Index j = 0;
  for (; j + 4 <= n; j += 4) product_block<R, 4>(a, m, k, b, b_row, b_col, bias, c, i, j);
  for (; j < n; ++j) product_block<R, 1>(a, m, k, b, b_row, b_col, bias, c, i, j);
}

void product(const float* a, Eigen::Index m, Eigen::Index k, const float* b, Eigen::Index b_row, Eigen::Index b_col,
             Eigen::Index n, const float* bias, float* c) {
  Eigen::Index i = 0;
  for (; i + 8 <= m; i += 8) product_rows<2>(a, m, k, b, b_row, b_col, n, bias, c, i);
  for (; i + 4 <= m; i += 4) product_rows<1>(a, m, k, b, b_row, b_col, n, bias, c, i);
  for (; i < m; ++i)   // the last m mod 4 rows (outputs of width 1 or 2), one at a time
    for (Eigen::Index j = 0; j < n; ++j) {
      float sum = bias ? bias[i] : 0.0f;
      for (Eigen::Index p = 0; p < k; ++p) sum += a[p * m + i] * b[p * b_row + j * b_col];
      c[j * m + i] = sum;
    }
}

// z = W·x + b·1ᵀ     (d_l×B)
void affine(const Eigen::Map<const MatrixT<float>>& w, const Eigen::Map<const VectorT<float>>& bias,
            const MatrixT<float>& x, MatrixT<float>& z) {
  z.resize(w.rows(), x.cols());
  product(w.data(), w.rows(), w.cols(), x.data(), 1, x.rows(), x.cols(), bias.data(), z.data());
}
void affine(const Eigen::Map<const MatrixT<double>>& w, const Eigen::Map<const VectorT<double>>& bias,
            const MatrixT<double>& x, MatrixT<double>& z) {
  z.noalias() = w * x;
  z.colwise() += bias;
}

// g = δ·aᵀ     (d_l×d_{l-1}: δ is d_l×B, a is d_{l-1}×B)
void outer_sum(const MatrixT<float>& delta, const MatrixT<float>& a, Eigen::Map<MatrixT<float>>& g) {
  product(delta.data(), delta.rows(), delta.cols(), a.data(), a.rows(), 1, a.rows(), nullptr, g.data());
}
void outer_sum(const MatrixT<double>& delta, const MatrixT<double>& a, Eigen::Map<MatrixT<double>>& g) {
  g.noalias() = delta * a.transpose();
}

// out = Wᵀ·δ     (d_{l-1}×B), through a column-major copy of Wᵀ (d_{l-1}×d_l) so that A stays contiguous.
void transposed_product(const Eigen::Map<const MatrixT<float>>& w, const MatrixT<float>& delta, MatrixT<float>& wt,
                        MatrixT<float>& out) {
  wt = w.transpose();
  out.resize(wt.rows(), delta.cols());
  product(wt.data(), wt.rows(), wt.cols(), delta.data(), 1, delta.rows(), delta.cols(), nullptr, out.data());
}
void transposed_product(const Eigen::Map<const MatrixT<double>>& w, const MatrixT<double>& delta, MatrixT<double>&,
                        MatrixT<double>& out) {
  out.noalias() = w.transpose() * delta;
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
    affine(net.weights(l), net.bias(l), cache.a[l], cache.z[l]);
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
  buffers.weights_t.resize(L);
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
    outer_sum(buffers.delta[l], cache.a[l], g_w);
    g_b.noalias() = buffers.delta[l].rowwise().sum();
    // + ∂penalty/∂W_l: λ·sign(W) (L1) or λ·W (L2)
    if (reg == Regularization::L1 && lambda != T(0)) g_w += lambda * net.weights(l).cwiseSign();
    if (reg == Regularization::L2 && lambda != T(0)) g_w += lambda * net.weights(l);
    if (l > 0) {
      // δ_{l-1} = (W_lᵀ · δ_l) ⊙ f_{l-1}'(z_{l-1})     (d_{l-1}×B)
      transposed_product(net.weights(l), buffers.delta[l], buffers.weights_t[l], buffers.delta[l - 1]);
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
