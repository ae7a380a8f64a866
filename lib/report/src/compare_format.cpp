// Renderings of a comparison: JSON for machines, an aligned table for people.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "perfharness/report/compare.hpp"

namespace ph::report {
namespace {

nlohmann::ordered_json number_or_null(double x) {
  return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
}

std::string printf_string(const char* fmt, auto... args) {
  // -Wformat cannot check a forwarded format; sizes come from snprintf itself, so nothing truncates.
  const int size = std::snprintf(nullptr, 0, fmt, args...);
  if (size <= 0) return {};
  std::string out(static_cast<std::size_t>(size) + 1, '\0');
  std::snprintf(out.data(), out.size(), fmt, args...);
  out.pop_back();
  return out;
}

std::string with_unit(double x, const std::string& unit) {
  // Seconds read best scaled (1.2 ms rather than 0.0012 s); whole counts in full.
  if (unit == "s" && x != 0 && std::fabs(x) < 1) {
    if (std::fabs(x) >= 1e-3) return printf_string("%.4g ms", x * 1e3);
    if (std::fabs(x) >= 1e-6) return printf_string("%.4g us", x * 1e6);
    return printf_string("%.4g ns", x * 1e9);
  }
  if (x == std::floor(x) && std::fabs(x) < 1e15)
    return printf_string("%.0f", x) + (unit.empty() || unit == "count" ? "" : " " + unit);
  return printf_string("%.4g", x) + (unit.empty() || unit == "count" ? "" : " " + unit);
}

std::string change_text(double change) {
  if (std::isinf(change)) return change > 0 ? "+inf%" : "-inf%";
  return printf_string("%+.1f%%", 100.0 * change);
}

}  // namespace

nlohmann::ordered_json to_json(const ComparisonResult& r) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& c : r.comparisons)
    rows.push_back({{"operation", c.operation},
                    {"figure", c.figure},
                    {"unit", c.unit},
                    {"base_n", c.base_n},
                    {"new_n", c.new_n},
                    {"base_median", c.base_median},
                    {"new_median", c.new_median},
                    {"change", number_or_null(c.change)},
                    {"p_value", c.p_value ? nlohmann::ordered_json(*c.p_value) : nlohmann::ordered_json(nullptr)},
                    {"exact", c.exact},
                    {"verdict", to_string(c.verdict)},
                    {"reason", c.reason}});
  nlohmann::ordered_json out;
  out["comparisons"] = std::move(rows);
  out["geometric_mean_ratio"] =
      r.geometric_mean_ratio ? nlohmann::ordered_json(*r.geometric_mean_ratio) : nlohmann::ordered_json(nullptr);
  out["warnings"] = r.warnings;
  out["regressions"] = r.regressions;
  out["improvements"] = r.improvements;
  out["threshold"] = r.threshold;
  out["alpha"] = r.alpha;
  return out;
}

std::string format_comparison(const ComparisonResult& r) {
  using Row = std::array<std::string, 7>;
  std::vector<Row> rows{{"operation", "figure", "base median", "new median", "change", "p-value", "verdict"}};
  for (const auto& c : r.comparisons)
    rows.push_back({c.operation, c.figure, with_unit(c.base_median, c.unit), with_unit(c.new_median, c.unit),
                    change_text(c.change), c.p_value ? printf_string("%.3g", *c.p_value) : "exact",
                    to_string(c.verdict)});
  std::array<std::size_t, 7> width{};
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());

  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      // Names left-aligned, numbers right-aligned so that magnitudes line up.
      const bool numeric = i >= 2 && i <= 5;
      const std::string pad(width[i] - row[i].size(), ' ');
      line += numeric ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : "");
      if (i + 1 < row.size()) line += "  ";
    }
    out += line + '\n';
  }
  if (r.geometric_mean_ratio)
    out += printf_string("geometric mean of the median ratios (new / base) over %zu figures: %.4g (%s)\n",
                         r.ratio_count, *r.geometric_mean_ratio, change_text(*r.geometric_mean_ratio - 1).c_str());
  for (const auto& w : r.warnings) out += "warning: " + w + '\n';
  const std::string limit = change_text(r.threshold);
  out += printf_string("%zu regression%s, %zu improvement%s (regressed: median beyond %s and p < %g; exact counts: "
                       "beyond %s)\n",
                       r.regressions, r.regressions == 1 ? "" : "s", r.improvements, r.improvements == 1 ? "" : "s",
                       limit.c_str(), r.alpha, limit.c_str());
  return out;
}

}  // namespace ph::report
