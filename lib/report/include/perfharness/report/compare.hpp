#pragma once
// Regression comparison of two run reports (docs/compare.md): per operation and
// figure, the relative change of the median and a Mann-Whitney U test over the
// samples; a regression needs both a significant test and a change beyond the
// threshold. Used by `perfharness compare` and by `perfharness run --baseline`.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "perfharness/report/comparison.hpp"

namespace ph::report {

/// Compares `next` against `base`. Both must have the report shape of docs/compare.md
/// (schema_version 1, operations[].name, operations[].figures.<name>.samples, optional
/// unit, exact, environment, tool.version); anything else is ignored. Comparisons follow the
/// base report's order. A plain nlohmann::json converts implicitly. Throws ph::InputError naming the report label and the field when a
/// report does not have that shape, and when threshold < 0 or alpha is not within (0, 1).
ComparisonResult compare_reports(const nlohmann::ordered_json& base, const nlohmann::ordered_json& next,
                                 const CompareOptions& options = {});

/// Compares `next` against the reports of several past runs (oldest first, at least one), as a
/// history baseline does (docs/compare.md, "Baselines from history"): values pooled, the spread
/// between the runs' medians in the noise band, exact counts against the latest run. With one
/// past report, the same as compare_reports.
ComparisonResult compare_with_runs(const std::vector<nlohmann::ordered_json>& past, const nlohmann::ordered_json& next,
                                   const CompareOptions& options = {});

/// {comparisons: [{operation, figure, unit, base_n, new_n, base_median, new_median, change,
/// p_value, exact, verdict, reason}], geometric_mean_ratio, warnings, regressions, improvements,
/// threshold, alpha}. Non-finite changes and absent p-values are null.
nlohmann::ordered_json to_json(const ComparisonResult& result);

/// The human-readable table plus the geometric-mean line, warnings and the conclusion,
/// one line each, ending in a newline.
std::string format_comparison(const ComparisonResult& result);

/// Reads and parses a report file. Throws ph::InputError "PATH: <problem>; <fix>" when
/// the file cannot be read or is not JSON.
nlohmann::ordered_json read_report_file(const std::string& path);

}  // namespace ph::report
