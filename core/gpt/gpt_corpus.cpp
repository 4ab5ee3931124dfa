// Byte tokens, the train/validation split and the pasted-text checks (see gpt_corpus.hpp).
#include "gpt/gpt_corpus.hpp"

#include <algorithm>

#include "embedded_file.hpp"

namespace lpp::gpt_data {
extern const EmbeddedFile kFiles[];
extern const std::size_t kFileCount;
}  // namespace lpp::gpt_data

namespace lpp::gpt {

namespace {

// 1234567 → "1,234,567"
std::string grouped(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

}  // namespace

std::vector<int> TextData::encode(std::string_view text) const {
  std::vector<int> out;
  out.reserve(text.size());
  for (const char ch : text) {
    const int t = token_of[static_cast<unsigned char>(ch)];
    if (t >= 0) out.push_back(t);
  }
  return out;
}

std::string TextData::decode(const std::vector<int>& tokens) const {
  std::string out;
  out.reserve(tokens.size());
  for (const int t : tokens)
    if (t >= 0 && t < vocab()) out.push_back(static_cast<char>(bytes[static_cast<std::size_t>(t)]));
  return out;
}

std::string text_problem(std::string_view text) {
  if (text.size() > kMaxTextBytes)
    return "the text has " + grouped(text.size()) + " bytes; the lab takes at most " + grouped(kMaxTextBytes) +
           " (1 MiB)";
  if (text.size() < kMinTextBytes)
    return "the text has " + grouped(text.size()) + " bytes; the lab needs at least " + grouped(kMinTextBytes) +
           " (room for training and validation windows)";
  if (text.find('\0') != std::string_view::npos) return "the text holds a NUL byte: is it a binary file?";
  return {};
}

TextData make_text_data(std::string_view text, double validation_share) {
  TextData d;
  d.token_of.fill(-1);
  std::array<bool, 256> used{};
  for (const char ch : text) used[static_cast<unsigned char>(ch)] = true;
  for (int b = 0; b < 256; ++b) {
    if (!used[static_cast<std::size_t>(b)]) continue;
    d.token_of[static_cast<std::size_t>(b)] = d.vocab();
    d.bytes.push_back(static_cast<unsigned char>(b));
  }
  std::size_t split = text.size() - static_cast<std::size_t>(static_cast<double>(text.size()) * validation_share);
  const std::size_t line = text.rfind('\n', split);
  if (line != std::string_view::npos && split - line < text.size() / 20) split = line + 1;
  d.train = d.encode(text.substr(0, split));
  d.validation = d.encode(text.substr(split));
  return d;
}

std::string_view shipped_text() {
  for (std::size_t i = 0; i < gpt_data::kFileCount; ++i)
    if (std::string_view(gpt_data::kFiles[i].name) == "tiny_gpt.txt") return gpt_data::kFiles[i].text();
  return {};
}

}  // namespace lpp::gpt
