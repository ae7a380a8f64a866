#pragma once
// The indicators as streams: fed bar t = 0, 1, 2, ... in order, each returns bar t's
// value (NaN in its warm-up) from O(1) state. The array functions in indicators.hpp are
// these streams run over a whole series, so a strategy that fuses an indicator into
// its signal loop computes bit-identical values without an N-length buffer in between.
// `x` is the whole input series; next(x, t) may read x[t] and earlier bars.
#include <cmath>
#include <cstdint>
#include <limits>

#include <Eigen/Core>

namespace ph::ind {

inline constexpr double kNaNValue = std::numeric_limits<double>::quiet_NaN();

/// Simple moving average; period >= 1.
class SmaStream {
 public:
  explicit SmaStream(int period) noexcept : p_(period), inv_(1.0 / static_cast<double>(period)) {}
  double next(const double* x, Eigen::Index t) noexcept {
    sum_ += x[t];
    if (t < p_ - 1) return kNaNValue;
    const double v = sum_ * inv_;
    sum_ -= x[t - p_ + 1];
    return v;
  }

 private:
  Eigen::Index p_;
  double inv_, sum_ = 0;
};

/// EMA seeded with the SMA of the first `period` values; period >= 1.
class EmaStream {
 public:
  explicit EmaStream(int period) noexcept : p_(period), k_(2.0 / static_cast<double>(period + 1)) {}
  double next(const double* x, Eigen::Index t) noexcept {
    if (t >= p_) {
      prev_ = (x[t] - prev_) * k_ + prev_;  // TA-Lib's operation order, for bit-level agreement
      return prev_;
    }
    prev_ += x[t];  // the seed's sum, in input order
    if (t < p_ - 1) return kNaNValue;
    prev_ /= static_cast<double>(p_);
    return prev_;
  }

 private:
  Eigen::Index p_;
  double k_, prev_ = 0;
};

/// Wilder's RSI as TA-Lib computes it; period >= 1, defined from bar period.
class RsiStream {
 public:
  explicit RsiStream(int period) noexcept : p_(period), pd_(static_cast<double>(period)) {}
  double next(const double* x, Eigen::Index t) noexcept {
    if (t == 0) return kNaNValue;
    const double d = x[t] - x[t - 1];
    if (t > p_) {
      loss_ *= pd_ - 1;
      gain_ *= pd_ - 1;
      if (d < 0) loss_ -= d; else gain_ += d;
      loss_ /= pd_;
      gain_ /= pd_;
      return value();
    }
    if (d < 0) loss_ -= d; else gain_ += d;
    if (t < p_) return kNaNValue;
    gain_ /= pd_;
    loss_ /= pd_;
    return value();
  }

 private:
  double value() const noexcept {
    const double total = gain_ + loss_;
    return (total > 1e-14 || total < -1e-14) ? 100.0 * (gain_ / total) : 0.0;  // TA_IS_ZERO
  }
  Eigen::Index p_;
  double pd_, gain_ = 0, loss_ = 0;
};

/// TA-Lib's MACD line (fast EMA − slow EMA, both seeded at bar slow-1: the slow one with the
/// SMA of bars 0..slow-1, the fast one with the SMA of the fast window ending there); NaN
/// before bar slow-1, and throughout unless 1 <= fast < slow.
class MacdLineStream {
 public:
  MacdLineStream(int fast, int slow) noexcept
      : f_(fast), s_(slow), kf_(2.0 / static_cast<double>(fast + 1)), ks_(2.0 / static_cast<double>(slow + 1)),
        valid_(fast >= 1 && slow > fast) {}
  double next(const double* x, Eigen::Index t) noexcept {
    if (!valid_) return kNaNValue;
    if (t >= s_) {
      fast_ = (x[t] - fast_) * kf_ + fast_;
      slow_ = (x[t] - slow_) * ks_ + slow_;
    } else {
      slow_ += x[t];
      if (t >= s_ - f_) fast_ += x[t];
      if (t < s_ - 1) return kNaNValue;
      slow_ /= static_cast<double>(s_);
      fast_ /= static_cast<double>(f_);
    }
    return fast_ - slow_;
  }

 private:
  Eigen::Index f_, s_;
  double kf_, ks_;
  bool valid_;
  double fast_ = 0, slow_ = 0;
};

/// TA-Lib's MACD signal line: the EMA of the MACD line, seeded with the SMA of its first
/// `signal` values; fed the line of bar t (MacdLineStream's), defined from bar slow+signal-2.
class MacdSignalStream {
 public:
  MacdSignalStream(int slow, int signal) noexcept
      : start_(Eigen::Index{slow} - 1), first_(Eigen::Index{slow} - 1 + signal - 1), g_(signal),
        kg_(2.0 / static_cast<double>(signal + 1)) {}
  double next(double line, Eigen::Index t) noexcept {
    if (t < start_) return kNaNValue;
    if (t > first_) {
      signal_ = (line - signal_) * kg_ + signal_;
      return signal_;
    }
    signal_ += line;
    if (t < first_) return kNaNValue;
    signal_ /= static_cast<double>(g_);
    return signal_;
  }

 private:
  Eigen::Index start_, first_, g_;
  double kg_, signal_ = 0;
};

/// TA-Lib's MACD line and signal line (see ind::macd). Both NaN throughout unless
/// 1 <= fast < slow and signal >= 1.
class MacdStream {
 public:
  struct Value {
    double line, signal;
  };
  MacdStream(int fast, int slow, int signal) noexcept
      : line_(fast, slow), signal_(slow, signal), valid_(fast >= 1 && slow > fast && signal >= 1) {}
  Value next(const double* x, Eigen::Index t) noexcept {
    if (!valid_) return {kNaNValue, kNaNValue};
    const double line = line_.next(x, t);
    return {line, signal_.next(line, t)};
  }

 private:
  MacdLineStream line_;
  MacdSignalStream signal_;
  bool valid_;
};

/// Bollinger bands (SMA ± k · population standard deviation); period >= 1.
class BollingerStream {
 public:
  struct Value {
    double upper, middle, lower;
  };
  /// The window's mean and population standard deviation, from which the bands are built.
  struct Moments {
    double mean, sd;
  };
  BollingerStream(int period, double k) noexcept : p_(period), k_(k), inv_(1.0 / static_cast<double>(period)) {}
  Value next(const double* x, Eigen::Index t) noexcept { return bands(moments(x, t), k_); }
  /// The bands `k` deviations either side of the mean (NaN where the moments are).
  static Value bands(Moments m, double k) noexcept { return {m.mean + k * m.sd, m.mean, m.mean - k * m.sd}; }
  Moments moments(const double* x, Eigen::Index t) noexcept {
    // Running sums of x and x², as TA-Lib's stddev does, keep this one pass.
    sum_ += x[t];
    sum_sq_ += x[t] * x[t];
    if (t < p_ - 1) return {kNaNValue, kNaNValue};
    const double mean = sum_ * inv_;
    const double var = sum_sq_ * inv_ - mean * mean;
    const double sd = var > 1e-14 ? std::sqrt(var) : 0.0;
    const double old = x[t - p_ + 1];
    sum_ -= old;
    sum_sq_ -= old * old;
    return {mean, sd};
  }

 private:
  Eigen::Index p_;
  double k_, inv_, sum_ = 0, sum_sq_ = 0;
};

/// x[t]/x[t-period] - 1; NaN for t < period.
inline double pct_change_at(const double* x, Eigen::Index t, int period) noexcept {
  return t < period ? kNaNValue : x[t] / x[t - period] - 1.0;
}

}  // namespace ph::ind
