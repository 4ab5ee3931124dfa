// Word vectors: skip-gram with negative sampling (Mikolov et al. 2013, "Distributed Representations of Words and
// Phrases and their Compositionality", eq. 4) trained on a Corpus, advanced under a time budget per call so a
// frame never blocks; the 2-D PCA view and cosine nearest neighbours. Not here: tokenising (corpus.hpp), drawing.
// Legend: V vocabulary, D dimension, W window (context words each side), K negative samples per pair.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "words/corpus.hpp"

namespace lpp {

struct WordConfig {
  int dim = 16;                  // D, numbers per word vector, e.g. 16
  int window = 3;                // W, context words taken on each side of a word, e.g. 3
  int negatives = 5;             // K, random "noise" words per true (word, context) pair, e.g. 5
  int epochs = 150;              // passes over every pair, e.g. 150
  double learning_rate = 0.05;   // η at the start, decayed linearly to η/100 (word2vec's schedule), e.g. 0.05
  std::uint64_t seed = 1;        // initial vectors, negative draws and pair order
};

// Each of the two tables has V·D parameters: one D-vector per word.
struct WordParamCount {
  std::int64_t vocabulary = 0;   // V
  std::int64_t dim = 0;          // D
  std::int64_t per_table() const { return vocabulary * dim; }   // V·D
  std::int64_t total() const { return 2 * per_table(); }        // word table + context table
};
WordParamCount word_param_count(int vocabulary, int dim);

struct WordModel {
  Eigen::MatrixXf word;      // D×V: v_w, the vector of word w as the centre (the table the tour shows)
  Eigen::MatrixXf context;   // D×V: u_c, the vector of word c as a context
};

struct WordTraining {
  WordConfig config;
  Corpus corpus;
  WordModel model;
  std::vector<std::pair<int, int>> pairs;   // every (centre, context) pair within the window, in corpus order
  std::vector<int> noise_table;             // word indices in proportion to count^0.75 (negative draws)
  std::vector<std::uint32_t> order;         // this epoch's shuffled order of pairs
  std::size_t cursor = 0;                   // next entry of `order`
  int epoch = 0;                            // epochs finished
  double epoch_loss = 0;                    // Σ pair losses so far this epoch
  std::vector<double> epoch_losses;         // mean loss per pair of each finished epoch
  std::mt19937_64 rng;
  bool done() const { return epoch >= config.epochs; }
  double progress() const;                  // 0…1
};

// A fresh run: word vectors U(−½/D, ½/D), context vectors 0 (as word2vec.c), the pairs and the noise table.
WordTraining make_word_training(const Corpus& corpus, const WordConfig& config);

// Trains pair by pair until `max_seconds` pass or training is done. One pair's loss and update, σ the logistic:
//   ℓ = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c),   o the true context, k = 1…K drawn from the noise table.
// Returns the pairs trained.
long word_train(WordTraining& t, double max_seconds);

// The vectors the view shows and compares: v_w + u_w, word and context table summed (GloVe's W + W̃, Pennington
// et al. 2014, section 4.2; Levy, Goldberg & Dagan 2015, section 3.3: it adds first- and second-order similarity,
// which on a corpus this small is what pulls "apple" towards both of its senses).   D×V
Eigen::MatrixXf word_vectors(const WordModel& model);

struct Neighbour {
  int word = -1;        // index into the vocabulary
  double cosine = 0;    // cos(v_word, v_query)
};
// The `k` columns of `vectors` (D×V) closest in angle to column `query` (the query itself left out), closest first.
std::vector<Neighbour> nearest_words(const Eigen::MatrixXf& vectors, int query, int k);

// The columns of `vectors` (D×V) projected on their first two principal components (PCA of the centred vectors,
// with Eigen's self-adjoint eigensolver on the D×D covariance). Each axis's sign is fixed so its largest loading is
// positive, so the picture does not flip between runs.
struct WordProjection {
  Eigen::Matrix2Xd points;         // 2×V: each word's coordinates
  double explained[2] = {0, 0};    // share of the total variance along each axis
};
WordProjection project_words(const Eigen::MatrixXf& vectors);

}  // namespace lpp
