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

namespace ph::report {

struct CompareOptions {
  /// Smallest relative change of the median that counts, as a fraction (0.05 = 5%).
  double threshold = 0.05;
  /// Significance level of the Mann-Whitney U test.
  double alpha = 0.05;
  /// Names of the two reports in error messages (the CLI passes the file paths).
  std::string base_label = "base report";
  std::string new_label = "new report";
};

enum class Verdict { improved, unchanged, regressed };
const char* to_string(Verdict v) noexcept;

struct FigureComparison {
  std::string operation;
  std::string figure;
  std::string unit;
  std::size_t base_n = 0;
  std::size_t new_n = 0;
  double base_median = 0;
  double new_median = 0;
  /// (new_median - base_median) / |base_median|: +0.05 is 5% worse (every figure is
  /// smaller-is-better). 0 when both medians are 0, +-infinity when only the base is 0.
  double change = 0;
  /// Two-sided Mann-Whitney U p-value; empty for exact figures (no test needed).
  std::optional<double> p_value;
  /// Deterministic figure ("exact": true in both reports, e.g. instruction counts).
  bool exact = false;
  Verdict verdict = Verdict::unchanged;
  /// Why, in a few words: "p 0.008 < 0.05 and +100.0% > +5%", "not significant (p 0.42)".
  std::string reason;
};

struct ComparisonResult {
  std::vector<FigureComparison> comparisons;
  /// Geometric mean of new_median / base_median over the comparisons whose medians are
  /// both positive; empty when there is none.
  std::optional<double> geometric_mean_ratio;
  std::size_t ratio_count = 0;  // how many ratios entered the geometric mean
  /// Different machines or builds, missing operations, noisy or too few samples.
  std::vector<std::string> warnings;
  std::size_t regressions = 0;
  std::size_t improvements = 0;
  double threshold = 0.05;
  double alpha = 0.05;
};

/// Whether a figure is judged against baselines. user_time, system_time and cpu_ratio split or
/// restate cpu_time, which is judged; heap_at_start and heap_at_end describe what ran before.
bool judged_against_baselines(const std::string& figure);

/// Compares `next` against `base`. Both must have the report shape of docs/compare.md
/// (schema_version 1, operations[].name, operations[].figures.<name>.samples, optional
/// unit, exact, environment, tool.version); anything else is ignored. Comparisons follow the
/// base report's order. A plain nlohmann::json converts implicitly. Throws ph::InputError naming the report label and the field when a
/// report does not have that shape, and when threshold < 0 or alpha is not within (0, 1).
ComparisonResult compare_reports(const nlohmann::ordered_json& base, const nlohmann::ordered_json& next,
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
