#include "perfharness/stats/noise.hpp"

#include <cmath>
#include <cstdio>

#include <fmt/format.h>

namespace ph::stats {
std::optional<std::string> repetitions_warning(const Summary& s) {
  if (s.n >= kMinRepetitions) return std::nullopt;
  return fmt::format("only {} repetition{}: too few to judge the spread; run at least {} (5 or more to detect "
                "regressions)",
                s.n, s.n == 1 ? "" : "s", kMinRepetitions);
}

std::optional<std::string> spread_warning(const Summary& s) {
  if (s.median > 0 && s.mad > kNoisyRelativeMad * s.median)
    return fmt::format("MAD is {:.0f}% of the median: numbers too noisy to trust; quiet the machine (close other "
                  "programs, fix the CPU frequency) or add repetitions",
                  100.0 * s.mad / s.median);
  if (s.median <= 0 && s.mad > 0)
    return fmt::format("MAD is {:g} while the median is {:g}: numbers too noisy to trust", s.mad, s.median);
  return std::nullopt;
}

std::optional<std::string> outlier_warning(const Summary& s) {
  if (s.outliers.empty()) return std::nullopt;
  return fmt::format("{} outlier{} detected (modified z-score > {:.1f}): another program may have interfered; "
                "rerun on a quiet machine if this repeats",
                s.outliers.size(), s.outliers.size() == 1 ? "" : "s", kOutlierZScore);
}

std::vector<std::string> noise_warnings(const Summary& s) {
  std::vector<std::string> out;
  for (auto w : {repetitions_warning(s), spread_warning(s), outlier_warning(s)})
    if (w) out.push_back(std::move(*w));
  return out;
}

}  // namespace ph::stats
