#pragma once
// Deterministic synthetic prices, the seed suite's generator made reproducible:
// the same symbol, seed and span give bit-identical series on every run and machine.
#include <cstdint>
#include <string_view>

#include "perfharness/data/ohlcv.hpp"

namespace ph {

struct SyntheticSpec {
  Date first_date = date_from_civil(2020, 1, 1);  // the generator's origin
  Date last_date = date_from_civil(2023, 12, 31);
  std::uint64_t seed = 42;
  double drift = 0.0008;     // mean daily return
  double volatility = 0.02;  // standard deviation of daily returns
  double start_price = 100.0;
};

/// The longest span generated, in daily bars: a span beyond it is a typo in a date (year
/// 4800 for 2048) rather than a workload, and compounds prices to meaningless magnitudes.
/// Callers refuse longer spans with a message naming their own field; generate_synthetic
/// does not check.
inline constexpr std::int64_t kMaxSyntheticBars = 1'000'000;

/// Calendar-daily bars from spec.first_date to spec.last_date. Bar i depends only on
/// draws 0..i, so a longer span extends a shorter one without changing it.
OhlcvSeries generate_synthetic(std::string_view symbol, const SyntheticSpec& spec);

/// A stable 64-bit hash of a symbol (FNV-1a), the per-symbol part of the seed.
std::uint64_t symbol_hash(std::string_view symbol) noexcept;

}  // namespace ph
