#include "perfharness/indicators/indicators.hpp"
#include "perfharness/indicators/streaming.hpp"

namespace ph::ind {

void sma(const double* x, Index n, int period, double* out) noexcept {
  if (period < 1) return;
  SmaStream s(period);
  for (Index t = 0; t < n; ++t) out[t] = s.next(x, t);
}

void ema(const double* x, Index n, int period, double* out) noexcept {
  if (period < 1) return;
  EmaStream s(period);
  for (Index t = 0; t < n; ++t) out[t] = s.next(x, t);
}

void pct_change(const double* x, Index n, int period, double* out) noexcept {
  for (Index t = 0; t < n; ++t) out[t] = pct_change_at(x, t, period);
}

}  // namespace ph::ind
