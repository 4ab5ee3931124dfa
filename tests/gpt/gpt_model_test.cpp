// The tiny GPT's backward pass against central finite differences of its own loss, in double precision, for
// every tensor of two configurations that between them use every operation (token and learned position
// embeddings, causal attention with its mask, multi-head and grouped-query attention, RoPE, LayerNorm with and
// without bias, RMSNorm, GELU and SwiGLU MLPs, tied and untied heads, softmax cross-entropy); the mask's meaning
// (no token sees a later one); and the layout's sizes against shapes worked out by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "gpt/gpt_model.hpp"

namespace lpp::gpt {
namespace {

// A small configuration: V 11, T 5, L 2, C 8, H 2, Dh 4, F 12.
GptConfig small_config() {
  GptConfig c;
  c.vocab = 11;
  c.context = 5;
  c.layers = 2;
  c.width = 8;
  c.heads = 2;
  c.kv_heads = 2;
  c.mlp_width = 12;
  return c;
}

struct Example {
  std::vector<int> inputs, targets;
  int batch = 2, length = 5;
};

Example example(const GptConfig& c, std::mt19937_64& rng) {
  Example e;
  for (int i = 0; i < e.batch * e.length; ++i) {
    e.inputs.push_back(static_cast<int>(rng() % c.vocab));
    e.targets.push_back(static_cast<int>(rng() % c.vocab));
  }
  return e;
}

// Perturbs the initial weights so norms, biases and the head are not at their symmetric starting values
// (norm weights all 1 and biases all 0 would leave some gradient paths untested).
void perturb(Model<double>& m, std::mt19937_64& rng) {
  for (Eigen::Index i = 0; i < m.params.size(); ++i)
    m.params(i) += 0.3 * (static_cast<double>(rng() >> 11) * 0x1.0p-53 - 0.5);
}

double loss_at(const Model<double>& m, const Example& e) {
  Cache<double> cache;
  forward(m, e.inputs, e.batch, e.length, cache);
  return cross_entropy(cache, e.targets);
}

// For each tensor, up to 8 entries spread over it: the analytic ∂loss/∂θ against (loss(θ+h) − loss(θ−h))/2h.
void check_gradients(const GptConfig& c) {
  ASSERT_TRUE(validate(c).empty());
  std::mt19937_64 rng(7);
  Model<double> m = make_model<double>(c, rng);
  perturb(m, rng);
  const Example e = example(c, rng);
  Cache<double> cache;
  forward(m, e.inputs, e.batch, e.length, cache);
  Vec<double> grad;
  const double loss = backward(m, cache, e.targets, grad);
  EXPECT_NEAR(loss, loss_at(m, e), 1e-12);
  const double h = 1e-5;
  for (const Tensor& t : m.layout.tensors) {
    const Eigen::Index n = t.size(), picks = std::min<Eigen::Index>(n, 8);
    double largest = 0;
    for (Eigen::Index j = 0; j < picks; ++j) {
      const Eigen::Index i = t.offset + (n * j) / picks + (j * 7919) % std::max<Eigen::Index>(1, n / picks);
      const double keep = m.params(i);
      m.params(i) = keep + h;
      const double up = loss_at(m, e);
      m.params(i) = keep - h;
      const double down = loss_at(m, e);
      m.params(i) = keep;
      const double numeric = (up - down) / (2 * h);
      EXPECT_NEAR(grad(i), numeric, 1e-7 + 1e-5 * std::abs(numeric)) << t.name << " entry " << i - t.offset;
      largest = std::max(largest, std::abs(numeric));
    }
    // Without RoPE the key bias adds q·b_k to every score of a row alike, and softmax ignores a shift of its
    // whole row: its gradient is exactly zero (checked above against the finite difference, also zero).
    if (t.role == Role::kKBias && c.positions == Positions::kLearned) continue;
    EXPECT_GT(largest, 1e-6) << t.name << ": no entry checked had a gradient, so the check proves nothing";
  }
}

TEST(GptModel, GradientsLearnedGeluLayerNormBiasesTied) {
  check_gradients(small_config());
}

TEST(GptModel, GradientsRopeSwiGluRmsNormGqaUntied) {
  GptConfig c = small_config();
  c.width = 16;
  c.heads = 4;     // Dh 4
  c.kv_heads = 2;  // two query heads per key/value head
  c.mlp = MlpKind::kSwiGlu;
  c.positions = Positions::kRope;
  c.norm = NormKind::kRmsNorm;
  c.tied = false;
  c.biases = false;
  check_gradients(c);
}

TEST(GptModel, GradientsMultiQueryLayerNormWithoutBiasRopeGelu) {
  GptConfig c = small_config();
  c.kv_heads = 1;
  c.positions = Positions::kRope;
  c.biases = false;   // LayerNorm without its bias
  c.layers = 1;
  check_gradients(c);
}

// With RoPE the key bias is rotated differently at each position, so it does change the attention.
TEST(GptModel, GradientsSwiGluWithBiasesRope) {
  GptConfig c = small_config();
  c.mlp = MlpKind::kSwiGlu;
  c.positions = Positions::kRope;
  c.layers = 1;
  check_gradients(c);
}

// The causal mask: changing the token at position 3 changes no logit at positions 0-2, and does change those at
// positions 3 and 4 (RoPE and learned positions alike).
TEST(GptModel, NoTokenSeesALaterOne) {
  for (const Positions p : {Positions::kLearned, Positions::kRope}) {
    GptConfig c = small_config();
    c.positions = p;
    std::mt19937_64 rng(3);
    const Model<double> m = make_model<double>(c, rng);
    std::vector<int> a = {1, 2, 3, 4, 5}, b = a;
    b[3] = 9;
    Cache<double> ca, cb;
    forward(m, a, 1, 5, ca);
    forward(m, b, 1, 5, cb);
    for (int t = 0; t < 3; ++t) EXPECT_EQ(ca.logits.col(t), cb.logits.col(t)) << "position " << t;
    for (int t = 3; t < 5; ++t) EXPECT_GT((ca.logits.col(t) - cb.logits.col(t)).norm(), 1e-9) << "position " << t;
    for (const Mat<double>& A : ca.layers[0].probs) {
      EXPECT_NEAR(A.rowwise().sum().minCoeff(), 1.0, 1e-12);   // each row of weights sums to 1
      EXPECT_EQ(A.triangularView<Eigen::StrictlyUpper>().toDenseMatrix().norm(), 0.0);
    }
  }
}

// Sizes by hand for V 11, T 5, C 8, F 12, H = K = 2, L 2, biases, LayerNorm, learned positions, tied:
//   tok 11·8 = 88, pos 5·8 = 40; per block: norms 2·(8+8) = 32, q k v o 4·(8·8+8) = 288, up 12·8+12 = 108,
//   down 8·12+8 = 104, so 532; final norm 16: 88 + 40 + 2·532 + 16 = 1208.
TEST(GptModel, LayoutSizesByHand) {
  const Layout lay = make_layout(small_config());
  EXPECT_EQ(lay.total, 1208);
  Eigen::Index sum = 0, next = 0;
  for (const Tensor& t : lay.tensors) {
    EXPECT_EQ(t.offset, next) << t.name;   // packed, in order
    next += t.size();
    std::int64_t shape = 1;
    for (std::int64_t d : t.shape) shape *= d;
    EXPECT_EQ(shape, t.size()) << t.name;
    sum += t.size();
  }
  EXPECT_EQ(sum, lay.total);
}

TEST(GptModel, ValidateNamesTheField) {
  GptConfig c = small_config();
  c.kv_heads = 3;
  c.heads = 4;
  c.width = 16;
  const std::vector<std::string> e = validate(c);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0], "kv_heads (3) must divide heads (4)");
  c = small_config();
  c.positions = Positions::kRope;
  c.width = 6;
  c.heads = 2;   // Dh 3, odd
  ASSERT_EQ(validate(c).size(), 1u);
  EXPECT_NE(validate(c)[0].find("even head width"), std::string::npos);
}

}  // namespace
}  // namespace lpp::gpt
