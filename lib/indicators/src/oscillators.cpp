#include <cmath>
#include <limits>
#include <vector>

#include "perfharness/indicators/indicators.hpp"

namespace ph::ind {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

void rsi(const double* x, Index n, int period, double* out) noexcept {
  const Index p = period;
  for (Index i = 0; i < (p < n ? p : n); ++i) out[i] = kNaN;
  if (p < 1 || n <= p) return;
  double gain = 0, loss = 0;
  for (Index i = 1; i <= p; ++i) {
    const double d = x[i] - x[i - 1];
    if (d < 0) loss -= d; else gain += d;
  }
  const double pd = static_cast<double>(p);
  gain /= pd;
  loss /= pd;
  auto value = [](double g, double l) {
    const double total = g + l;
    return (total > 1e-14 || total < -1e-14) ? 100.0 * (g / total) : 0.0;  // TA_IS_ZERO
  };
  out[p] = value(gain, loss);
  for (Index i = p + 1; i < n; ++i) {
    const double d = x[i] - x[i - 1];
    loss *= pd - 1;
    gain *= pd - 1;
    if (d < 0) loss -= d; else gain += d;
    loss /= pd;
    gain /= pd;
    out[i] = value(gain, loss);
  }
}

void macd(const double* x, Index n, int fast, int slow, int signal, double* macd_out, double* signal_out,
          double* hist_out) noexcept {
  for (Index i = 0; i < n; ++i) macd_out[i] = signal_out[i] = hist_out[i] = kNaN;
  const Index s = slow, f = fast, g = signal;
  if (f < 1 || s <= f || g < 1 || n < s) return;
  // TA-Lib seeds both EMAs at bar slow-1: the slow one with the SMA of bars 0..slow-1,
  // the fast one with the SMA of the fast window ending at slow-1.
  double slow_ema = 0, fast_ema = 0;
  for (Index i = 0; i < s; ++i) slow_ema += x[i];
  for (Index i = s - f; i < s; ++i) fast_ema += x[i];
  slow_ema /= static_cast<double>(s);
  fast_ema /= static_cast<double>(f);
  const double ks = 2.0 / static_cast<double>(s + 1), kf = 2.0 / static_cast<double>(f + 1);
  macd_out[s - 1] = fast_ema - slow_ema;
  for (Index i = s; i < n; ++i) {
    fast_ema = (x[i] - fast_ema) * kf + fast_ema;
    slow_ema = (x[i] - slow_ema) * ks + slow_ema;
    macd_out[i] = fast_ema - slow_ema;
  }
  const Index first_signal = s - 1 + g - 1;
  if (n <= first_signal) return;
  double sig = 0;
  for (Index i = s - 1; i <= first_signal; ++i) sig += macd_out[i];
  sig /= static_cast<double>(g);
  const double kg = 2.0 / static_cast<double>(g + 1);
  signal_out[first_signal] = sig;
  hist_out[first_signal] = macd_out[first_signal] - sig;
  for (Index i = first_signal + 1; i < n; ++i) {
    sig = (macd_out[i] - sig) * kg + sig;
    signal_out[i] = sig;
    hist_out[i] = macd_out[i] - sig;
  }
}

void bollinger(const double* x, Index n, int period, double k, double* upper, double* middle,
               double* lower) noexcept {
  const Index p = period;
  if (p < 1) return;
  // Running sums of x and x², as TA-Lib's stddev does, keep this one pass.
  double sum = 0, sum_sq = 0;
  const double inv = 1.0 / static_cast<double>(p);
  for (Index i = 0; i < n; ++i) {
    sum += x[i];
    sum_sq += x[i] * x[i];
    if (i < p - 1) {
      upper[i] = lower[i] = kNaN;
      if (middle) middle[i] = kNaN;
      continue;
    }
    const double mean = sum * inv;
    const double var = sum_sq * inv - mean * mean;
    const double sd = var > 1e-14 ? std::sqrt(var) : 0.0;
    upper[i] = mean + k * sd;
    lower[i] = mean - k * sd;
    if (middle) middle[i] = mean;
    const double old = x[i - p + 1];
    sum -= old;
    sum_sq -= old * old;
  }
}

}  // namespace ph::ind
