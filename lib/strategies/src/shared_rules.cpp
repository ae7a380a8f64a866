// The built-in strategies' signal rules over shared series: the same comparisons as their
// fused forms (crossover_rules.cpp, threshold_rules.cpp, momentum_rules.cpp), reading
// indicator values a sweep computed once instead of streaming them per parameter set.
// A test backtests every strategy's grid both ways and requires identical results.
#include <cstdint>
#include <string_view>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "fused_signals.hpp"
#include "perfharness/hooks/zone.hpp"
#include "perfharness/indicators/indicators.hpp"
#include "perfharness/indicators/streaming.hpp"
#include "rules.hpp"

namespace ph {

void compute_series(const SeriesView& bars, const SeriesKey& key, double* out) {
  const double* c = bars.close;
  const Eigen::Index n = bars.size;
  switch (key.kind) {
    case SeriesKind::Sma: ind::sma(c, n, key.a, out); return;
    case SeriesKind::Ema: ind::ema(c, n, key.a, out); return;
    case SeriesKind::Rsi: ind::rsi(c, n, key.a, out); return;
    case SeriesKind::MacdLine: {
      ind::MacdLineStream line(key.a, key.b);
      for (Eigen::Index t = 0; t < n; ++t) out[t] = line.next(c, t);
      return;
    }
    case SeriesKind::BollingerMean:
    case SeriesKind::BollingerDeviation: {
      ind::BollingerStream bands(key.a, 0.0);
      const bool mean = key.kind == SeriesKind::BollingerMean;
      for (Eigen::Index t = 0; t < n; ++t) {
        const auto m = bands.moments(c, t);
        out[t] = mean ? m.mean : m.sd;
      }
      return;
    }
    case SeriesKind::PriorMax: ind::rolling_max_prev(c, n, key.a, out); return;
    case SeriesKind::PriorMin: ind::rolling_min_prev(c, n, key.a, out); return;
    case SeriesKind::PctChange: ind::pct_change(c, n, key.a, out); return;
    case SeriesKind::VolumeSma: ind::sma(bars.volume, n, key.a, out); return;
  }
}

namespace strategy_rules {
namespace {

// Two lines, keyed by the first two integer parameters: sma_cross, ema_cross.
template <SeriesKind Kind>
int two_lines(const Parameters& p, SeriesKey* keys) {
  keys[0] = {Kind, p.integer(0), 0};
  keys[1] = {Kind, p.integer(1), 0};
  return 2;
}

void lines_cross(const SeriesView& bars, const Parameters&, const double* const* s, Signals& out) {
  PH_ZONE("signals");
  // crossings()'s comparisons, two bars at a time: the lines are in memory here, not
  // streamed, so nothing is carried from bar to bar. (GCC does not vectorise a double
  // comparison stored as a byte by itself.) Ordered comparisons, false on NaN, as in C++.
  const double *a = s[0], *b = s[1];
  const Eigen::Index n = bars.size;
  out.resize(n);
  if (n == 0) return;
  std::uint8_t* entries = out.entries.data();
  std::uint8_t* exits = out.exits.data();
  entries[0] = exits[0] = 0;
  Eigen::Index t = 1;
#if defined(__SSE2__)
  for (; t + 2 <= n; t += 2) {
    const __m128d now_a = _mm_loadu_pd(a + t), now_b = _mm_loadu_pd(b + t);
    const __m128d before_a = _mm_loadu_pd(a + t - 1), before_b = _mm_loadu_pd(b + t - 1);
    const int up = _mm_movemask_pd(_mm_and_pd(_mm_cmpgt_pd(now_a, now_b), _mm_cmple_pd(before_a, before_b)));
    const int down = _mm_movemask_pd(_mm_and_pd(_mm_cmplt_pd(now_a, now_b), _mm_cmpge_pd(before_a, before_b)));
    entries[t] = static_cast<std::uint8_t>(up & 1);
    entries[t + 1] = static_cast<std::uint8_t>(up >> 1);
    exits[t] = static_cast<std::uint8_t>(down & 1);
    exits[t + 1] = static_cast<std::uint8_t>(down >> 1);
  }
#endif
  for (; t < n; ++t) {
    entries[t] = (a[t] > b[t]) & (a[t - 1] <= b[t - 1]);
    exits[t] = (a[t] < b[t]) & (a[t - 1] >= b[t - 1]);
  }
}

int rsi_keys(const Parameters& p, SeriesKey* keys) {
  keys[0] = {SeriesKind::Rsi, p.integer(0), 0};
  return 1;
}

void rsi_levels(const SeriesView& bars, const Parameters& p, const double* const* s, Signals& out) {
  PH_ZONE("signals");
  const double* rsi = s[0];
  const double oversold = p[1], overbought = p[2];
  double prev = ind::kNaNValue;
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    const double r = rsi[t];
    entry = (r < oversold) & (oversold <= prev);
    exit = (r > overbought) & (overbought >= prev);
    prev = r;
  });
}

int macd_keys(const Parameters& p, SeriesKey* keys) {
  keys[0] = {SeriesKind::MacdLine, p.integer(0), p.integer(1)};
  return 1;
}

void macd_signal_cross(const SeriesView& bars, const Parameters& p, const double* const* s, Signals& out) {
  PH_ZONE("signals");
  const double* line = s[0];
  const bool valid = p.integer(0) >= 1 && p.integer(1) > p.integer(0) && p.integer(2) >= 1;  // as MacdStream's
  ind::MacdSignalStream signal(p.integer(1), p.integer(2));
  crossings(bars.size, out, [&](Eigen::Index t) {
    if (!valid) return std::pair{ind::kNaNValue, ind::kNaNValue};
    return std::pair{line[t], signal.next(line[t], t)};
  });
}

int bollinger_keys(const Parameters& p, SeriesKey* keys) {
  keys[0] = {SeriesKind::BollingerMean, p.integer(0), 0};
  keys[1] = {SeriesKind::BollingerDeviation, p.integer(0), 0};
  return 2;
}

void bollinger_bands(const SeriesView& bars, const Parameters& p, const double* const* s, Signals& out) {
  PH_ZONE("signals");
  const double *c = bars.close, *mean = s[0], *sd = s[1];
  const double k = p[1];
  double prev_upper = ind::kNaNValue, prev_lower = ind::kNaNValue, prev_close = ind::kNaNValue;
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    const auto b = ind::BollingerStream::bands({mean[t], sd[t]}, k);
    entry = (c[t] <= b.lower) & (prev_close > prev_lower);
    exit = (c[t] >= b.upper) & (prev_close < prev_upper);
    prev_upper = b.upper;
    prev_lower = b.lower;
    prev_close = c[t];
  });
}

