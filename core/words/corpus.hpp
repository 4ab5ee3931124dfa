// The word-vector corpus: text split into lower-case words, function words dropped, a vocabulary of the words seen
// at least `min_count` times, and each sentence as a list of vocabulary indices. Deliberately naive (ASCII letters
// only, no stemming): the shipped corpus is ours and written to suit it. Training lives in word_vectors.hpp.
// Legend: V vocabulary size, N tokens kept.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lpp {

struct Corpus {
  std::vector<std::string> words;           // V: the vocabulary, most frequent first (ties alphabetical)
  std::vector<std::int64_t> counts;         // V: occurrences of each word
  std::vector<std::vector<int>> sentences;  // one per line of text: indices into words, stop words and rare words gone
  std::vector<std::string> sections;        // names of the text's sections ("# --- fruit ---" starts "fruit")
  std::vector<unsigned> word_sections;      // V: bit s set when the word occurs in section s (at most 32)
  std::int64_t tokens = 0;                  // N: Σ counts

  int vocabulary() const { return static_cast<int>(words.size()); }
  // The index of `word` (lower case), or −1 if it is not in the vocabulary.
  int index_of(std::string_view word) const;
};

// One sentence per line; lines starting with '#' and blank lines are skipped, except "# --- name ---", which starts
// a section (text before the first one is section 0, unnamed if none is ever named). A word is a run of ASCII letters,
// lower-cased; `stopwords` lists words to drop, one per line ('#' comments allowed).
Corpus build_corpus(std::string_view text, std::string_view stopwords, int min_count);

// The corpus the app ships (assets/corpus), built with min_count 2, and its raw text and stop words.
Corpus shipped_corpus();
std::string_view shipped_corpus_text();
std::string_view shipped_stopwords();

}  // namespace lpp
