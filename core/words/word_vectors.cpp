// Skip-gram with negative sampling, the PCA projection and nearest neighbours (see word_vectors.hpp).
// Legend: V vocabulary, D dimension, W window, K negatives.
#include "words/word_vectors.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>

#include <Eigen/Eigenvalues>

#include "nn/draws.hpp"

namespace lpp {
namespace {

constexpr std::size_t kNoiseTableSize = 100000;   // word2vec.c uses 1e8 for millions of words; 1e5 suits V ≈ 300

// log σ(x), finite for every finite x: −softplus(−x).
double log_sigmoid(double x) { return x >= 0 ? -std::log1p(std::exp(-x)) : x - std::log1p(std::exp(x)); }

void shuffle_order(WordTraining& t) {
  t.order.resize(t.pairs.size());
  for (std::size_t i = 0; i < t.order.size(); ++i) t.order[i] = static_cast<std::uint32_t>(i);
  // Fisher-Yates with the raw generator (std::shuffle's draws differ between standard libraries).
  for (std::size_t i = t.order.size(); i > 1; --i) std::swap(t.order[i - 1], t.order[t.rng() % i]);
}

}  // namespace

WordParamCount word_param_count(int vocabulary, int dim) { return {vocabulary, dim}; }

double WordTraining::progress() const {
  if (config.epochs <= 0 || pairs.empty()) return 1.0;
  const double within = static_cast<double>(cursor) / static_cast<double>(pairs.size());
  return std::min(1.0, (epoch + (done() ? 0.0 : within)) / config.epochs);
}

WordTraining make_word_training(const Corpus& corpus, const WordConfig& config) {
  assert(config.dim > 0 && config.window > 0 && config.negatives >= 0 && "validated by the caller");
  WordTraining t;
  t.config = config;
  t.corpus = corpus;
  t.rng.seed(config.seed);
  const int V = corpus.vocabulary(), D = config.dim;
  t.model.word.resize(D, V);
  for (int w = 0; w < V; ++w)
    for (int d = 0; d < D; ++d) t.model.word(d, w) = static_cast<float>(draw_uniform(t.rng, -0.5 / D, 0.5 / D));
  t.model.context.setZero(D, V);

  for (const std::vector<int>& s : corpus.sentences) {
    const int n = static_cast<int>(s.size());
    for (int i = 0; i < n; ++i)
      for (int j = std::max(0, i - config.window); j <= std::min(n - 1, i + config.window); ++j)
        if (j != i) t.pairs.emplace_back(s[i], s[j]);
  }

  // P_noise(w) = count(w)^¾ / Σ count^¾ (Mikolov et al. 2013, section 2.2), as a table to index uniformly.
  double z = 0;
  for (const std::int64_t c : corpus.counts) z += std::pow(static_cast<double>(c), 0.75);
  double cumulative = 0;
  int w = 0;
  t.noise_table.resize(V ? kNoiseTableSize : 0);
  for (std::size_t i = 0; i < t.noise_table.size(); ++i) {
    while (w + 1 < V && (i + 0.5) / kNoiseTableSize > cumulative + std::pow(static_cast<double>(corpus.counts[w]), 0.75) / z)
      cumulative += std::pow(static_cast<double>(corpus.counts[w++]), 0.75) / z;
    t.noise_table[i] = w;
  }
  shuffle_order(t);
  return t;
}

long word_train(WordTraining& t, double max_seconds) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point t0 = Clock::now();
  const int D = t.config.dim, K = t.config.negatives;
  const double total_pairs = static_cast<double>(t.pairs.size()) * t.config.epochs;
  Eigen::VectorXf grad_v(D);   // D: ∂ℓ/∂v_c accumulated over the true context and the K negatives
  long trained = 0;
  while (!t.done() && !t.pairs.empty()) {
    // η decays linearly with the pairs seen, to η/100 at the end.
    const double seen = static_cast<double>(t.epoch) * t.pairs.size() + t.cursor;
    const float eta = static_cast<float>(t.config.learning_rate * std::max(0.01, 1.0 - seen / total_pairs));
    const auto [centre, target] = t.pairs[t.order[t.cursor]];
    Eigen::Map<Eigen::VectorXf> v(t.model.word.col(centre).data(), D);
    grad_v.setZero();
    double loss = 0;
    for (int k = 0; k <= K; ++k) {
      // k = 0 is the true context (label 1); k ≥ 1 a noise word (label 0).
      const int c = k == 0 ? target : t.noise_table[t.rng() % t.noise_table.size()];
      if (k > 0 && c == target) continue;
      Eigen::Map<Eigen::VectorXf> u(t.model.context.col(c).data(), D);
      const double score = u.dot(v);
      const double label = k == 0 ? 1.0 : 0.0;
      loss -= k == 0 ? log_sigmoid(score) : log_sigmoid(-score);
      // ∂ℓ/∂score = σ(score) − label;  ∂ℓ/∂u = (σ − label)·v;  ∂ℓ/∂v += (σ − label)·u
      const float g = static_cast<float>(1.0 / (1.0 + std::exp(-score)) - label);
      grad_v.noalias() += g * u;
      u -= eta * g * v;
    }
    v -= eta * grad_v;
    t.epoch_loss += loss;
    ++trained;
    if (++t.cursor == t.pairs.size()) {
      t.epoch_losses.push_back(t.epoch_loss / static_cast<double>(t.pairs.size()));
      t.epoch_loss = 0;
      t.cursor = 0;
      ++t.epoch;
      shuffle_order(t);
    }
    if ((trained & 1023) == 0 && std::chrono::duration<double>(Clock::now() - t0).count() > max_seconds) break;
  }
  return trained;
}

