#pragma once
// Reporters: one per output format, each rendering a RunResult.
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "perfharness/report/run_result.hpp"

namespace ph::report {

inline constexpr int kSchemaVersion = 1;

/// The optimization report (docs/report-format.md).
nlohmann::ordered_json report_json(const RunResult& run);

struct ConsoleSummaryOptions {
  /// Every noise warning, also those about timings that no budget or comparison is close
  /// enough to be tipped by (`-v`).
  bool all_warnings = false;
};

/// The short human summary: each operation with its cases slowest first, each budget ✓/✗
/// with the case that decided it, then the warnings.
void write_console_summary(std::ostream& out, const RunResult& run, ConsoleSummaryOptions options = {});

/// JUnit XML: one test case per budget and per regression check.
std::string junit_xml(const RunResult& run);

/// A Markdown summary table (operation, figures, budgets ✓/✗).
std::string markdown_summary(const RunResult& run);

/// The `customSmallerIsBetter` format of the benchmark-tracking action: [{name, unit, value}].
nlohmann::ordered_json benchmark_json(const RunResult& run);

/// The run's timeline (`run --trace`) in the Chrome trace-event format.
std::string chrome_trace(const Timeline& timeline);

/// Figure summary as JSON: n, min, median, mean, stddev, mad, p95, max, outliers.
nlohmann::ordered_json summary_json(const stats::Summary& s);

}  // namespace ph::report
