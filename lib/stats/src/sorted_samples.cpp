#include "sorted_samples.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "perfharness/stats/summary.hpp"

namespace ph::stats::detail {

void require_finite_nonempty(std::span<const double> samples, const char* what) {
  if (samples.empty()) throw std::invalid_argument(std::string(what) + ": no samples");
  for (const double x : samples)
    if (!std::isfinite(x))
      throw std::invalid_argument(std::string(what) + ": a sample is not a finite number");
}

std::vector<double> sorted_copy(std::span<const double> samples, const char* what) {
  require_finite_nonempty(samples, what);
  std::vector<double> v(samples.begin(), samples.end());
  std::sort(v.begin(), v.end());
  return v;
}

double median_of_sorted(std::span<const double> sorted) {
  const std::size_t n = sorted.size();
  const std::size_t mid = n / 2;
  // Halving each value before adding cannot overflow for huge magnitudes.
  return n % 2 == 1 ? sorted[mid] : sorted[mid - 1] / 2 + sorted[mid] / 2;
}

double percentile_of_sorted(std::span<const double> sorted, double p) {
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

double mad_around(std::span<const double> samples, double median) {
  std::vector<double> dev;
  dev.reserve(samples.size());
  for (const double x : samples) dev.push_back(std::fabs(x - median));
  std::sort(dev.begin(), dev.end());
  return median_of_sorted(dev);
}

std::vector<std::size_t> outliers_around(std::span<const double> samples, double median, double mad) {
  // 0.6745 is the 75th percentile of the standard normal: it makes MAD comparable to sigma.
  constexpr double kNormalQuartile = 0.6745;
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const double deviation = samples[i] - median;
    const bool outlier = mad > 0 ? std::fabs(kNormalQuartile * deviation / mad) > kOutlierZScore
                                 : deviation != 0;
    if (outlier) out.push_back(i);
  }
  return out;
}

}  // namespace ph::stats::detail
