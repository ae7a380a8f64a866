#pragma once
// Warnings that a set of repeated measurements is too noisy or too small to trust.
#include <optional>
#include <string>
#include <vector>

#include "perfharness/stats/summary.hpp"

namespace ph::stats {

/// Relative MAD (MAD / median) above which the numbers are called too noisy.
inline constexpr double kNoisyRelativeMad = 0.10;
/// Fewer repetitions than this get a warning.
inline constexpr std::size_t kMinRepetitions = 3;

/// "only N repetitions: ..." when n < 3.
std::optional<std::string> repetitions_warning(const Summary& s);
/// "MAD is 14% of the median: numbers too noisy to trust ..." when MAD > 10% of the median.
std::optional<std::string> spread_warning(const Summary& s);
/// "K outlier(s) detected (modified z-score > 3.5) ..." when summarize() flagged any.
std::optional<std::string> outlier_warning(const Summary& s);

/// All of the above that apply, in that order; empty when the summary looks trustworthy.
std::vector<std::string> noise_warnings(const Summary& s);

}  // namespace ph::stats
