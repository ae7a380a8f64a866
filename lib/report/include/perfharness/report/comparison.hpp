#pragma once
// The outcome of comparing a run's figures with a baseline report (docs/compare.md).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ph::report {

/// Which figures a comparison judges: every gating figure, or only exact instruction counts,
/// which do not move with the machine's load (the recommended gate on shared CI runners).
enum class Gate { all, instructions };
const char* to_string(Gate g) noexcept;
/// "all" or "instructions"; empty for anything else.
std::optional<Gate> gate_named(const std::string& name);

struct CompareOptions {
  /// Smallest relative change of the median that counts, as a fraction (0.05 = 5%).
  double threshold = 0.05;
  /// Significance level of the Mann-Whitney U test.
  double alpha = 0.05;
  Gate gate = Gate::all;
  /// Judge every case's measured figures, not only those behind a regressed operation: the
  /// second judgement of a confirmation, which must have a row for each row it confirms.
  bool every_case = false;
  /// Names of the two reports in error messages (the CLI passes the file paths).
  std::string base_label = "base report";
  std::string new_label = "new report";
};

enum class Verdict { improved, unchanged, regressed };
const char* to_string(Verdict v) noexcept;

/// A second measurement, in fresh worker processes, of a timing figure that looked regressed
/// (docs/compare.md, "Confirmation"): judged against the same baseline by the same rule.
struct Confirmation {
  std::size_t processes = 0;  // fresh worker processes of the second measurement
  double new_median = 0;
  double change = 0;
  std::optional<double> p_value;
  double noise_band = 0;
  /// The second measurement found the figure regressed as well: the regression stands.
  bool agreed = false;
  std::string reason;  // the second judgement's reason
};

struct FigureComparison {
  std::string operation;
  /// The case the row judges, by its label in the reports; empty: the operation as a whole.
  /// Exact case figures are judged always; measured ones only when the operation's figure
  /// regressed, to name where (docs/compare.md, "Cases").
  std::string case_label;
  /// The case's strategy parameters ("fast_period=10, slow_period=20"); empty when it has none.
  /// For a sweep's parameter set, that set's.
  std::string parameters;
  /// The row judges one parameter set of a sweep's case (its instruction count, counted apart).
  bool parameter_set = false;
  std::string figure;
  std::string unit;
  std::size_t base_n = 0;  // samples
  std::size_t new_n = 0;
  /// Worker processes the samples came from; 0 when they all came from the run's own process.
  std::size_t base_processes = 0;
  std::size_t new_processes = 0;
  /// Past runs the base side pools: 1 for a report file, up to N for a history baseline
  /// (docs/compare.md, "Baselines from history").
  std::size_t base_runs = 1;
  /// The values compared (docs/compare.md): with worker processes, the median over processes of
  /// each process's best value; otherwise the median of the samples.
  double base_median = 0;
  double new_median = 0;
  /// (new_median - base_median) / |base_median|: +0.05 is 5% worse (every figure is
  /// smaller-is-better). 0 when both medians are 0, +-infinity when only the base is 0.
  double change = 0;
  /// Two-sided Mann-Whitney U p-value over the per-process values (over the samples without
  /// worker processes); empty for exact figures (no test needed).
  std::optional<double> p_value;
  /// The noise band measured in the runs, as a fraction: the largest relative spread
  /// (max - min) / median of the new run's compared values, of a base run's, and, with several
  /// base runs, of their medians (the between-run spread). 0 for exact figures.
  double noise_band = 0;
  /// Deterministic figure ("exact": true in both reports, e.g. instruction counts).
  bool exact = false;
  Verdict verdict = Verdict::unchanged;
  /// Why, in a few words: "+30.0% beyond +5% and the noise band ±8.2%, p 0.008 < 0.05".
  std::string reason;
  /// Set when the figure looked regressed and was measured again; without agreement (for a case's
  /// measured figure: also its operation's) the verdict is unchanged.
  std::optional<Confirmation> confirmation;
};

/// What a row judges, for people: "OP", or "OP [CASE] (PARAMETERS)".
std::string subject_of(const FigureComparison& c);

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
  /// Rows that looked regressed but were not confirmed (their second measurement, or for a case
  /// its operation's, did not agree).
  std::size_t unconfirmed = 0;
  double threshold = 0.05;
  double alpha = 0.05;
  Gate gate = Gate::all;

  /// Nothing compared yet, under the settings of `options`.
  static ComparisonResult judged_by(const CompareOptions& options) {
    ComparisonResult r;
    r.threshold = options.threshold;
    r.alpha = options.alpha;
    r.gate = options.gate;
    return r;
  }
};

/// A run's comparison with the baseline it was given (`run --baseline FILE`): a report file, or
/// a history database whose past runs of the same scenario and environment are pooled.
struct BaselineComparison {
  std::string baseline;            // the file, as given
  std::vector<std::int64_t> runs;  // a history baseline's runs, oldest first; empty for a report
  ComparisonResult result;
};

}  // namespace ph::report
