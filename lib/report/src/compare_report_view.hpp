#pragma once
// The parts of a run report the comparison relies on, validated once so that the
// comparison logic never has to guard against a malformed document.
#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "perfharness/report/comparison.hpp"
#include "perfharness/report/run_result.hpp"

namespace ph::report::detail {

struct FigureView {
  std::string name;
  std::string unit;
  std::vector<double> samples;  // may be empty: the figure was not measured
  bool exact = false;
  std::vector<std::uint32_t> process_values;  // per worker process, in samples' order; empty: one process
};

/// One case of an operation (a strategy on a symbol and range, a sweep's grid, a load).
struct CaseView {
  std::string label;
  std::string parameters;  // a backtest's strategy parameters, "fast_period=10, slow_period=20"; else empty
  std::vector<FigureView> figures;
  /// A sweep's parameter sets counted apart: their parameters, and their instruction count as
  /// an exact figure. Empty unless instructions were counted.
  std::vector<std::pair<std::string, FigureView>> parameter_sets;
};

struct OperationView {
  std::string name;
  std::string error;  // non-empty: the operation failed in that run
  std::vector<FigureView> figures;
  std::vector<CaseView> cases;
};

/// The environment fields that must match for timings to compare; "(unknown)" when absent.
struct EnvironmentView {
  std::string host, cpu_model, build_type, compiler;
};

struct ReportView {
  std::string tool_version;  // empty when absent
  std::optional<EnvironmentView> environment;
  std::vector<OperationView> operations;
};

/// Throws ph::InputError "LABEL: FIELD: problem; fix" unless `doc` has the report shape.
ReportView read_report_view(const nlohmann::ordered_json& doc, const std::string& label);

/// The same view of a run still in memory: what its JSON report would read back as.
ReportView view_of(const RunResult& run);

/// The comparison itself, once both sides are views.
ComparisonResult compare_views(const ReportView& base, const ReportView& next, const CompareOptions& options);

/// The comparison with several past runs (oldest first, at least one) as the base side: their
/// values pooled, the spread between them in the noise band, exact counts against the latest
/// (docs/compare.md, "Baselines from history"). With one run, compare_views.
ComparisonResult compare_series(const std::vector<const ReportView*>& past, const ReportView& next,
                                const CompareOptions& options);

}  // namespace ph::report::detail
