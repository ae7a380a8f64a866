#include "perfharness/stats/summary.hpp"

#include <cmath>
#include <stdexcept>

#include "sorted_samples.hpp"

namespace ph::stats {

Summary summarize(std::span<const double> samples) {
  const std::vector<double> sorted = detail::sorted_copy(samples, "summarize");
  Summary s;
  s.n = sorted.size();
  s.min = sorted.front();
  s.max = sorted.back();
  double sum = 0;
  for (const double x : sorted) sum += x;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n >= 2) {
    // Two passes (mean first) avoid the cancellation of the sum-of-squares formula.
    double squares = 0;
    for (const double x : sorted) squares += (x - s.mean) * (x - s.mean);
    s.stddev = std::sqrt(squares / static_cast<double>(s.n - 1));
  }
  s.median = detail::median_of_sorted(sorted);
  s.mad = detail::mad_around(sorted, s.median);
  s.p95 = detail::percentile_of_sorted(sorted, 0.95);
  s.outliers = detail::outliers_around(samples, s.median, s.mad);
  return s;
}

double median(std::span<const double> samples) {
  return detail::median_of_sorted(detail::sorted_copy(samples, "median"));
}

double percentile(std::span<const double> samples, double p) {
  if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("percentile: p must be within [0, 1]");
  return detail::percentile_of_sorted(detail::sorted_copy(samples, "percentile"), p);
}

double median_absolute_deviation(std::span<const double> samples) {
  const double m = median(samples);
  return detail::mad_around(samples, m);
}

std::vector<std::size_t> modified_z_outliers(std::span<const double> samples) {
  const double m = median(samples);
  return detail::outliers_around(samples, m, detail::mad_around(samples, m));
}

}  // namespace ph::stats
