// Uniform and Gaussian draws from the raw output of std::mt19937_64, the same on every standard library
// (std::uniform_real_distribution and std::normal_distribution differ between libstdc++ and libc++, so a seed
// would give different networks and data natively and in wasm).
#pragma once
#include <cmath>
#include <random>

namespace lpp {

// U[0, 1) with 53 random bits.
inline double draw_uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

inline double draw_uniform(std::mt19937_64& rng, double lo, double hi) { return lo + (hi - lo) * draw_uniform01(rng); }

// N(mean, sd²) by Box-Muller (Box & Muller 1958): z = √(−2 ln u₁)·cos(2π u₂), u₁ in (0, 1].
inline double draw_normal(std::mt19937_64& rng, double mean = 0.0, double sd = 1.0) {
  const double u1 = 1.0 - draw_uniform01(rng), u2 = draw_uniform01(rng);
  return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

}  // namespace lpp
