#pragma once
// Technical indicators with TA-Lib's definitions, each one O(n) pass.
// Every function writes n outputs; bars where the indicator is undefined
// (its warm-up) are NaN. Inputs and outputs must not alias unless stated.
#include <Eigen/Core>

namespace ph::ind {

using Index = Eigen::Index;

/// Simple moving average; defined from bar period-1.
void sma(const double* x, Index n, int period, double* out) noexcept;

/// Exponential moving average, k = 2/(period+1), seeded with the SMA of the first
/// `period` values; defined from bar period-1.
void ema(const double* x, Index n, int period, double* out) noexcept;

/// Wilder's RSI as TA-Lib computes it; defined from bar period.
void rsi(const double* x, Index n, int period, double* out) noexcept;

/// TA-Lib's TA_MACD: macd defined from bar slow-1, signal and histogram from bar
/// slow+signal-2. Requires fast < slow.
void macd(const double* x, Index n, int fast, int slow, int signal, double* macd_out, double* signal_out,
          double* hist_out) noexcept;

/// Bollinger bands: SMA ± k · population standard deviation; defined from bar period-1.
/// `middle` may be nullptr when only the bands are wanted.
void bollinger(const double* x, Index n, int period, double k, double* upper, double* middle,
               double* lower) noexcept;

/// Highest of the previous `period` values (bar t sees t-period..t-1); defined from bar period.
void rolling_max_prev(const double* x, Index n, int period, double* out);

/// Lowest of the previous `period` values; defined from bar period.
void rolling_min_prev(const double* x, Index n, int period, double* out);

/// x[t]/x[t-period] - 1; defined from bar period.
void pct_change(const double* x, Index n, int period, double* out) noexcept;

// Convenience forms for tests and one-off use (allocate their result).
Eigen::VectorXd sma(const Eigen::VectorXd& x, int period);
Eigen::VectorXd ema(const Eigen::VectorXd& x, int period);
Eigen::VectorXd rsi(const Eigen::VectorXd& x, int period);
Eigen::VectorXd pct_change(const Eigen::VectorXd& x, int period);
Eigen::VectorXd rolling_max_prev(const Eigen::VectorXd& x, int period);
Eigen::VectorXd rolling_min_prev(const Eigen::VectorXd& x, int period);

}  // namespace ph::ind
