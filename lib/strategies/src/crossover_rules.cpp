// Strategies that trade one line crossing another.
#include <utility>

#include "fused_signals.hpp"
#include "perfharness/hooks/zone.hpp"
#include "perfharness/indicators/streaming.hpp"
#include "rules.hpp"

namespace ph::strategy_rules {

void sma_cross(const SeriesView& bars, const Parameters& p, Workspace&, Signals& out) {
  PH_ZONE("signals");
  const double* c = bars.close;
  ind::SmaStream fast(p.integer(0)), slow(p.integer(1));
  crossings(bars.size, out, [&](Eigen::Index t) { return std::pair{fast.next(c, t), slow.next(c, t)}; });
}

void ema_cross(const SeriesView& bars, const Parameters& p, Workspace&, Signals& out) {
  PH_ZONE("signals");
  const double* c = bars.close;
  ind::EmaStream fast(p.integer(0)), slow(p.integer(1));
  crossings(bars.size, out, [&](Eigen::Index t) { return std::pair{fast.next(c, t), slow.next(c, t)}; });
}

void macd(const SeriesView& bars, const Parameters& p, Workspace&, Signals& out) {
  PH_ZONE("signals");
  const double* c = bars.close;
  ind::MacdStream m(p.integer(0), p.integer(1), p.integer(2));
  crossings(bars.size, out, [&](Eigen::Index t) {
    const auto v = m.next(c, t);
    return std::pair{v.line, v.signal};
  });
}

}  // namespace ph::strategy_rules
