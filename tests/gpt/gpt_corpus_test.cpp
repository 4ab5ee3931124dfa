// Byte tokens, the split and the pasted-text limits of the tiny GPT lab.
#include <gtest/gtest.h>

#include <string>

#include "gpt/gpt_corpus.hpp"

namespace lpp::gpt {
namespace {

TEST(GptCorpus, VocabularyIsTheBytesUsedInOrder) {
  std::string text(2000, 'b');
  text += "a\nc";
  const TextData d = make_text_data(text);
  ASSERT_EQ(d.vocab(), 4);   // '\n' (10) < 'a' < 'b' < 'c'
  EXPECT_EQ(d.bytes[0], '\n');
  EXPECT_EQ(d.token_of['c'], 3);
  EXPECT_EQ(d.decode(d.encode("cab")), "cab");
  EXPECT_EQ(d.train.size() + d.validation.size(), text.size());
}

TEST(GptCorpus, SplitKeepsATenthForValidationOnALineBoundary) {
  const TextData d = make_text_data(shipped_text());
  const double share = static_cast<double>(d.validation.size()) / (d.train.size() + d.validation.size());
  EXPECT_GE(share, 0.1);    // a tenth, moved back to a line end at most a twentieth of the text away
  EXPECT_LE(share, 0.15);
  EXPECT_EQ(d.bytes[static_cast<std::size_t>(d.train.back())], '\n');
}

TEST(GptCorpus, PastedTextLimitsSayWhatIsWrong) {
  EXPECT_EQ(text_problem(shipped_text()), "");
  EXPECT_EQ(text_problem("short"), "the text has 5 bytes; the lab needs at least 1,024 (room for training and "
                                   "validation windows)");
  EXPECT_EQ(text_problem(std::string(kMaxTextBytes + 1, 'x')),
            "the text has 1,048,577 bytes; the lab takes at most 1,048,576 (1 MiB)");
  EXPECT_NE(text_problem(std::string(2000, 'x') + '\0').find("NUL"), std::string::npos);
}

}  // namespace
}  // namespace lpp::gpt
