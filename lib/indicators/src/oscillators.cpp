#include "perfharness/indicators/indicators.hpp"
#include "perfharness/indicators/streaming.hpp"

namespace ph::ind {

void rsi(const double* x, Index n, int period, double* out) noexcept {
  if (period < 1) return;
  RsiStream s(period);
  for (Index t = 0; t < n; ++t) out[t] = s.next(x, t);
}

void macd(const double* x, Index n, int fast, int slow, int signal, double* macd_out, double* signal_out,
          double* hist_out) noexcept {
  MacdStream s(fast, slow, signal);
  for (Index t = 0; t < n; ++t) {
    const MacdStream::Value v = s.next(x, t);
    macd_out[t] = v.line;
    signal_out[t] = v.signal;
    hist_out[t] = v.line - v.signal;  // NaN wherever the signal is
  }
}

void bollinger(const double* x, Index n, int period, double k, double* upper, double* middle,
               double* lower) noexcept {
  if (period < 1) return;
  BollingerStream s(period, k);
  for (Index t = 0; t < n; ++t) {
    const BollingerStream::Value v = s.next(x, t);
    upper[t] = v.upper;
    lower[t] = v.lower;
    if (middle) middle[t] = v.middle;
  }
}

}  // namespace ph::ind
