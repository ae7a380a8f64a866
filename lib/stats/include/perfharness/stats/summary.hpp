#pragma once
// Descriptive statistics of one figure's repeated measurements (e.g. five wall
// times of the same backtest). Robust statistics (median, MAD) come first because
// timing samples are skewed: a single preempted run must not move the verdict.
#include <cstddef>
#include <span>
#include <vector>

namespace ph::stats {

struct Summary {
  std::size_t n = 0;
  double min = 0.0;
  double max = 0.0;
  double mean = 0.0;
  double median = 0.0;
  /// Sample standard deviation (divisor n-1); 0 when n < 2.
  double stddev = 0.0;
  /// Median absolute deviation from the median, *unscaled*: median(|x_i - median|).
  /// Multiply by 1.4826 to estimate sigma of a normal distribution.
  double mad = 0.0;
  /// 95th percentile, see percentile().
  double p95 = 0.0;
  /// Positions (into the summarized span, ascending) of the values that are_outliers() flags.
  std::vector<std::size_t> outliers;
};

/// All of the above in one pass over a sorted copy. Throws std::invalid_argument when
/// `samples` is empty or holds a NaN or an infinity.
Summary summarize(std::span<const double> samples);

/// Median; the mean of the two middle values for an even count. Throws on empty input.
double median(std::span<const double> samples);

/// Percentile p in [0, 1] by linear interpolation between closest ranks (Hyndman & Fan
/// type 7; numpy.percentile's default, Excel's PERCENTILE.INC): with the values sorted,
/// h = (n - 1) p and the result is x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
/// Throws std::invalid_argument on empty input or p outside [0, 1].
double percentile(std::span<const double> samples, double p);

/// Unscaled median absolute deviation, median(|x_i - median(x)|). Throws on empty input.
double median_absolute_deviation(std::span<const double> samples);

/// The modified z-score threshold of Iglewicz & Hoaglin (1993), also used by hyperfine.
inline constexpr double kOutlierZScore = 3.5;

/// Outliers by the modified z-score M_i = 0.6745 (x_i - median) / MAD: |M_i| > 3.5.
/// When MAD is 0 (more than half the values equal the median) the score of every value
/// that differs from the median is infinite, so exactly those values are outliers;
/// values equal to the median never are. Returns positions in ascending order.
std::vector<std::size_t> modified_z_outliers(std::span<const double> samples);

}  // namespace ph::stats
