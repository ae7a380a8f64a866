#pragma once
// `perfharness run`: validate a scenario, run its operations under the profilers,
// judge the budgets, write the reports, and say which exit code the run earned.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ph::runner {

struct RunOptions {
  std::filesystem::path scenario;
  std::string report;  // report path; "-" for stdout; empty for none
  std::optional<int> repetitions;
  std::optional<int> warmup;
  std::vector<std::string> overrides;  // --set KEY=VALUE
  int threads = 0;                     // 0: every core
  std::optional<std::filesystem::path> db;
  bool instructions = false;  // count instructions under callgrind
  std::optional<std::filesystem::path> flamegraph;  // collapsed stacks
  std::optional<std::filesystem::path> trace;       // Chrome trace of the zones
  std::optional<std::filesystem::path> baseline;    // report to compare against
  double regression_threshold_pct = 5.0;
  double regression_alpha = 0.05;
  std::optional<std::filesystem::path> junit, markdown, benchmark_json;
};

class RunObserver;

/// Runs the scenario; returns the exit code (docs/exit-codes.md). Throws ph::InputError for
/// invalid input found before anything ran, ph::RuntimeFailure for a failure that leaves no report.
/// `observer` (optional) hears of the run's progress, comparison and result.
int run_scenario(const RunOptions& options, RunObserver* observer = nullptr);

}  // namespace ph::runner
