// Renderings of a comparison: JSON for machines, an aligned table for people.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "perfharness/report/compare.hpp"
#include "text_format.hpp"

namespace ph::report {
namespace {

nlohmann::ordered_json number_or_null(double x) {
  return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json optional_number(const std::optional<double>& x) {
  return x ? number_or_null(*x) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json confirmation_json(const std::optional<Confirmation>& c) {
  if (!c) return nullptr;
  return {{"processes", c->processes},       {"new_median", c->new_median},
          {"change", number_or_null(c->change)}, {"p_value", optional_number(c->p_value)},
          {"noise_band", number_or_null(c->noise_band)}, {"agreed", c->agreed},
          {"reason", c->reason}};
}

std::string verdict_column(const FigureComparison& c) {
  return c.confirmation && c.verdict != Verdict::regressed ? "unconfirmed" : to_string(c.verdict);
}

std::string unconfirmed_note(const ComparisonResult& r) {
  if (r.unconfirmed == 0) return "";
  return fmt::format("; {} more looked regressed but a second measurement in fresh processes did not agree", r.unconfirmed);
}

}  // namespace

std::string subject_of(const FigureComparison& c) {
  if (c.case_label.empty()) return c.operation;
  return c.operation + " [" + c.case_label + "]" + (c.parameters.empty() ? "" : " (" + c.parameters + ")");
}

nlohmann::ordered_json to_json(const ComparisonResult& r) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& c : r.comparisons)
    rows.push_back({{"operation", c.operation},
                    {"case", c.case_label.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.case_label)},
                    {"parameters", c.parameters.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.parameters)},
                    {"parameter_set", c.parameter_set},
                    {"figure", c.figure},
                    {"unit", c.unit},
                    {"base_n", c.base_n},
                    {"new_n", c.new_n},
                    {"base_processes", c.base_processes},
                    {"new_processes", c.new_processes},
                    {"base_runs", c.base_runs},
                    {"base_median", c.base_median},
                    {"new_median", c.new_median},
                    {"change", number_or_null(c.change)},
                    {"p_value", optional_number(c.p_value)},
                    {"noise_band", number_or_null(c.noise_band)},
                    {"exact", c.exact},
                    {"verdict", to_string(c.verdict)},
                    {"reason", c.reason},
                    {"confirmation", confirmation_json(c.confirmation)}});
  nlohmann::ordered_json out;
  out["comparisons"] = std::move(rows);
  out["geometric_mean_ratio"] =
      r.geometric_mean_ratio ? nlohmann::ordered_json(*r.geometric_mean_ratio) : nlohmann::ordered_json(nullptr);
  out["warnings"] = r.warnings;
  out["regressions"] = r.regressions;
  out["improvements"] = r.improvements;
  out["unconfirmed"] = r.unconfirmed;
  out["threshold"] = r.threshold;
  out["alpha"] = r.alpha;
  out["gate"] = to_string(r.gate);
  return out;
}

std::string format_comparison(const ComparisonResult& r) {
  using Row = std::array<std::string, 8>;
  std::vector<Row> rows{{"operation", "figure", "base", "new", "change", "noise band", "p-value", "verdict"}};
  ParameterSetRows parameter_sets;
  for (const auto& c : r.comparisons) {
    // A case's row says where an operation's regression lies (or an exact count moved); the
    // unchanged ones would bury the operations' rows.
    if (!c.case_label.empty() && c.verdict == Verdict::unchanged && !c.confirmation) continue;
    if (!parameter_sets.show(c)) continue;
    rows.push_back({subject_of(c), c.figure, with_unit(c.base_median, c.unit), with_unit(c.new_median, c.unit),
                    signed_percent(c.change), c.exact ? "exact" : band_percent(c.noise_band),
                    c.p_value ? fmt::format("{:.3g}", *c.p_value) : "exact", verdict_column(c)});
  }
  std::array<std::size_t, 8> width{};
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], display_width(row[i]));

  std::string out;
  if (rows.size() == 1) rows.clear();  // nothing compared (a new series): the warnings say why
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      // Names left-aligned, numbers right-aligned so that magnitudes line up.
      const bool numeric = i >= 2 && i <= 6;
      const std::string pad(width[i] - display_width(row[i]), ' ');
      line += numeric ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : "");
      if (i + 1 < row.size()) line += "  ";
    }
    out += line + '\n';
  }
  for (const auto& line : parameter_sets.left_out()) out += line + '\n';
  if (r.geometric_mean_ratio)
    out += fmt::format("geometric mean of the median ratios (new / base) over {} figures: {:.4g} ({})\n",
                         r.ratio_count, *r.geometric_mean_ratio, signed_percent(*r.geometric_mean_ratio - 1));
  for (const auto& w : r.warnings) out += "warning: " + w + '\n';
  const std::string limit = signed_percent(r.threshold);
  if (r.gate == Gate::instructions)
    return out + fmt::format("{} regression{}, {} improvement{} (gate: instructions; exact instruction counts judged "
                             "alone: regressed beyond {})\n",
                             r.regressions, r.regressions == 1 ? "" : "s", r.improvements, r.improvements == 1 ? "" : "s",
                             limit);
  out += fmt::format("{} regression{}, {} improvement{} (regressed: beyond {} and the noise band, and p < {:g} over "
                       "worker processes; exact counts: beyond {}){}\n",
                       r.regressions, r.regressions == 1 ? "" : "s", r.improvements, r.improvements == 1 ? "" : "s",
                       limit, r.alpha, limit, unconfirmed_note(r));
  return out;
}

}  // namespace ph::report
