// Text for the tiny GPT: byte tokens (the vocabulary is the set of bytes the text uses, in byte order), a split
// into training and validation streams, and the checks a reader's pasted text must pass. Not a tokenizer with
// merges: one byte is one token, so bits per token are bits per byte (per character for ASCII text).
// Legend: V vocabulary, n bytes of text.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lpp::gpt {

inline constexpr std::size_t kMaxTextBytes = 1 << 20;   // 1 MiB: a few minutes of training covers it many times
inline constexpr std::size_t kMinTextBytes = 1024;      // room for validation windows beside the training stream

struct TextData {
  std::vector<unsigned char> bytes;   // V: token v is the byte bytes[v], ascending
  std::array<int, 256> token_of{};    // byte → token, −1 for bytes the text does not use
  std::vector<int> train, validation; // the first 90% of the text and the last 10%, as tokens
  int vocab() const { return static_cast<int>(bytes.size()); }
  std::vector<int> encode(std::string_view text) const;   // bytes outside the vocabulary are skipped
  std::string decode(const std::vector<int>& tokens) const;
};

// Empty when `text` can be trained on; otherwise what is wrong, with the limit ("the text has 2,000,000 bytes;
// the lab takes at most 1,048,576 (1 MiB)").
std::string text_problem(std::string_view text);

// Expects text that text_problem accepts. `validation_share` of the bytes, at the end, become the validation
// stream (the split moves back to the end of a line if one is within a twentieth of the text, so no word is cut).
TextData make_text_data(std::string_view text, double validation_share = 0.1);

// The corpus the project ships (assets/corpus/tiny_gpt.txt, written for the project).
std::string_view shipped_text();

}  // namespace lpp::gpt
