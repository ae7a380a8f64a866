// Strategies that trade an indicator against levels or bands.
#include "perfharness/hooks/zone.hpp"
#include "perfharness/indicators/indicators.hpp"
#include "rules.hpp"

namespace ph::strategy_rules {

void rsi(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) {
  const auto n = bars.size;
  double* r = ws.buffer(0, n);
  {
    PH_ZONE("indicator.rsi");
    ind::rsi(bars.close, n, p.integer(0), r);
  }
  PH_ZONE("signals");
  const double oversold = p[1], overbought = p[2];
  out.resize(n);
  if (n == 0) return;
  out.entries[0] = out.exits[0] = 0;
  for (Eigen::Index t = 1; t < n; ++t) {
    const auto i = static_cast<std::size_t>(t);
    out.entries[i] = (r[t] < oversold) & (oversold <= r[t - 1]);
    out.exits[i] = (r[t] > overbought) & (overbought >= r[t - 1]);
  }
}

void bollinger(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) {
  const auto n = bars.size;
  double* upper = ws.buffer(0, n);
  double* lower = ws.buffer(1, n);
  {
    PH_ZONE("indicator.bollinger");
    ind::bollinger(bars.close, n, p.integer(0), p[1], upper, nullptr, lower);
  }
  PH_ZONE("signals");
  const double* c = bars.close;
  out.resize(n);
  if (n == 0) return;
  out.entries[0] = out.exits[0] = 0;
  for (Eigen::Index t = 1; t < n; ++t) {
    const auto i = static_cast<std::size_t>(t);
    out.entries[i] = (c[t] <= lower[t]) & (c[t - 1] > lower[t - 1]);
    out.exits[i] = (c[t] >= upper[t]) & (c[t - 1] < upper[t - 1]);
  }
}

void mean_reversion(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) {
  const auto n = bars.size;
  double* ma = ws.buffer(0, n);
  {
    PH_ZONE("indicator.sma");
    ind::sma(bars.close, n, p.integer(0), ma);
  }
  PH_ZONE("signals");
  const double entry = p[1], exit = p[2];
  const double* c = bars.close;
  out.resize(n);
  for (Eigen::Index t = 0; t < n; ++t) {
    const auto i = static_cast<std::size_t>(t);
    const double dev = (c[t] - ma[t]) / ma[t];
    out.entries[i] = dev < -entry;
    out.exits[i] = dev > exit;
  }
}

}  // namespace ph::strategy_rules
