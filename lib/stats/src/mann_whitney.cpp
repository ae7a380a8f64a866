#include "perfharness/stats/mann_whitney.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "sorted_samples.hpp"

namespace ph::stats {
namespace {

struct Ranking {
  double rank_sum_a = 0;  // sum of the mid-ranks of the first sample's values
  double tie_term = 0;    // sum over tie groups of t^3 - t
};

Ranking rank(std::span<const double> a, std::span<const double> b) {
  const std::size_t n = a.size() + b.size();
  std::vector<double> all;
  all.reserve(n);
  all.insert(all.end(), a.begin(), a.end());
  all.insert(all.end(), b.begin(), b.end());
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return all[i] < all[j]; });

  Ranking r;
  for (std::size_t start = 0; start < n;) {
    std::size_t end = start + 1;
    while (end < n && all[order[end]] == all[order[start]]) ++end;
    // Positions start..end-1 hold equal values; each gets the mean of ranks start+1..end.
    const double mid_rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2;
    for (std::size_t k = start; k < end; ++k)
      if (order[k] < a.size()) r.rank_sum_a += mid_rank;
    const auto t = static_cast<double>(end - start);
    r.tie_term += t * t * t - t;
    start = end;
  }
  return r;
}

/// Number of orderings of n1 + n2 distinct values whose U (of the first sample) is k,
/// for k = 0..n1 n2, by the recurrence f(m, n, k) = f(m-1, n, k-n) + f(m, n-1, k):
/// the largest value belongs either to the first sample (adding n to its U) or not.
std::vector<std::uint64_t> exact_u_counts(std::size_t n1, std::size_t n2) {
  // table[m][n] is the count vector of sizes (m, n); filled for increasing m + n.
  std::vector<std::vector<std::vector<std::uint64_t>>> table(n1 + 1, std::vector<std::vector<std::uint64_t>>(n2 + 1));
  for (std::size_t m = 0; m <= n1; ++m)
    for (std::size_t n = 0; n <= n2; ++n) {
      std::vector<std::uint64_t> f(m * n + 1, 0);
      if (m == 0 || n == 0) {
        f[0] = 1;
      } else {
        const auto& with_a_largest = table[m - 1][n];
        const auto& with_b_largest = table[m][n - 1];
        for (std::size_t k = 0; k < with_a_largest.size(); ++k) f[k + n] += with_a_largest[k];
        for (std::size_t k = 0; k < with_b_largest.size(); ++k) f[k] += with_b_largest[k];
      }
      table[m][n] = std::move(f);
    }
  return table[n1][n2];
}

double exact_two_sided_p(double u_max, std::size_t n1, std::size_t n2) {
  const std::vector<std::uint64_t> counts = exact_u_counts(n1, n2);
  const auto first = static_cast<std::size_t>(std::llround(u_max));
  std::uint64_t total = 0, tail = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    total += counts[k];
    if (k >= first) tail += counts[k];
  }
  return std::min(1.0, 2.0 * static_cast<double>(tail) / static_cast<double>(total));
}

double normal_two_sided_p(double u_max, std::size_t n1, std::size_t n2, double tie_term) {
  const double m = static_cast<double>(n1), k = static_cast<double>(n2), n = m + k;
  const double variance = m * k / 12.0 * ((n + 1) - tie_term / (n * (n - 1)));
  if (!(variance > 0)) return 1.0;  // every value tied: no evidence of any difference
  const double z = (u_max - m * k / 2 - 0.5) / std::sqrt(variance);
  return std::min(1.0, std::erfc(z / std::sqrt(2.0)));  // 2 (1 - Phi(z))
}

}  // namespace

MannWhitneyResult mann_whitney_u(std::span<const double> a, std::span<const double> b) {
  detail::require_finite_nonempty(a, "mann_whitney_u (first sample)");
  detail::require_finite_nonempty(b, "mann_whitney_u (second sample)");
  MannWhitneyResult r;
  r.n1 = a.size();
  r.n2 = b.size();
  const Ranking ranking = rank(a, b);
  const double n1 = static_cast<double>(r.n1);
  r.u1 = ranking.rank_sum_a - n1 * (n1 + 1) / 2;
  r.u2 = n1 * static_cast<double>(r.n2) - r.u1;
  r.ties = ranking.tie_term > 0;
  r.exact = !r.ties && r.n1 <= kExactMaxSampleSize && r.n2 <= kExactMaxSampleSize;
  const double u_max = std::max(r.u1, r.u2);
  r.p_value = r.exact ? exact_two_sided_p(u_max, r.n1, r.n2) : normal_two_sided_p(u_max, r.n1, r.n2, ranking.tie_term);
  return r;
}

double smallest_two_sided_p(std::size_t n1, std::size_t n2) {
  if (n1 == 0 || n2 == 0) return 1.0;
  const double complete_separation = static_cast<double>(n1) * static_cast<double>(n2);
  if (n1 <= kExactMaxSampleSize && n2 <= kExactMaxSampleSize)
    return exact_two_sided_p(complete_separation, n1, n2);
  return normal_two_sided_p(complete_separation, n1, n2, 0.0);
}

}  // namespace ph::stats
