#pragma once
// The indicator series a strategy's signals read, named so that a sweep can compute each
// distinct one once for its whole grid (a 50 × 100 grid of sma_cross windows reads 150
// distinct moving averages, not 10,000), and the strategies' signal rules over such
// series. The series are the indicators' own (the same streams), so signals built from
// them are bit-identical to a strategy's `generate`.
#include <compare>
#include <cstdint>

#include "perfharness/data/series_view.hpp"
#include "perfharness/strategies/parameters.hpp"

namespace ph {

struct Signals;

enum class SeriesKind : std::uint8_t {
  Sma,                 // SMA(a) of the closes
  Ema,                 // EMA(a) of the closes
  Rsi,                 // RSI(a) of the closes
  MacdLine,            // MACD line of the closes, fast a, slow b
  BollingerMean,       // mean of the last a closes (the middle band)
  BollingerDeviation,  // their population standard deviation
  PriorMax,            // highest of the previous a closes
  PriorMin,            // lowest of the previous a closes
  PctChange,           // close[t]/close[t-a] - 1
  VolumeSma,           // SMA(a) of the volumes
};

struct SeriesKey {
  SeriesKind kind = SeriesKind::Sma;
  int a = 0;
  int b = 0;
  friend auto operator<=>(const SeriesKey&, const SeriesKey&) = default;
};

/// Writes the series `key` over `bars` into out[0..bars.size).
void compute_series(const SeriesView& bars, const SeriesKey& key, double* out);

/// A strategy's signals from shared series. Built-in strategies have one; a plugin's
/// computes its own indicators, so `keys` is null.
struct SharedSignals {
  static constexpr int kMaxSeries = 2;
  /// The series the signals of `p` read, written to keys[0..]; returns how many.
  int (*keys)(const Parameters& p, SeriesKey* keys) = nullptr;
  /// The signals of `p` from those series (series[i] is keys[i]'s, over `bars`).
  void (*generate)(const SeriesView& bars, const Parameters& p, const double* const* series, Signals& out) = nullptr;
};

}  // namespace ph
