#include "perfharness/stats/noise.hpp"

#include <cmath>
#include <cstdio>

namespace ph::stats {
namespace {

std::string format(const char* fmt, auto... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

}  // namespace

std::vector<std::string> noise_warnings(const Summary& s) {
  std::vector<std::string> out;
  if (s.n < kMinRepetitions)
    out.push_back(format("only %zu repetition%s: too few to judge the spread; run at least %zu (5 or more to "
                         "detect regressions)",
                         s.n, s.n == 1 ? "" : "s", kMinRepetitions));
  if (s.median > 0 && s.mad > kNoisyRelativeMad * s.median)
    out.push_back(format("MAD is %.0f%% of the median: numbers too noisy to trust; quiet the machine (close other "
                         "programs, fix the CPU frequency) or add repetitions",
                         100.0 * s.mad / s.median));
  else if (s.median <= 0 && s.mad > 0)
    out.push_back(format("MAD is %g while the median is %g: numbers too noisy to trust", s.mad, s.median));
  if (!s.outliers.empty())
    out.push_back(format("%zu outlier%s detected (modified z-score > %.1f): another program may have "
                         "interfered; rerun on a quiet machine",
                         s.outliers.size(), s.outliers.size() == 1 ? "" : "s", kOutlierZScore));
  return out;
}

}  // namespace ph::stats
