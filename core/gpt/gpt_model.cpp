// The tiny GPT's layout, initialisation, forward and backward passes (equations in gpt_model.hpp and above each
// step). Legend: see gpt_model.hpp; A attention weights, S scores, x̂ normalised input, r = 1/σ or 1/rms.
// [SECTION] configuration · layout · initialisation · pieces (norms, linear maps, RoPE, activations, attention)
// · forward · backward
#include "gpt/gpt_model.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "nn/draws.hpp"

namespace lpp::gpt {

// [SECTION] configuration

bool operator==(const GptConfig& a, const GptConfig& b) {
  return a.vocab == b.vocab && a.context == b.context && a.layers == b.layers && a.width == b.width &&
         a.heads == b.heads && a.kv_heads == b.kv_heads && a.mlp_width == b.mlp_width && a.mlp == b.mlp &&
         a.positions == b.positions && a.norm == b.norm && a.tied == b.tied && a.biases == b.biases;
}

const char* mlp_name(MlpKind k) { return k == MlpKind::kGelu ? "GELU" : "SwiGLU"; }
const char* positions_name(Positions p) { return p == Positions::kLearned ? "learned" : "RoPE"; }
const char* norm_name(NormKind n) { return n == NormKind::kLayerNorm ? "LayerNorm" : "RMSNorm"; }

std::vector<std::string> validate(const GptConfig& c) {
  std::vector<std::string> errors;
  auto range = [&](const char* name, int value, int lo, int hi) {
    if (value < lo || value > hi)
      errors.push_back(std::string(name) + " (" + std::to_string(value) + ") must be between " + std::to_string(lo) +
                       " and " + std::to_string(hi));
  };
  range("vocab", c.vocab, 2, kMaxVocab);
  range("context", c.context, 1, kMaxContext);
  range("layers", c.layers, 1, kMaxLayers);
  range("width", c.width, 2, kMaxWidth);
  range("heads", c.heads, 1, c.width > 0 ? c.width : 1);
  range("kv_heads", c.kv_heads, 1, c.heads > 0 ? c.heads : 1);
  range("mlp_width", c.mlp_width, 1, kMaxMlpWidth);
  if (!errors.empty()) return errors;
  if (c.width % c.heads != 0)
    errors.push_back("heads (" + std::to_string(c.heads) + ") must divide width (" + std::to_string(c.width) + ")");
  else if (c.positions == Positions::kRope && c.head_dim() % 2 != 0)
    errors.push_back("RoPE needs an even head width; width/heads is " + std::to_string(c.head_dim()));
  if (c.heads % c.kv_heads != 0)
    errors.push_back("kv_heads (" + std::to_string(c.kv_heads) + ") must divide heads (" + std::to_string(c.heads) +
                     ")");
  return errors;
}

// [SECTION] layout

Layout make_layout(const GptConfig& c) {
  Layout lay;
  const int V = c.vocab, T = c.context, C = c.width, F = c.mlp_width, Dh = c.head_dim();
  const int HD = c.heads * Dh, KD = c.kv_heads * Dh;
  const bool norm_bias = c.biases && c.norm == NormKind::kLayerNorm;
  auto add = [&](std::string name, Role role, int layer, int rows, int cols, std::vector<std::int64_t> shape) {
    Tensor t;
    t.name = std::move(name);
    t.role = role;
    t.layer = layer;
    t.rows = rows;
    t.cols = cols;
    t.shape = std::move(shape);
    t.offset = static_cast<Eigen::Index>(lay.total);
    lay.total += t.size();
    lay.tensors.push_back(std::move(t));
    return static_cast<int>(lay.tensors.size()) - 1;
  };
  // A Linear layer out×in, held as an out×in matrix (W·x), stored by PyTorch as [out, in].
  auto linear = [&](const std::string& name, Role w, Role b, int layer, int out, int in, int* wi, int* bi) {
    *wi = add(name + ".weight", w, layer, out, in, {out, in});
    if (c.biases) *bi = add(name + ".bias", b, layer, out, 1, {out});
  };
  auto norm = [&](const std::string& name, Role w, Role b, int layer, int* wi, int* bi) {
    *wi = add(name + ".weight", w, layer, C, 1, {C});
    if (norm_bias) *bi = add(name + ".bias", b, layer, C, 1, {C});
  };

  lay.tok_emb = add("tok_emb.weight", Role::kTokenEmbedding, -1, C, V, {V, C});   // C×V: column v is token v
  if (c.positions == Positions::kLearned)
    lay.pos_emb = add("pos_emb.weight", Role::kPositionEmbedding, -1, C, T, {T, C});  // C×T
  lay.blocks.resize(c.layers);
  for (int l = 0; l < c.layers; ++l) {
    BlockTensors& b = lay.blocks[l];
    const std::string p = "blocks." + std::to_string(l) + ".";
    norm(p + "norm1", Role::kNorm1Weight, Role::kNorm1Bias, l, &b.norm1_w, &b.norm1_b);
    linear(p + "attn.q", Role::kQWeight, Role::kQBias, l, HD, C, &b.q_w, &b.q_b);   // H·Dh×C
    linear(p + "attn.k", Role::kKWeight, Role::kKBias, l, KD, C, &b.k_w, &b.k_b);   // K·Dh×C
    linear(p + "attn.v", Role::kVWeight, Role::kVBias, l, KD, C, &b.v_w, &b.v_b);   // K·Dh×C
    linear(p + "attn.o", Role::kOWeight, Role::kOBias, l, C, HD, &b.o_w, &b.o_b);   // C×H·Dh
    norm(p + "norm2", Role::kNorm2Weight, Role::kNorm2Bias, l, &b.norm2_w, &b.norm2_b);
    if (c.mlp == MlpKind::kSwiGlu)
      linear(p + "mlp.gate", Role::kGateWeight, Role::kGateBias, l, F, C, &b.gate_w, &b.gate_b);  // F×C
    linear(p + "mlp.up", Role::kUpWeight, Role::kUpBias, l, F, C, &b.up_w, &b.up_b);               // F×C
    linear(p + "mlp.down", Role::kDownWeight, Role::kDownBias, l, C, F, &b.down_w, &b.down_b);     // C×F
  }
  norm("norm_f", Role::kFinalNormWeight, Role::kFinalNormBias, -1, &lay.final_w, &lay.final_b);
  if (!c.tied) lay.head = add("head.weight", Role::kHeadWeight, -1, V, C, {V, C});  // V×C
  return lay;
}

// [SECTION] initialisation

template <typename T>
Model<T> make_model(const GptConfig& config, std::mt19937_64& rng) {
  assert(validate(config).empty() && "validated by the caller");
  Model<T> m;
  m.config = config;
  m.layout = make_layout(config);
  m.params.setZero(static_cast<Eigen::Index>(m.layout.total));
  const double residual_sd = 0.02 / std::sqrt(2.0 * config.layers);
  for (const Tensor& t : m.layout.tensors) {
    T* p = m.params.data() + t.offset;
    const bool norm_weight = t.role == Role::kNorm1Weight || t.role == Role::kNorm2Weight ||
                             t.role == Role::kFinalNormWeight;
    if (norm_weight) {
      std::fill(p, p + t.size(), T(1));
    } else if (t.matrix()) {
      const double sd = t.role == Role::kOWeight || t.role == Role::kDownWeight ? residual_sd : 0.02;
      for (Eigen::Index i = 0; i < t.size(); ++i) p[i] = static_cast<T>(draw_normal(rng, 0.0, sd));
    }
  }
  return m;
}

// [SECTION] pieces

namespace {

constexpr double kNormEps = 1e-5;       // GPT-2's layer_norm_epsilon; the exported Llama config says the same
constexpr double kRopeBase = 10000.0;   // θ_i = base^(−2i/Dh), Su et al. 2021 (RoFormer), eq. 15

// y = x̂⊙w (+ b) per column;  LayerNorm x̂ = (x − μ)·r, r = 1/√(var + ε);  RMSNorm x̂ = x·r, r = 1/√(mean x² + ε)
template <typename T>
void norm_forward(NormKind kind, const Mat<T>& x, const Eigen::Map<const Mat<T>>& w, const T* bias, Mat<T>& y,
                  Mat<T>& x_hat, Vec<T>& rstd) {
  const Eigen::Index C = x.rows(), N = x.cols();
  y.resize(C, N);
  x_hat.resize(C, N);
  rstd.resize(N);
  for (Eigen::Index n = 0; n < N; ++n) {
    const T mean = kind == NormKind::kLayerNorm ? x.col(n).mean() : T(0);
    const T var = (x.col(n).array() - mean).square().mean();
    const T r = T(1) / std::sqrt(var + T(kNormEps));
    rstd(n) = r;
    x_hat.col(n) = (x.col(n).array() - mean) * r;
    y.col(n) = x_hat.col(n).cwiseProduct(w.col(0));
    if (bias) y.col(n) += Eigen::Map<const Vec<T>>(bias, C);
  }
}

// dw += Σ_n dy⊙x̂, db += Σ_n dy; with g = dy⊙w:
//   LayerNorm dx += r·(g − mean(g) − x̂·mean(g⊙x̂));  RMSNorm dx += r·(g − x̂·mean(g⊙x̂))
template <typename T>
void norm_backward(NormKind kind, const Mat<T>& dy, const Mat<T>& x_hat, const Vec<T>& rstd,
                   const Eigen::Map<const Mat<T>>& w, T* dw, T* db, Vec<T>& g, Mat<T>& dx) {
  const Eigen::Index C = dy.rows(), N = dy.cols();
  Eigen::Map<Vec<T>> dw_v(dw, C);
  dw_v += dy.cwiseProduct(x_hat).rowwise().sum();
  if (db) Eigen::Map<Vec<T>>(db, C) += dy.rowwise().sum();
  g.resize(C);
  for (Eigen::Index n = 0; n < N; ++n) {
    g = dy.col(n).cwiseProduct(w.col(0));
    const T mean_g = kind == NormKind::kLayerNorm ? g.mean() : T(0);
    const T mean_gx = g.dot(x_hat.col(n)) / T(C);
    dx.col(n).array() += rstd(n) * (g.array() - mean_g - x_hat.col(n).array() * mean_gx);
  }
}

// y = W·x (+ b·1ᵀ)
template <typename T>
void linear_forward(const Model<T>& m, int w, int b, const Mat<T>& x, Mat<T>& y) {
  y.noalias() = m.mat(w) * x;
  if (b >= 0) y.colwise() += m.mat(b).col(0);
}

// dW += dy·xᵀ, db += dy·1
template <typename T>
void linear_param_grad(const Model<T>& m, Vec<T>& grad, int w, int b, const Mat<T>& dy, const Mat<T>& x) {
  const Tensor& tw = m.layout.tensors[w];
  Eigen::Map<Mat<T>>(grad.data() + tw.offset, tw.rows, tw.cols).noalias() += dy * x.transpose();
  if (b >= 0) Eigen::Map<Vec<T>>(grad.data() + m.layout.tensors[b].offset, tw.rows) += dy.rowwise().sum();
}

// Rotates each head's pairs (i, i + Dh/2) of every column by the angle t·θ_i, t the token's position in its
// sequence (HF's rotate_half layout): x'_i = x_i cos − x_{i+Dh/2} sin, x'_{i+Dh/2} = x_{i+Dh/2} cos + x_i sin.
// `sign` −1 applies the inverse rotation (the backward pass: the transpose of a rotation is its inverse).
template <typename T>
void rope(Mat<T>& x, int heads, int head_dim, int length, T sign) {
  const int half = head_dim / 2;
  for (Eigen::Index n = 0; n < x.cols(); ++n) {
    const int t = static_cast<int>(n % length);
    for (int i = 0; i < half; ++i) {
      const double angle = t * std::pow(kRopeBase, -2.0 * i / head_dim);
      const T c = static_cast<T>(std::cos(angle)), s = sign * static_cast<T>(std::sin(angle));
      for (int h = 0; h < heads; ++h) {
        T& a = x(h * head_dim + i, n);
        T& b = x(h * head_dim + i + half, n);
        const T a0 = a, b0 = b;
        a = a0 * c - b0 * s;
        b = b0 * c + a0 * s;
      }
    }
  }
}

// GELU, tanh form (GPT-2's gelu_new; Hendrycks & Gimpel 2016): ½u(1 + tanh(√(2/π)(u + 0.044715u³)))
constexpr double kGeluA = 0.7978845608028654;   // √(2/π)
constexpr double kGeluB = 0.044715;
template <typename T>
T gelu(T u) {
  return T(0.5) * u * (T(1) + std::tanh(T(kGeluA) * (u + T(kGeluB) * u * u * u)));
}
// d/du: ½(1 + t) + ½u(1 − t²)·√(2/π)(1 + 3·0.044715u²), t = tanh(…)
template <typename T>
T gelu_grad(T u) {
  const T t = std::tanh(T(kGeluA) * (u + T(kGeluB) * u * u * u));
  return T(0.5) * (T(1) + t) + T(0.5) * u * (T(1) - t * t) * T(kGeluA) * (T(1) + T(3 * kGeluB) * u * u);
}
// SiLU (Elfwing et al. 2018), the "Swish" of SwiGLU (Shazeer 2020): g·σ(g); d/dg = σ(g)(1 + g(1 − σ(g)))
template <typename T>
T sigmoid(T g) {
  return T(1) / (T(1) + std::exp(-g));
}
template <typename T>
T silu(T g) {
  return g * sigmoid(g);
}
template <typename T>
T silu_grad(T g) {
  const T s = sigmoid(g);
  return s * (T(1) + g * (T(1) - s));
}

// Causal self-attention of sequence b, head h (kv head h / (H/K)): S = Qᵀ·K/√Dh (T'×T'), A = softmax of each row
// over the keys s ≤ t (the mask: later keys get weight 0), Y = V·Aᵀ (Dh×T': y_t = Σ_s A_ts v_s).
template <typename T>
void attend(const GptConfig& c, LayerCache<T>& lc, int batch, int length) {
  const int H = c.heads, Dh = c.head_dim(), group = c.heads / c.kv_heads;
  const T scale = T(1) / std::sqrt(T(Dh));
  lc.probs.resize(static_cast<std::size_t>(batch) * H);
  lc.y.resize(static_cast<Eigen::Index>(H) * Dh, lc.q.cols());
  for (int b = 0; b < batch; ++b) {
    const Eigen::Index col = static_cast<Eigen::Index>(b) * length;
    for (int h = 0; h < H; ++h) {
      const int kv = h / group;
      Mat<T>& A = lc.probs[static_cast<std::size_t>(b) * H + h];
      // S = Qᵀ·K / √Dh     (T'×T')
      A.noalias() = lc.q.block(h * Dh, col, Dh, length).transpose() * lc.k.block(kv * Dh, col, Dh, length);
      A *= scale;
      for (int t = 0; t < length; ++t) {
        const T top = A.row(t).head(t + 1).maxCoeff();
        T sum = 0;
        for (int s = 0; s <= t; ++s) sum += (A(t, s) = std::exp(A(t, s) - top));
        A.row(t).head(t + 1) /= sum;
        A.row(t).tail(length - t - 1).setZero();
      }
      // Y = V·Aᵀ     (Dh×T')
      lc.y.block(h * Dh, col, Dh, length).noalias() = lc.v.block(kv * Dh, col, Dh, length) * A.transpose();
    }
  }
}

}  // namespace

// [SECTION] forward

template <typename T>
void forward(const Model<T>& m, const std::vector<int>& tokens, int batch, int length, Cache<T>& cache) {
  const GptConfig& c = m.config;
  const Layout& lay = m.layout;
  assert(length >= 1 && length <= c.context && tokens.size() == static_cast<std::size_t>(batch) * length);
  const Eigen::Index N = static_cast<Eigen::Index>(tokens.size());
  cache.batch = batch;
  cache.length = length;
  cache.tokens = tokens;
  cache.layers.resize(c.layers);

  // x = E[:, token] (+ P[:, t])     (C×N)
  Mat<T>& x = cache.stream;
  x.resize(c.width, N);
  for (Eigen::Index n = 0; n < N; ++n) {
    assert(tokens[n] >= 0 && tokens[n] < c.vocab && "token outside the vocabulary");
    x.col(n) = m.mat(lay.tok_emb).col(tokens[n]);
    if (lay.pos_emb >= 0) x.col(n) += m.mat(lay.pos_emb).col(n % length);
  }
  for (int l = 0; l < c.layers; ++l) {
    const BlockTensors& bt = lay.blocks[l];
    LayerCache<T>& lc = cache.layers[l];
    lc.x_in = x;
    const T* b1 = bt.norm1_b >= 0 ? m.mat(bt.norm1_b).data() : nullptr;
    norm_forward(c.norm, lc.x_in, m.mat(bt.norm1_w), b1, lc.h1, lc.h1_hat, lc.rstd1);
    // q = Wq·h + bq, k = Wk·h + bk, v = Wv·h + bv, then q and k rotated (RoPE)
    linear_forward(m, bt.q_w, bt.q_b, lc.h1, lc.q);
    linear_forward(m, bt.k_w, bt.k_b, lc.h1, lc.k);
    linear_forward(m, bt.v_w, bt.v_b, lc.h1, lc.v);
    if (c.positions == Positions::kRope) {
      rope(lc.q, c.heads, c.head_dim(), length, T(1));
      rope(lc.k, c.kv_heads, c.head_dim(), length, T(1));
    }
    attend(c, lc, batch, length);
    // x_mid = x + Wo·y + bo
    linear_forward(m, bt.o_w, bt.o_b, lc.y, lc.x_mid);
    lc.x_mid += lc.x_in;
    const T* b2 = bt.norm2_b >= 0 ? m.mat(bt.norm2_b).data() : nullptr;
    norm_forward(c.norm, lc.x_mid, m.mat(bt.norm2_w), b2, lc.h2, lc.h2_hat, lc.rstd2);
    linear_forward(m, bt.up_w, bt.up_b, lc.h2, lc.u);
    if (c.mlp == MlpKind::kGelu) {
      // act = gelu(Wup·h2 + b)
      lc.act = lc.u.unaryExpr([](T u) { return gelu(u); });
    } else {
      // act = silu(Wgate·h2 + bg) ⊙ (Wup·h2 + bu)
      linear_forward(m, bt.gate_w, bt.gate_b, lc.h2, lc.gate);
      lc.act = lc.gate.unaryExpr([](T g) { return silu(g); }).cwiseProduct(lc.u);
    }
    // x = x_mid + Wdown·act + bd
    linear_forward(m, bt.down_w, bt.down_b, lc.act, x);
    x += lc.x_mid;
  }
  cache.x_out = x;
  const T* bf = lay.final_b >= 0 ? m.mat(lay.final_b).data() : nullptr;
  norm_forward(c.norm, cache.x_out, m.mat(lay.final_w), bf, cache.hf, cache.hf_hat, cache.rstdf);
  // logits = Eᵀ·hf (tied) or Whead·hf     (V×N)
  if (lay.head >= 0)
    cache.logits.noalias() = m.mat(lay.head) * cache.hf;
  else
    cache.logits.noalias() = m.mat(lay.tok_emb).transpose() * cache.hf;
}

namespace {

// log Σ_v exp(logits_v) of one column, stably.
template <typename T>
T log_sum_exp(const Eigen::Ref<const Vec<T>>& z) {
  const T top = z.maxCoeff();
  return top + std::log((z.array() - top).exp().sum());
}

}  // namespace

template <typename T>
T cross_entropy(const Cache<T>& cache, const std::vector<int>& targets) {
  const Eigen::Index N = cache.logits.cols();
  assert(targets.size() == static_cast<std::size_t>(N));
  double sum = 0;
  for (Eigen::Index n = 0; n < N; ++n) sum += log_sum_exp<T>(cache.logits.col(n)) - cache.logits(targets[n], n);
  return static_cast<T>(sum / static_cast<double>(N));
}

// [SECTION] backward

template <typename T>
T backward(const Model<T>& m, Cache<T>& cache, const std::vector<int>& targets, Vec<T>& grad) {
  const GptConfig& c = m.config;
  const Layout& lay = m.layout;
  const int B = cache.batch, Tn = cache.length, H = c.heads, Dh = c.head_dim(), group = c.heads / c.kv_heads;
  const Eigen::Index N = cache.logits.cols();
  grad.setZero(static_cast<Eigen::Index>(lay.total));
  auto gptr = [&](int t) { return t >= 0 ? grad.data() + lay.tensors[t].offset : nullptr; };
  auto gmat = [&](int t) {
    const Tensor& x = lay.tensors[t];
    return Eigen::Map<Mat<T>>(grad.data() + x.offset, x.rows, x.cols);
  };

  BackwardScratch<T>& s = cache.scratch;
  Mat<T>& dlogits = s.dlogits;
  Mat<T> &dh = s.dh, &dx = s.dx, &dact = s.dact, &du = s.du, &dgate = s.dgate;
  Mat<T> &dy = s.dy, &dq = s.dq, &dk = s.dk, &dv = s.dv, &dA = s.dA, &dS = s.dS;
  // dlogits = (softmax(logits) − onehot(target)) / N     (V×N)
  dlogits.resize(cache.logits.rows(), N);
  double loss = 0;
  for (Eigen::Index n = 0; n < N; ++n) {
    const T lse = log_sum_exp<T>(cache.logits.col(n));
    loss += lse - cache.logits(targets[n], n);
    dlogits.col(n) = (cache.logits.col(n).array() - lse).exp();
    dlogits(targets[n], n) -= T(1);
  }
  dlogits /= static_cast<T>(N);

  if (lay.head >= 0) {
    // dWhead = dlogits·hfᵀ;  dhf = Wheadᵀ·dlogits
    gmat(lay.head).noalias() += dlogits * cache.hf.transpose();
    dh.noalias() = m.mat(lay.head).transpose() * dlogits;
  } else {
    // dE += hf·dlogitsᵀ (C×V);  dhf = E·dlogits
    gmat(lay.tok_emb).noalias() += cache.hf * dlogits.transpose();
    dh.noalias() = m.mat(lay.tok_emb) * dlogits;
  }
  dx.setZero(c.width, N);
  norm_backward(c.norm, dh, cache.hf_hat, cache.rstdf, m.mat(lay.final_w), gptr(lay.final_w), gptr(lay.final_b), s.g,
                dx);

  for (int l = c.layers - 1; l >= 0; --l) {
    const BlockTensors& bt = lay.blocks[l];
    LayerCache<T>& lc = cache.layers[l];
    // MLP: dWdown += dx·actᵀ;  dact = Wdownᵀ·dx
    linear_param_grad(m, grad, bt.down_w, bt.down_b, dx, lc.act);
    dact.noalias() = m.mat(bt.down_w).transpose() * dx;
    if (c.mlp == MlpKind::kGelu) {
      // du = dact ⊙ gelu'(u);  dh2 = Wupᵀ·du
      du = dact.cwiseProduct(lc.u.unaryExpr([](T u) { return gelu_grad(u); }));
      linear_param_grad(m, grad, bt.up_w, bt.up_b, du, lc.h2);
      dh.noalias() = m.mat(bt.up_w).transpose() * du;
    } else {
      // dgate = dact ⊙ u ⊙ silu'(gate);  du = dact ⊙ silu(gate);  dh2 = Wgateᵀ·dgate + Wupᵀ·du
      dgate = dact.cwiseProduct(lc.u).cwiseProduct(lc.gate.unaryExpr([](T g) { return silu_grad(g); }));
      du = dact.cwiseProduct(lc.gate.unaryExpr([](T g) { return silu(g); }));
      linear_param_grad(m, grad, bt.gate_w, bt.gate_b, dgate, lc.h2);
      linear_param_grad(m, grad, bt.up_w, bt.up_b, du, lc.h2);
      dh.noalias() = m.mat(bt.gate_w).transpose() * dgate;
      dh.noalias() += m.mat(bt.up_w).transpose() * du;
    }
    // dx_mid = dx + norm2'(dh2)
    norm_backward(c.norm, dh, lc.h2_hat, lc.rstd2, m.mat(bt.norm2_w), gptr(bt.norm2_w), gptr(bt.norm2_b), s.g, dx);

    // attention output: dWo += dx·yᵀ;  dy = Woᵀ·dx
    linear_param_grad(m, grad, bt.o_w, bt.o_b, dx, lc.y);
    dy.noalias() = m.mat(bt.o_w).transpose() * dx;
    dq.setZero(lc.q.rows(), N);
    dk.setZero(lc.k.rows(), N);
    dv.setZero(lc.v.rows(), N);
    const T scale = T(1) / std::sqrt(T(Dh));
    for (int b = 0; b < B; ++b) {
      const Eigen::Index col = static_cast<Eigen::Index>(b) * Tn;
      for (int h = 0; h < H; ++h) {
        const int kv = h / group;
        const Mat<T>& A = lc.probs[static_cast<std::size_t>(b) * H + h];
        // dA = dYᵀ·V (T'×T');  dV += dY·A
        dA.noalias() = dy.block(h * Dh, col, Dh, Tn).transpose() * lc.v.block(kv * Dh, col, Dh, Tn);
        dv.block(kv * Dh, col, Dh, Tn).noalias() += dy.block(h * Dh, col, Dh, Tn) * A;
        // softmax: dS = A ⊙ (dA − rowsum(dA ⊙ A)); masked entries have A = 0, so dS = 0 there
        dS = A.cwiseProduct(dA);
        s.row_dot.noalias() = dS.rowwise().sum();
        dS -= A.cwiseProduct(s.row_dot.replicate(1, Tn));
        dS *= scale;
        // S = Qᵀ·K·scale:  dQ = K·dSᵀ, dK += Q·dS
        dq.block(h * Dh, col, Dh, Tn).noalias() += lc.k.block(kv * Dh, col, Dh, Tn) * dS.transpose();
        dk.block(kv * Dh, col, Dh, Tn).noalias() += lc.q.block(h * Dh, col, Dh, Tn) * dS;
      }
    }
    if (c.positions == Positions::kRope) {
      rope(dq, c.heads, Dh, Tn, T(-1));
      rope(dk, c.kv_heads, Dh, Tn, T(-1));
    }
    // dh1 = Wqᵀ·dq + Wkᵀ·dk + Wvᵀ·dv
    linear_param_grad(m, grad, bt.q_w, bt.q_b, dq, lc.h1);
    linear_param_grad(m, grad, bt.k_w, bt.k_b, dk, lc.h1);
    linear_param_grad(m, grad, bt.v_w, bt.v_b, dv, lc.h1);
    dh.noalias() = m.mat(bt.q_w).transpose() * dq;
    dh.noalias() += m.mat(bt.k_w).transpose() * dk;
    dh.noalias() += m.mat(bt.v_w).transpose() * dv;
    // dx_in = dx_mid + norm1'(dh1)
    norm_backward(c.norm, dh, lc.h1_hat, lc.rstd1, m.mat(bt.norm1_w), gptr(bt.norm1_w), gptr(bt.norm1_b), s.g, dx);
  }
  // x = E[:, token] + P[:, t]:  dE[:, token] += dx_n, dP[:, t] += dx_n
  Eigen::Map<Mat<T>> dE = gmat(lay.tok_emb);
  for (Eigen::Index n = 0; n < N; ++n) {
    dE.col(cache.tokens[n]) += dx.col(n);
    if (lay.pos_emb >= 0) gmat(lay.pos_emb).col(n % Tn) += dx.col(n);
  }
  return static_cast<T>(loss / static_cast<double>(N));
}

template Model<float> make_model(const GptConfig&, std::mt19937_64&);
template Model<double> make_model(const GptConfig&, std::mt19937_64&);
template void forward(const Model<float>&, const std::vector<int>&, int, int, Cache<float>&);
template void forward(const Model<double>&, const std::vector<int>&, int, int, Cache<double>&);
template float cross_entropy(const Cache<float>&, const std::vector<int>&);
template double cross_entropy(const Cache<double>&, const std::vector<int>&);
template float backward(const Model<float>&, Cache<float>&, const std::vector<int>&, Vec<float>&);
template double backward(const Model<double>&, Cache<double>&, const std::vector<int>&, Vec<double>&);

}  // namespace lpp::gpt
