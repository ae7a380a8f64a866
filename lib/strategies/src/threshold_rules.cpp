// Strategies that trade an indicator against levels or bands.
#include "fused_signals.hpp"
#include "perfharness/hooks/zone.hpp"
#include "perfharness/indicators/streaming.hpp"
#include "rules.hpp"

namespace ph::strategy_rules {

void rsi(const SeriesView& bars, const Parameters& p, Workspace&, Signals& out) {
  PH_ZONE("signals");
  const double* c = bars.close;
  const double oversold = p[1], overbought = p[2];
  ind::RsiStream rsi(p.integer(0));
  double prev = ind::kNaNValue;
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    const double r = rsi.next(c, t);
    // At t = 0 prev is NaN, so neither fires.
    entry = (r < oversold) & (oversold <= prev);
    exit = (r > overbought) & (overbought >= prev);
    prev = r;
  });
}

void bollinger(const SeriesView& bars, const Parameters& p, Workspace&, Signals& out) {
  PH_ZONE("signals");
  const double* c = bars.close;
  ind::BollingerStream bands(p.integer(0), p[1]);
  double prev_upper = ind::kNaNValue, prev_lower = ind::kNaNValue, prev_close = ind::kNaNValue;
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    const auto b = bands.next(c, t);
    entry = (c[t] <= b.lower) & (prev_close > prev_lower);
    exit = (c[t] >= b.upper) & (prev_close < prev_upper);
    prev_upper = b.upper;
    prev_lower = b.lower;
    prev_close = c[t];
  });
}

void mean_reversion(const SeriesView& bars, const Parameters& p, Workspace&, Signals& out) {
  PH_ZONE("signals");
  const double* c = bars.close;
  const double entry_level = p[1], exit_level = p[2];
  ind::SmaStream ma(p.integer(0));
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    const double m = ma.next(c, t);
    const double dev = (c[t] - m) / m;
    entry = dev < -entry_level;
    exit = dev > exit_level;
  });
}

}  // namespace ph::strategy_rules
