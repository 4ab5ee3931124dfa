// A tiny decoder-only transformer over byte tokens: its configuration, its tensors in one flat parameter vector,
// and the forward and backward passes of a batch with the mean next-token cross-entropy. Pre-norm blocks
// (x += attn(norm1(x)); x += mlp(norm2(x))), a final norm and a head. No training loop here (gpt_train.hpp),
// no data (gpt_corpus.hpp), no counting (the LLM engine counts it through gpt_export.hpp).
// Legend: V vocabulary, T context, L layers, C width, H query heads, K key/value heads, Dh = C/H head width,
// F MLP width, B sequences per batch, N = B·T tokens. Activations are C×N matrices, one column per token.
// [SECTION] configuration · tensors · model · forward and backward
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace lpp::gpt {

template <typename T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <typename T>
using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;

// [SECTION] configuration

enum class MlpKind { kGelu, kSwiGlu };          // down(gelu(up x)) (GPT-2) or down(silu(gate x) ⊙ up x) (Llama)
enum class Positions { kLearned, kRope };       // a learned T×C table added to the input, or rotary q and k
enum class NormKind { kLayerNorm, kRmsNorm };   // (x − μ)/σ·w (+ b), or x/rms(x)·w

struct GptConfig {
  int vocab = 64;                        // V, byte tokens the corpus uses, e.g. 64
  int context = 32;                      // T, tokens a sequence attends over, e.g. 32
  int layers = 2;                        // L, transformer blocks, e.g. 2
  int width = 64;                        // C, residual stream width, e.g. 64
  int heads = 4;                         // H, query heads, e.g. 4 (Dh = C/H)
  int kv_heads = 4;                      // K, key/value heads: H for multi-head, 1 for multi-query, between: GQA
  int mlp_width = 256;                   // F, MLP hidden width, e.g. 4·C for GELU, about 8/3·C for SwiGLU
  MlpKind mlp = MlpKind::kGelu;
  Positions positions = Positions::kLearned;
  NormKind norm = NormKind::kLayerNorm;
  bool tied = true;                      // the head reuses the token embedding (logits = Eᵀ·x)
  bool biases = true;                    // biases on q, k, v, o, the MLP matrices and (LayerNorm) the norms
  int head_dim() const { return heads > 0 ? width / heads : 0; }
};

bool operator==(const GptConfig& a, const GptConfig& b);
inline bool operator!=(const GptConfig& a, const GptConfig& b) { return !(a == b); }

const char* mlp_name(MlpKind k);         // "GELU", "SwiGLU"
const char* positions_name(Positions p); // "learned", "RoPE"
const char* norm_name(NormKind n);       // "LayerNorm", "RMSNorm"

// The largest sizes the lab accepts (so a model stays within a frame budget and the page's memory).
inline constexpr int kMaxVocab = 256;
inline constexpr int kMaxContext = 256;
inline constexpr int kMaxLayers = 8;
inline constexpr int kMaxWidth = 512;
inline constexpr int kMaxMlpWidth = 2048;

// Problems with the configuration, each naming the field ("kv_heads (3) must divide heads (4)"); empty if valid.
std::vector<std::string> validate(const GptConfig& c);

// [SECTION] tensors

// What a tensor is, so the exporter can name it and the optimizer can tell matrices from vectors.
enum class Role {
  kTokenEmbedding, kPositionEmbedding, kNorm1Weight, kNorm1Bias, kQWeight, kQBias, kKWeight, kKBias, kVWeight,
  kVBias, kOWeight, kOBias, kNorm2Weight, kNorm2Bias, kGateWeight, kGateBias, kUpWeight, kUpBias, kDownWeight,
  kDownBias, kFinalNormWeight, kFinalNormBias, kHeadWeight,
};

struct Tensor {
  std::string name;                 // e.g. "blocks.0.attn.q.weight"
  Role role = Role::kQWeight;
  int layer = -1;                   // block index, −1 outside the blocks
  int rows = 0, cols = 1;           // as held here (column-major); vectors have cols = 1
  std::vector<std::int64_t> shape;  // as PyTorch stores it: Linear [out, in], Embedding [V, C], vectors [n]
  Eigen::Index offset = 0;          // first entry in the flat parameter vector
  Eigen::Index size() const { return static_cast<Eigen::Index>(rows) * cols; }
  bool matrix() const { return cols > 1; }
};

// Index of each tensor of a block in Model::tensors; −1 where the configuration has none.
struct BlockTensors {
  int norm1_w = -1, norm1_b = -1, q_w = -1, q_b = -1, k_w = -1, k_b = -1, v_w = -1, v_b = -1, o_w = -1, o_b = -1;
  int norm2_w = -1, norm2_b = -1, gate_w = -1, gate_b = -1, up_w = -1, up_b = -1, down_w = -1, down_b = -1;
};

// The tensors a configuration allocates, in order, with their offsets; `blocks` and the outer indices filled in.
struct Layout {
  std::vector<Tensor> tensors;
  std::vector<BlockTensors> blocks;   // L
  int tok_emb = -1, pos_emb = -1, final_w = -1, final_b = -1, head = -1;
  std::int64_t total = 0;             // P, floats allocated (64-bit: a Llama-sized layout overflows wasm32's index)
};
Layout make_layout(const GptConfig& c);

// [SECTION] model

template <typename T>
struct Model {
  GptConfig config;
  Layout layout;
  Vec<T> params;   // P: every tensor, at its offset

  Eigen::Map<Mat<T>> mat(int t) {
    const Tensor& x = layout.tensors[t];
    return {params.data() + x.offset, x.rows, x.cols};
  }
  Eigen::Map<const Mat<T>> mat(int t) const {
    const Tensor& x = layout.tensors[t];
    return {params.data() + x.offset, x.rows, x.cols};
  }
};

// A model of `config` (valid), initialised as GPT-2 is: weights and embeddings N(0, 0.02²), the two residual
// projections (o, down) N(0, (0.02/√(2L))²) (Radford et al. 2019, section 2.3), biases 0, norm weights 1.
// Draws use the RNG's raw output (nn/draws.hpp), so native and wasm runs agree.
template <typename T>
Model<T> make_model(const GptConfig& config, std::mt19937_64& rng);

// [SECTION] forward and backward

// What a forward pass keeps for the backward pass and for the views (attention weights).
template <typename T>
struct LayerCache {
  Mat<T> x_in;           // C×N block input
  Mat<T> h1, h1_hat;     // C×N norm1 output and its normalised input x̂
  Vec<T> rstd1;          // N: 1/σ (LayerNorm) or 1/rms (RMSNorm) per token
  Mat<T> q, k, v;        // H·Dh×N, K·Dh×N, K·Dh×N after RoPE
  std::vector<Mat<T>> probs;  // B·H: T×T attention weights A, row t over keys s ≤ t; index b·H + h
  Mat<T> y;              // H·Dh×N heads concatenated, before o
  Mat<T> x_mid;          // C×N after the attention residual
  Mat<T> h2, h2_hat;     // C×N norm2 output and x̂
  Vec<T> rstd2;          // N
  Mat<T> u, gate, act;   // F×N: up (pre-activation), gate pre-activation (SwiGLU), MLP hidden after activation
};

// backward()'s working matrices, kept from step to step: allocated afresh, dlogits alone (V×N, 256×512 floats at
// batch 8 and context 64) is above glibc's mmap threshold and was mapped and unmapped on every step.
template <typename T>
struct BackwardScratch {
  Mat<T> dlogits;               // V×N
  Mat<T> dh, dx;                // C×N: gradient at a norm's output, at the residual stream
  Mat<T> dact, du, dgate;       // F×N
  Mat<T> dy, dq, dk, dv;        // H·Dh×N, H·Dh×N, K·Dh×N, K·Dh×N
  Mat<T> dA, dS;                // T'×T' of one head
  Vec<T> row_dot;               // T': Σ_s dA_ts·A_ts
  Vec<T> g;                     // C: dy⊙w of one column in norm_backward
};

template <typename T>
struct Cache {
  int batch = 0;                     // B
  int length = 0;                    // T' ≤ T, tokens per sequence
  std::vector<int> tokens;           // N
  std::vector<LayerCache<T>> layers; // L
  Mat<T> x_out, hf, hf_hat;          // C×N last block output, final norm output and x̂
  Vec<T> rstdf;                      // N
  Mat<T> logits;                     // V×N
  Mat<T> stream;                     // C×N the residual stream x as forward() advances it through the blocks
  BackwardScratch<T> scratch;        // backward()'s, reused
};

// Runs `batch` sequences of `length` tokens each (tokens[b·length + t], each < V, length ≤ T) and fills the cache.
template <typename T>
void forward(const Model<T>& model, const std::vector<int>& tokens, int batch, int length, Cache<T>& cache);

// Mean cross-entropy of the cached logits against `targets` (N): (1/N)·Σ_n −log softmax(logits_n)[target_n].
template <typename T>
T cross_entropy(const Cache<T>& cache, const std::vector<int>& targets);

// The gradient of that mean cross-entropy with respect to every parameter, into `grad` (P, overwritten), from a
// cache that forward() filled. Returns the loss.
template <typename T>
T backward(const Model<T>& model, Cache<T>& cache, const std::vector<int>& targets, Vec<T>& grad);

}  // namespace lpp::gpt
