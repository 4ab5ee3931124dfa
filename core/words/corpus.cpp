// Tokenising and counting the word-vector corpus (see corpus.hpp).
#include "words/corpus.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "embedded_file.hpp"

namespace lpp::corpus_data {
extern const lpp::EmbeddedFile kFiles[];
extern const std::size_t kFileCount;
}  // namespace lpp::corpus_data

namespace lpp {
namespace {

// The words of one line: runs of ASCII letters, lower-cased.
std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> out;
  std::string word;
  for (const char ch : line) {
    const bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    if (letter) {
      word.push_back(static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

struct Line {
  std::string_view text;
  int section = 0;
};

// The text's lines without comments and blank lines, each with its section; the section names into `sections`.
std::vector<Line> content_lines(std::string_view text, std::vector<std::string>* sections = nullptr) {
  constexpr std::string_view kMark = "# --- ";
  std::vector<Line> lines;
  int section = 0;
  bool named = false;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (line.substr(0, kMark.size()) == kMark) {
      std::string name(line.substr(kMark.size()));
      name = name.substr(0, name.find(" ---"));
      if (named || !lines.empty()) ++section;
      named = true;
      if (sections) sections->resize(section + 1), (*sections)[section] = name;
      continue;
    }
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    lines.push_back({line, section});
  }
  if (sections && sections->empty()) sections->push_back("");
  return lines;
}

}  // namespace

int Corpus::index_of(std::string_view word) const {
  const auto it = std::find(words.begin(), words.end(), word);
  return it == words.end() ? -1 : static_cast<int>(it - words.begin());
}

Corpus build_corpus(std::string_view text, std::string_view stopwords, int min_count) {
  std::set<std::string> stop;
  for (const Line& line : content_lines(stopwords))
    for (std::string& w : split_words(line.text)) stop.insert(std::move(w));

  Corpus c;
  std::vector<std::vector<std::string>> kept;
  std::map<std::string, std::int64_t> counts;
  std::map<std::string, unsigned> in_sections;
  for (const Line& line : content_lines(text, &c.sections)) {
    std::vector<std::string> words;
    for (std::string& w : split_words(line.text))
      if (!stop.count(w)) words.push_back(std::move(w));
    for (const std::string& w : words) ++counts[w], in_sections[w] |= 1u << std::min(line.section, 31);
    kept.push_back(std::move(words));
  }

  std::vector<std::pair<std::string, std::int64_t>> vocab;
  for (const auto& [word, n] : counts)
    if (n >= min_count) vocab.emplace_back(word, n);
  std::stable_sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) { return a.second > b.second; });

  std::map<std::string, int> index;
  for (const auto& [word, n] : vocab) {
    index[word] = static_cast<int>(c.words.size());
    c.words.push_back(word);
    c.word_sections.push_back(in_sections[word]);
    c.counts.push_back(n);
    c.tokens += n;
  }
  for (const std::vector<std::string>& words : kept) {
    std::vector<int> ids;
    for (const std::string& w : words) {
      const auto it = index.find(w);
      if (it != index.end()) ids.push_back(it->second);
    }
    if (ids.size() >= 2) c.sentences.push_back(std::move(ids));
  }
  return c;
}

namespace {

std::string_view embedded(std::string_view name) {
  for (std::size_t i = 0; i < corpus_data::kFileCount; ++i)
    if (name == corpus_data::kFiles[i].name) return corpus_data::kFiles[i].text();
  return {};
}

}  // namespace

std::string_view shipped_corpus_text() { return embedded("fruit_phones_markets.txt"); }
std::string_view shipped_stopwords() { return embedded("stopwords.txt"); }
Corpus shipped_corpus() { return build_corpus(shipped_corpus_text(), shipped_stopwords(), 2); }

}  // namespace lpp
