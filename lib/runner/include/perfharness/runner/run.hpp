#pragma once
// `perfharness run`: validate a scenario, run its operations under the profilers,
// judge the budgets, write the reports, and say which exit code the run earned.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perfharness/runner/shard.hpp"
#include "perfharness/scenario/scenario.hpp"
#include "perfharness/report/comparison.hpp"

namespace ph::runner {

/// One file a run writes: the format of a reporter (report::reporters(): json, flamegraph, junit,
/// markdown, benchmark-json, summary, trace). "-" is stdout.
struct OutputRequest {
  std::string format;
  std::filesystem::path path;
};

struct RunOptions {
  std::filesystem::path scenario;
  std::vector<OutputRequest> outputs;  // written in this order, each atomically
  std::optional<int> repetitions;
  std::optional<int> warmup;
  // Override the scenario's measurement settings of every operation (docs/compare.md).
  std::optional<int> processes;
  std::optional<int> values;
  std::optional<double> min_time_s;
  std::vector<std::string> overrides;  // --set KEY=VALUE
  std::size_t max_grid = scenario::LoadOptions{}.max_grid;  // --max-grid: the largest sweep grid accepted
  /// --plugin: strategy plugins loaded before the scenario is read (beside its own `plugins:`),
  /// and passed on to the processes the run starts.
  std::vector<std::filesystem::path> plugins;
  int threads = 0;                     // 0: every core
  std::optional<std::filesystem::path> db;
  /// --history: a run history database. The run is recorded in it as with `db`, but persistence
  /// operations keep their temporary databases, so the history's growth does not change what
  /// they measure; and without `baseline` the run is judged against its series in it.
  std::optional<std::filesystem::path> history;
  bool instructions = false;  // count instructions under callgrind
  /// A report to compare against, or a history database: then the last `baseline_runs` runs of
  /// the same scenario and environment in it (docs/compare.md, "Baselines from history").
  std::optional<std::filesystem::path> baseline;
  int baseline_runs = 10;
  /// Run even when a --baseline report holds none of the scenario's operations (nothing would
  /// be compared); by default that stops the run with ph::InputError before it starts.
  bool allow_nothing_compared = false;
  double regression_threshold_pct = 5.0;
  double regression_alpha = 0.05;
  /// --gate: instructions counts instructions and judges them alone; unset: the scenario's `gate`.
  std::optional<report::Gate> gate;
  /// Whether a timing figure that looks regressed against the baseline is measured again in
  /// fresh processes before it counts; unset: the scenario's `confirm` (docs/compare.md).
  std::optional<bool> confirm;
  /// --shard: run only this shard's part of the scenario's work (docs/scale-out.md); its report
  /// is judged when `perfharness merge` puts the shards together.
  std::optional<Shard> shard;
  /// The perfharness executable worker processes run; empty: this process's executable (a
  /// program other than perfharness that calls run_scenario names perfharness here).
  std::filesystem::path worker_program;
  /// Set only in a worker process the run started: where to write the values it measures, and
  /// which worker it is (an operation is measured by the workers below its `processes`).
  std::optional<std::filesystem::path> worker_values;
  int worker_index = 0;
  /// In a worker: only these operations (all when empty); a confirmation measures a few again.
  std::vector<std::string> worker_operations;
  /// Operations not run at all (the run under callgrind skips those that failed in the run).
  std::vector<std::string> skipped_operations;

  /// Whether an output of `format` is requested (a flame graph needs the sampler, a trace the zones' events).
  bool wants(std::string_view format) const {
    for (const auto& o : outputs)
      if (o.format == format) return true;
    return false;
  }
};

class RunObserver;

/// Runs the scenario; returns the exit code (docs/exit-codes.md). Throws ph::InputError for
/// invalid input found before anything ran, ph::RuntimeFailure for a failure that leaves no report.
/// `observer` (optional) hears of the run's progress, comparison and result.
int run_scenario(const RunOptions& options, RunObserver* observer = nullptr);

}  // namespace ph::runner
