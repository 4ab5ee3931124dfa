// Tests of core/words: the tokeniser and vocabulary on a hand-counted fixture; the noise table against count^¾;
// skip-gram training on the shipped corpus with the fixed seed (the loss falls, "apple" lands between its two
// senses); PCA against a closed-form case; nearest neighbours by cosine on hand-made vectors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "words/corpus.hpp"
#include "words/word_vectors.hpp"

namespace lpp {
namespace {

TEST(Corpus, SplitsLowerCasesDropsStopWordsAndRareWords) {
  const Corpus c = build_corpus("# a comment\nThe Apple, the pear.\n\nApple's pear and plum\n", "the\nand\ns\n", 2);
  // apple ×2, pear ×2, plum ×1 (below min_count 2): V = 2, ties alphabetical.
  ASSERT_EQ(c.vocabulary(), 2);
  EXPECT_EQ(c.words[0], "apple");
  EXPECT_EQ(c.words[1], "pear");
  EXPECT_EQ(c.tokens, 4);
  ASSERT_EQ(c.sentences.size(), 2u);
  EXPECT_EQ(c.sentences[1], (std::vector<int>{0, 1}));
  EXPECT_EQ(c.index_of("plum"), -1);
}

TEST(Corpus, ShippedCorpusHasBothSensesOfApple) {
  const Corpus c = shipped_corpus();
  EXPECT_GE(c.sentences.size(), 200u) << "a few hundred sentences";
  for (const char* w : {"apple", "banana", "pear", "iphone", "microsoft", "shares", "investors"})
    EXPECT_GE(c.index_of(w), 0) << w;
  EXPECT_EQ(c.index_of("the"), -1) << "a stop word";
  ASSERT_EQ(c.sections, (std::vector<std::string>{"fruit", "phones", "companies", "markets"}));
  EXPECT_EQ(c.word_sections[c.index_of("banana")], 1u) << "fruit only";
  EXPECT_EQ(c.word_sections[c.index_of("nasdaq")], 8u) << "markets only";
  EXPECT_EQ(c.word_sections[c.index_of("apple")], 15u) << "every section";
}

TEST(WordParams, VocabularyTimesDimensionPerTable) {
  const WordParamCount n = word_param_count(300, 16);
  EXPECT_EQ(n.per_table(), 4800);   // 300 · 16
  EXPECT_EQ(n.total(), 9600);       // two tables
}

TEST(WordTraining, PairsAndNoiseTableFollowTheDefinitions) {
  // Window 1: "x y z" gives (x,y) (y,x) (y,z) (z,y), "x y" gives (x,y) (y,x), and "x" alone none.
  const Corpus c = build_corpus("x y z\nx y\nx\n", "", 1);   // counts x 3, y 2, z 1
  WordConfig cfg;
  cfg.window = 1;
  const WordTraining t = make_word_training(c, cfg);
  EXPECT_EQ(t.pairs.size(), 6u);   // 4 + 2
  // Noise shares: 3^¾ : 2^¾ : 1 = 2.2795 : 1.6818 : 1, total 4.9613 → 0.4595, 0.3390, 0.2016.
  std::vector<double> share(3, 0);
  for (const int w : t.noise_table) share[w] += 1.0 / t.noise_table.size();
  EXPECT_NEAR(share[0], 0.4595, 1e-3);
  EXPECT_NEAR(share[1], 0.3390, 1e-3);
  EXPECT_NEAR(share[2], 0.2016, 1e-3);
}

// The shipped corpus with the default config (fixed seed), trained to the end.
const WordTraining& trained() {
  static const WordTraining t = [] {
    WordTraining run = make_word_training(shipped_corpus(), WordConfig{});
    while (!run.done()) word_train(run, 1e9);
    return run;
  }();
  return t;
}

TEST(WordTraining, LossFallsWithTheFixedSeed) {
  const WordTraining& t = trained();
  ASSERT_EQ(static_cast<int>(t.epoch_losses.size()), WordConfig{}.epochs);
  // Before training every score is 0 (context vectors start at 0): ℓ = (K + 1)·log 2 = 6 · 0.6931 = 4.159.
  EXPECT_NEAR(t.epoch_losses.front(), 6 * std::log(2.0), 0.6);
  EXPECT_LT(t.epoch_losses.back(), 0.6 * t.epoch_losses.front());
  EXPECT_DOUBLE_EQ(t.progress(), 1.0);
}

// The words of the shipped corpus that occur only in its fruit section, and only outside it: the two senses as the
// text itself defines them.
struct Senses {
  std::set<std::string> fruit, business;
};
Senses senses() {
  const std::string_view text = shipped_corpus_text();
  const std::size_t split = text.find("# --- phones ---");
  const Corpus fruit = build_corpus(text.substr(0, split), shipped_stopwords(), 1);
  const Corpus rest = build_corpus(text.substr(split), shipped_stopwords(), 1);
  Senses s;
  for (const std::string& w : fruit.words) if (rest.index_of(w) < 0) s.fruit.insert(w);
  for (const std::string& w : rest.words) if (fruit.index_of(w) < 0) s.business.insert(w);
  return s;
}

TEST(WordTraining, AppleNeighboursIncludeWordsOfBothSenses) {
  const WordTraining& t = trained();
  const Corpus& c = t.corpus;
  const Senses sense = senses();
  ASSERT_TRUE(sense.fruit.count("orchard") && sense.business.count("investors"));
  const Eigen::MatrixXf vectors = word_vectors(t.model);
  int fruity = 0, business = 0;
  std::string list;
  for (const Neighbour& n : nearest_words(vectors, c.index_of("apple"), 10)) {
    fruity += sense.fruit.count(c.words[n.word]) > 0;
    business += sense.business.count(c.words[n.word]) > 0;
    list += c.words[n.word] + " ";
  }
  EXPECT_GE(fruity, 2) << "apple ~ " << list;
  EXPECT_GE(business, 2) << "apple ~ " << list;
  // The one-sense words stay on their side: banana's five nearest words are never business-only words, and
  // microsoft's never fruit-only words.
  for (const Neighbour& n : nearest_words(vectors, c.index_of("banana"), 5))
    EXPECT_FALSE(sense.business.count(c.words[n.word])) << "banana ~ " << c.words[n.word];
  for (const Neighbour& n : nearest_words(vectors, c.index_of("microsoft"), 5))
    EXPECT_FALSE(sense.fruit.count(c.words[n.word])) << "microsoft ~ " << c.words[n.word];
}

TEST(WordProjection, FindsTheLongAxisOfAnEllipse) {
  // Four vectors (±3, 0, 0) and (0, ±1, 0): the first component is the x axis with 9/(9+1) = 0.9 of the variance.
  WordModel m;
  m.word.resize(3, 4);
  m.word << 3, -3, 0, 0,
            0, 0, 1, -1,
            0, 0, 0, 0;
  const WordProjection p = project_words(m.word);
  EXPECT_NEAR(p.explained[0], 0.9, 1e-12);
  EXPECT_NEAR(p.explained[1], 0.1, 1e-12);
  EXPECT_NEAR(p.points(0, 0), 3, 1e-12);   // sign fixed: the largest loading is positive
  EXPECT_NEAR(std::abs(p.points(1, 2)), 1, 1e-12);
}

TEST(WordNeighbours, RanksByCosine) {
  WordModel m;
  m.word.resize(2, 4);
  m.word << 1, 2, 0, -1,
            0, 1, 1, 0;
  // cos to word 0 (1,0): word 1 (2,1) → 2/√5 = 0.894; word 2 (0,1) → 0; word 3 (−1,0) → −1.
  const std::vector<Neighbour> n = nearest_words(m.word, 0, 2);
  ASSERT_EQ(n.size(), 2u);
  EXPECT_EQ(n[0].word, 1);
  EXPECT_NEAR(n[0].cosine, 2 / std::sqrt(5.0), 1e-6);
  EXPECT_EQ(n[1].word, 2);
}

}  // namespace
}  // namespace lpp
