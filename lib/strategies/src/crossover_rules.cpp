// Strategies that trade one line crossing another.
#include "perfharness/hooks/zone.hpp"
#include "perfharness/indicators/indicators.hpp"
#include "rules.hpp"

namespace ph::strategy_rules {
namespace {

// "a crosses above b" at t: a[t] > b[t] and a[t-1] <= b[t-1]. NaN compares false,
// so warm-up bars never fire.
void crossings(const double* a, const double* b, Eigen::Index n, Signals& out) {
  PH_ZONE("signals");
  out.resize(n);
  if (n == 0) return;
  out.entries[0] = out.exits[0] = 0;
  for (Eigen::Index t = 1; t < n; ++t) {
    const auto i = static_cast<std::size_t>(t);
    out.entries[i] = (a[t] > b[t]) & (a[t - 1] <= b[t - 1]);
    out.exits[i] = (a[t] < b[t]) & (a[t - 1] >= b[t - 1]);
  }
}

}  // namespace

void sma_cross(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) {
  const auto n = bars.size;
  double* fast = ws.buffer(0, n);
  double* slow = ws.buffer(1, n);
  {
    PH_ZONE("indicator.sma");
    ind::sma(bars.close, n, p.integer(0), fast);
    ind::sma(bars.close, n, p.integer(1), slow);
  }
  crossings(fast, slow, n, out);
}

void ema_cross(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) {
  const auto n = bars.size;
  double* fast = ws.buffer(0, n);
  double* slow = ws.buffer(1, n);
  {
    PH_ZONE("indicator.ema");
    ind::ema(bars.close, n, p.integer(0), fast);
    ind::ema(bars.close, n, p.integer(1), slow);
  }
  crossings(fast, slow, n, out);
}

void macd(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) {
  const auto n = bars.size;
  double* line = ws.buffer(0, n);
  double* signal = ws.buffer(1, n);
  double* hist = ws.buffer(2, n);
  {
    PH_ZONE("indicator.macd");
    ind::macd(bars.close, n, p.integer(0), p.integer(1), p.integer(2), line, signal, hist);
  }
  crossings(line, signal, n, out);
}

}  // namespace ph::strategy_rules
