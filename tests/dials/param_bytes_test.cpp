// Tests of the fp32 / bf16 bit patterns (core/dials/param_bytes) against IEEE-754 values worked by hand.
#include "dials/param_bytes.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace lpp {
namespace {

TEST(ParamBytes, Fp32BitsOfHandWorkedValues) {
  EXPECT_EQ(fp32_bits(1.5), 0x3FC00000u);   // sign 0, exponent 127 = 0x7F, mantissa .1000…
  EXPECT_EQ(fp32_bits(-2.0), 0xC0000000u);  // sign 1, exponent 128
  EXPECT_EQ(fp32_bits(1.0 / 3), 0x3EAAAAABu);  // 0.0101…₂, mantissa rounded up in the last place
  EXPECT_EQ(fp32_bits(0.0), 0u);
}

TEST(ParamBytes, Bf16RoundsToNearestEven) {
  EXPECT_EQ(bf16_bits(1.5), 0x3FC0u);
  EXPECT_EQ(bf16_bits(1.0 / 3), 0x3EABu);    // 0x3EAA|AAAB: the dropped half 0xAAAB > 0x8000 rounds up
  EXPECT_EQ(bf16_bits(1.0 + 1.0 / 256), 0x3F80u);      // 0x3F80|8000: a tie, kept bit even, stays
  EXPECT_EQ(bf16_bits(1.0 + 3.0 / 256), 0x3F82u);      // 0x3F81|8000: a tie, kept bit odd, rounds up
  EXPECT_EQ(bf16_value(0x3FC0u), 1.5);
  EXPECT_EQ(bf16_bits(std::numeric_limits<double>::quiet_NaN()) & 0x7FC0u, 0x7FC0u);
}

}  // namespace
}  // namespace lpp
