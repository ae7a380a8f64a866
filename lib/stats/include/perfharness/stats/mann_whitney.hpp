#pragma once
// The Mann-Whitney U test (Wilcoxon rank-sum test): do two sets of repeated
// measurements come from the same distribution? Rank-based, so it needs no
// normality and one wild sample cannot dominate it.
#include <cstddef>
#include <span>

namespace ph::stats {

struct MannWhitneyResult {
  /// U of the first sample: R1 - n1 (n1 + 1) / 2, R1 its rank sum (ties get mid-ranks).
  /// Same convention as scipy.stats.mannwhitneyu's statistic. U1 + U2 = n1 n2.
  double u1 = 0.0;
  double u2 = 0.0;
  /// Two-sided p-value, in [0, 1].
  double p_value = 1.0;
  /// True when the exact distribution of U was used, false for the normal approximation.
  bool exact = false;
  /// Whether any value occurs more than once across both samples.
  bool ties = false;
  std::size_t n1 = 0;
  std::size_t n2 = 0;
};

/// Both samples of at most this size and no ties: the exact distribution is used.
inline constexpr std::size_t kExactMaxSampleSize = 8;

/// Two-sided test. Exact when n1, n2 <= 8 and there are no ties: p = 2 P(U >= max(U1, U2))
/// under H0, capped at 1. Otherwise the normal approximation with the tie-corrected
/// variance n1 n2 / 12 ((n + 1) - sum(t^3 - t) / (n (n - 1))) and a continuity correction
/// of 1/2: z = (max(U1, U2) - n1 n2 / 2 - 1/2) / sigma, p = 2 (1 - Phi(z)), capped at 1;
/// p = 1 when every value is tied (sigma = 0). These are scipy.stats.mannwhitneyu's
/// method="auto" results except that scipy goes exact when only one sample is <= 8.
/// Throws std::invalid_argument when a sample is empty or holds a NaN.
MannWhitneyResult mann_whitney_u(std::span<const double> a, std::span<const double> b);

/// The smallest two-sided p-value mann_whitney_u returns for samples of these sizes without
/// ties (complete separation). If it is not below alpha, real differences will mostly go
/// undetected: more repetitions are needed. (Heavily tied samples can go lower under the
/// normal approximation: 3 vs 3 values all tied within each side give p = 0.047.) 1 when a
/// size is 0.
double smallest_two_sided_p(std::size_t n1, std::size_t n2);

}  // namespace ph::stats
