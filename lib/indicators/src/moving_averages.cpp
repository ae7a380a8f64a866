#include <limits>

#include "perfharness/indicators/indicators.hpp"

namespace ph::ind {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

void sma(const double* x, Index n, int period, double* out) noexcept {
  const Index p = period;
  if (p < 1) return;
  double sum = 0;
  const Index warm = p - 1 < n ? p - 1 : n;
  for (Index i = 0; i < warm; ++i) {
    sum += x[i];
    out[i] = kNaN;
  }
  const double inv = 1.0 / static_cast<double>(p);
  for (Index i = warm; i < n; ++i) {
    sum += x[i];
    out[i] = sum * inv;
    sum -= x[i - p + 1];
  }
}

void ema(const double* x, Index n, int period, double* out) noexcept {
  const Index p = period;
  if (p < 1) return;
  if (n < p) {
    for (Index i = 0; i < n; ++i) out[i] = kNaN;
    return;
  }
  double seed = 0;
  for (Index i = 0; i < p; ++i) seed += x[i];
  for (Index i = 0; i < p - 1; ++i) out[i] = kNaN;
  double prev = seed / static_cast<double>(p);
  out[p - 1] = prev;
  const double k = 2.0 / static_cast<double>(p + 1);
  for (Index i = p; i < n; ++i) {
    prev = (x[i] - prev) * k + prev;  // TA-Lib's operation order, for bit-level agreement
    out[i] = prev;
  }
}

void pct_change(const double* x, Index n, int period, double* out) noexcept {
  const Index p = period < n ? period : n;
  for (Index i = 0; i < p; ++i) out[i] = kNaN;
  for (Index i = p; i < n; ++i) out[i] = x[i] / x[i - p] - 1.0;
}

}  // namespace ph::ind
