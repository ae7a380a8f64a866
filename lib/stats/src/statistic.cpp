#include "perfharness/stats/statistic.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace ph::stats {

std::string_view to_string(Statistic s) noexcept {
  switch (s) {
    case Statistic::min: return "min";
    case Statistic::median: return "median";
    case Statistic::mean: return "mean";
    case Statistic::p95: return "p95";
    case Statistic::max: return "max";
  }
  return "median";
}

std::string_view to_string(Across a) noexcept {
  switch (a) {
    case Across::max: return "max";
    case Across::mean: return "mean";
    case Across::min: return "min";
    case Across::sum: return "sum";
    case Across::total: return "total";
  }
  return "max";
}

std::optional<Statistic> parse_statistic(std::string_view text) noexcept {
  for (const Statistic s : kStatistics)
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::optional<Across> parse_across(std::string_view text) noexcept {
  for (const Across a : kAcross)
    if (to_string(a) == text) return a;
  return std::nullopt;
}

double value_of(const Summary& summary, Statistic s) noexcept {
  switch (s) {
    case Statistic::min: return summary.min;
    case Statistic::median: return summary.median;
    case Statistic::mean: return summary.mean;
    case Statistic::p95: return summary.p95;
    case Statistic::max: return summary.max;
  }
  return summary.median;
}

double combine(const std::vector<double>& values, Across a) {
  if (values.empty()) throw std::invalid_argument("combine: no values");
  switch (a) {
    case Across::max: return *std::max_element(values.begin(), values.end());
    case Across::min: return *std::min_element(values.begin(), values.end());
    case Across::sum: return std::accumulate(values.begin(), values.end(), 0.0);
    case Across::mean: return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    case Across::total: break;
  }
  throw std::invalid_argument("combine: 'total' is the operation's own figure, not a combination of cases");
}

}  // namespace ph::stats
