#pragma once
// Helpers shared by the stats sources: validated, sorted copies and order statistics on them.
#include <span>
#include <vector>

namespace ph::stats::detail {

/// Throws std::invalid_argument naming `what` when `samples` is empty or not all finite.
void require_finite_nonempty(std::span<const double> samples, const char* what);

/// Validated ascending copy.
std::vector<double> sorted_copy(std::span<const double> samples, const char* what);

double median_of_sorted(std::span<const double> sorted);
double percentile_of_sorted(std::span<const double> sorted, double p);
/// Unscaled MAD given the median; `samples` need not be sorted.
double mad_around(std::span<const double> samples, double median);
std::vector<std::size_t> outliers_around(std::span<const double> samples, double median, double mad);

}  // namespace ph::stats::detail
