// "Parameters are bytes": the bit patterns a parameter is stored as in fp32 and bf16.
// Only the two formats the Dials lab shows; no other precision and no byte-order choice (little-endian shown).
#pragma once
#include <cstdint>

namespace lpp {

// IEEE-754 binary32 bits of the value rounded to float, e.g. 1.5 → 0x3FC00000.
std::uint32_t fp32_bits(double value);

// bfloat16 bits: the top 16 bits of fp32, rounded to nearest even (NaN stays a quiet NaN), e.g. 1.5 → 0x3FC0.
std::uint16_t bf16_bits(double value);

// The value those bf16 bits stand for, e.g. 0x3FC0 → 1.5.
double bf16_value(std::uint16_t bits);

}  // namespace lpp
