#pragma once
// The statistics a budget or an export names: which value of a figure's samples counts
// (`statistic`), and how the values of an operation's cases combine into one (`across`).
// Text only at the edges (the scenario reader, the report writers); in between they are enums,
// so an unknown name cannot quietly become the median.
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "perfharness/stats/summary.hpp"

namespace ph::stats {

enum class Statistic { min, median, mean, p95, max };
inline constexpr std::array<Statistic, 5> kStatistics = {Statistic::min, Statistic::median, Statistic::mean,
                                                         Statistic::p95, Statistic::max};

/// How the cases of an operation combine: their max (the worst), mean, min or sum, or `total`:
/// the operation's own figure, measured around all its cases.
enum class Across { max, mean, min, sum, total };
inline constexpr std::array<Across, 5> kAcross = {Across::max, Across::mean, Across::min, Across::sum, Across::total};

std::string_view to_string(Statistic s) noexcept;
std::string_view to_string(Across a) noexcept;
std::optional<Statistic> parse_statistic(std::string_view text) noexcept;
std::optional<Across> parse_across(std::string_view text) noexcept;

/// The statistic's value in a summary.
double value_of(const Summary& summary, Statistic s) noexcept;
/// `values` (one per case, not empty) combined; `total` is not a combination and is refused
/// with a std::invalid_argument.
double combine(const std::vector<double>& values, Across a);

}  // namespace ph::stats
