#pragma once
// A fully specified random source: xoshiro256** seeded through splitmix64, and
// distributions written out here because the standard library's are
// implementation-defined and would break bit-identical data across machines.
#include <cmath>
#include <cstdint>

namespace ph::detail {

class Xoshiro256 {
 public:
  explicit Xoshiro256(std::uint64_t seed) noexcept {
    for (auto& s : s_) {
      seed += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      s = z ^ (z >> 31);
    }
  }
  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [lo, hi) by Lemire's multiply-shift without rejection (bias < 2^-40 for these spans).
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi) noexcept {
    __extension__ using u128 = unsigned __int128;
    const auto span = static_cast<u128>(hi - lo);
    return lo + static_cast<std::int64_t>((span * next()) >> 64);
  }
  /// Standard normal by the Box–Muller transform (one value per call; the pair's
  /// second value is dropped so each draw consumes exactly two uniforms).
  double normal() noexcept {
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace ph::detail
