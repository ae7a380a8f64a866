#include "perfharness/stats/geometric_mean.hpp"

#include <cmath>
#include <stdexcept>

namespace ph::stats {

double geometric_mean(std::span<const double> values) {
  if (values.empty()) throw std::invalid_argument("geometric_mean: no values");
  // Summing logarithms instead of multiplying keeps long products from overflowing.
  double log_sum = 0;
  for (const double x : values) {
    if (!(std::isfinite(x) && x > 0))
      throw std::invalid_argument("geometric_mean: every value must be a finite positive number");
    log_sum += std::log(x);
  }
  return std::exp(log_sum / static_cast<double>(values.size()));
}

}  // namespace ph::stats