Eigen::MatrixXf word_vectors(const WordModel& model) { return model.word + model.context; }

std::vector<Neighbour> nearest_words(const Eigen::MatrixXf& vectors, int query, int k) {
  std::vector<Neighbour> all;
  const Eigen::Index V = vectors.cols();
  if (query < 0 || query >= V) return all;
  // cos(v_q, v_w) = v_q·v_w / (‖v_q‖·‖v_w‖)   (1×V)
  const Eigen::RowVectorXf norms = vectors.colwise().norm();
  const Eigen::RowVectorXf dots = vectors.col(query).transpose() * vectors;
  for (Eigen::Index w = 0; w < V; ++w) {
    if (w == query) continue;
    const double denom = static_cast<double>(norms[w]) * norms[query];
    all.push_back({static_cast<int>(w), denom > 0 ? dots[w] / denom : 0.0});
  }
  const std::size_t keep = std::min<std::size_t>(std::max(k, 0), all.size());
  std::partial_sort(all.begin(), all.begin() + keep, all.end(), [](const Neighbour& a, const Neighbour& b) {
    return a.cosine > b.cosine || (a.cosine == b.cosine && a.word < b.word);
  });
  all.resize(keep);
  return all;
}

WordProjection project_words(const Eigen::MatrixXf& vectors) {
  WordProjection p;
  const Eigen::Index V = vectors.cols();
  p.points.setZero(2, V);
  if (V < 2) return p;
  // X = the word vectors centred on their mean   (D×V)
  const Eigen::MatrixXd x = vectors.cast<double>();
  const Eigen::VectorXd mean = x.rowwise().mean();
  const Eigen::MatrixXd centred = x.colwise() - mean;
  // Σ = X·Xᵀ / (V − 1)   (D×D)
  const Eigen::MatrixXd cov = centred * centred.transpose() / static_cast<double>(V - 1);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
  const Eigen::Index D = cov.rows();
  const double total = eig.eigenvalues().sum();
  for (int axis = 0; axis < 2 && axis < D; ++axis) {
    // Eigenvalues come in increasing order: the top components are the last columns.
    Eigen::VectorXd e = eig.eigenvectors().col(D - 1 - axis);
    Eigen::Index top = 0;
    e.cwiseAbs().maxCoeff(&top);
    if (e[top] < 0) e = -e;
    // coordinates = eᵀ·X   (1×V)
    p.points.row(axis).noalias() = e.transpose() * centred;
    p.explained[axis] = total > 0 ? eig.eigenvalues()[D - 1 - axis] / total : 0.0;
  }
  return p;
}

}  // namespace lpp
