// Strategies that trade price momentum and channel breakouts.
#include "perfharness/hooks/zone.hpp"
#include "perfharness/indicators/indicators.hpp"
#include "rules.hpp"

namespace ph::strategy_rules {

void momentum(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) {
  const auto n = bars.size;
  double* change = ws.buffer(0, n);
  {
    PH_ZONE("indicator.pct_change");
    ind::pct_change(bars.close, n, p.integer(0), change);
  }
  PH_ZONE("signals");
  const double threshold = p[1];
  out.resize(n);
  for (Eigen::Index t = 0; t < n; ++t) {
    const auto i = static_cast<std::size_t>(t);
    out.entries[i] = change[t] > threshold;
    out.exits[i] = change[t] < -threshold;
  }
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
  out.resize(n);
  for (Eigen::Index t = 0; t < n; ++t) {
    const auto i = static_cast<std::size_t>(t);
    out.entries[i] = c[t] > highest[t];
    out.exits[i] = c[t] < lowest[t];
  }
}

void volume_momentum(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) {
  const auto n = bars.size;
  double* change = ws.buffer(0, n);
  double* volume_ma = ws.buffer(1, n);
  {
    PH_ZONE("indicator.pct_change");
    ind::pct_change(bars.close, n, p.integer(0), change);
  }
  {
    PH_ZONE("indicator.sma");
    ind::sma(bars.volume, n, p.integer(1), volume_ma);
  }
  PH_ZONE("signals");
  const double threshold = p[2], multiplier = p[3];
  const double* v = bars.volume;
  out.resize(n);
  for (Eigen::Index t = 0; t < n; ++t) {
    const auto i = static_cast<std::size_t>(t);
    out.entries[i] = (change[t] > threshold) & (v[t] > volume_ma[t] * multiplier);
    out.exits[i] = (change[t] < -threshold) | (v[t] < volume_ma[t] * 0.8);
  }
}

}  // namespace ph::strategy_rules
