#pragma once
// The geometric mean is the right average of ratios: a 2x slowdown and a 2x
// speed-up average to 1, not to 1.25.
#include <span>

namespace ph::stats {

/// exp(mean(log x)). Throws std::invalid_argument on empty input or a value that is
/// not a finite positive number.
double geometric_mean(std::span<const double> values);

}  // namespace ph::stats