int mean_reversion_keys(const Parameters& p, SeriesKey* keys) {
  keys[0] = {SeriesKind::Sma, p.integer(0), 0};
  return 1;
}

void mean_reversion_levels(const SeriesView& bars, const Parameters& p, const double* const* s, Signals& out) {
  PH_ZONE("signals");
  const double *c = bars.close, *ma = s[0];
  const double entry_level = p[1], exit_level = p[2];
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    const double dev = (c[t] - ma[t]) / ma[t];
    entry = dev < -entry_level;
    exit = dev > exit_level;
  });
}

int momentum_keys(const Parameters& p, SeriesKey* keys) {
  keys[0] = {SeriesKind::PctChange, p.integer(0), 0};
  return 1;
}

void momentum_levels(const SeriesView& bars, const Parameters& p, const double* const* s, Signals& out) {
  PH_ZONE("signals");
  const double* change = s[0];
  const double threshold = p[1];
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    entry = change[t] > threshold;
    exit = change[t] < -threshold;
  });
}

int breakout_keys(const Parameters& p, SeriesKey* keys) {
  keys[0] = {SeriesKind::PriorMax, p.integer(0), 0};
  keys[1] = {SeriesKind::PriorMin, p.integer(1), 0};
  return 2;
}

void breakout_channel(const SeriesView& bars, const Parameters&, const double* const* s, Signals& out) {
  PH_ZONE("signals");
  const double *c = bars.close, *highest = s[0], *lowest = s[1];
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    entry = c[t] > highest[t];
    exit = c[t] < lowest[t];
  });
}

int volume_momentum_keys(const Parameters& p, SeriesKey* keys) {
  keys[0] = {SeriesKind::PctChange, p.integer(0), 0};
  keys[1] = {SeriesKind::VolumeSma, p.integer(1), 0};
  return 2;
}

void volume_momentum_levels(const SeriesView& bars, const Parameters& p, const double* const* s, Signals& out) {
  PH_ZONE("signals");
  const double *v = bars.volume, *change = s[0], *volume_ma = s[1];
  const double threshold = p[2], multiplier = p[3];
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    entry = (change[t] > threshold) & (v[t] > volume_ma[t] * multiplier);
    exit = (change[t] < -threshold) | (v[t] < volume_ma[t] * 0.8);
  });
}

}  // namespace

SharedSignals shared_signals_of(std::string_view strategy) noexcept {
  if (strategy == "sma_cross") return {two_lines<SeriesKind::Sma>, lines_cross};
  if (strategy == "ema_cross") return {two_lines<SeriesKind::Ema>, lines_cross};
  if (strategy == "rsi") return {rsi_keys, rsi_levels};
  if (strategy == "macd") return {macd_keys, macd_signal_cross};
  if (strategy == "bollinger") return {bollinger_keys, bollinger_bands};
  if (strategy == "mean_reversion") return {mean_reversion_keys, mean_reversion_levels};
  if (strategy == "momentum") return {momentum_keys, momentum_levels};
  if (strategy == "breakout") return {breakout_keys, breakout_channel};
  if (strategy == "volume_momentum") return {volume_momentum_keys, volume_momentum_levels};
  return {};
}

}  // namespace strategy_rules
}  // namespace ph
