// Strategies that trade price momentum and channel breakouts.
#include "fused_signals.hpp"
#include "perfharness/hooks/zone.hpp"
#include "perfharness/indicators/indicators.hpp"
#include "perfharness/indicators/streaming.hpp"
#include "rules.hpp"

namespace ph::strategy_rules {

void momentum(const SeriesView& bars, const Parameters& p, Workspace&, Signals& out) {
  PH_ZONE("signals");
  const double* c = bars.close;
  const int lookback = p.integer(0);
  const double threshold = p[1];
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    const double change = ind::pct_change_at(c, t, lookback);
    entry = change > threshold;
    exit = change < -threshold;
  });
}

void breakout(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) {
  const auto n = bars.size;
  double* highest = ws.buffer(0, n);
  double* lowest = ws.buffer(1, n);
  {
    PH_ZONE("indicator.rolling_extremes");
    ind::rolling_max_prev(bars.close, n, p.integer(0), highest);
    ind::rolling_min_prev(bars.close, n, p.integer(1), lowest);
  }
  PH_ZONE("signals");
  const double* c = bars.close;
  fill_signals(n, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    entry = c[t] > highest[t];
    exit = c[t] < lowest[t];
  });
}

void volume_momentum(const SeriesView& bars, const Parameters& p, Workspace&, Signals& out) {
  PH_ZONE("signals");
  const double* c = bars.close;
  const double* v = bars.volume;
  const int lookback = p.integer(0);
  const double threshold = p[2], multiplier = p[3];
  ind::SmaStream volume_ma(p.integer(1));
  fill_signals(bars.size, out, [&](Eigen::Index t, bool& entry, bool& exit) {
    const double change = ind::pct_change_at(c, t, lookback);
    const double vma = volume_ma.next(v, t);
    entry = (change > threshold) & (v[t] > vma * multiplier);
    exit = (change < -threshold) | (v[t] < vma * 0.8);
  });
}

}  // namespace ph::strategy_rules
