#pragma once
// What one `perfharness run` measured and concluded: filled by the runner,
// rendered by the reporters (JSON report, console summary, JUnit, Markdown, benchmark JSON).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "perfharness/figures/limit_unit.hpp"
#include "perfharness/report/case_records.hpp"
#include "perfharness/report/comparison.hpp"
#include "perfharness/report/opportunity.hpp"
#include "perfharness/report/profiles.hpp"
#include "perfharness/report/run_info.hpp"
#include "perfharness/report/timeline.hpp"
#include "perfharness/stats/statistic.hpp"
#include "perfharness/stats/summary.hpp"

namespace ph::report {

/// One measured figure: a sample per measured repetition. What it means, its direction and role
/// are the catalogue's (figures/catalogue.hpp).
struct Figure {
  std::string unit;  // "s", "MB", "MB/1k bars", "count", "ms"
  std::vector<double> samples;
  bool exact = false;  // deterministic counts (instructions): compared exactly
  /// How many of `samples`, in order, each worker process gave (docs/compare.md); empty when all
  /// come from the run's own process. Comparisons test per-process values, not single samples.
  std::vector<std::uint32_t> process_values;
  stats::Summary summary() const { return stats::summarize(samples); }
};
using Figures = std::map<std::string, Figure, std::less<>>;  // by catalogue key (figures/catalogue.hpp)

struct ZoneStats {
  std::string name;
  double cumulative_s = 0;
  double self_s = 0;
  std::uint64_t calls = 0;
  std::int64_t allocations = -1;       // -1: heap tracking off
  std::int64_t bytes_allocated = -1;
  std::int64_t peak_growth_bytes = -1;
  std::int64_t growth_bytes = 0;  // live heap kept per repetition (exit minus entry), when tracked
  std::vector<ZoneStats> children;
};

struct Hotspot {
  std::string function;
  double cumulative_time = 0;
  double self_time = 0;
  std::uint64_t call_count = 0;
  double time_per_call = 0;
};

/// One parameter set of a sweep's grid on its case's symbol and range, its instructions counted
/// apart under callgrind: what a comparison names when part of a grid's work moved.
struct ParameterSetCount {
  Parameters parameters;  // with its strategy
  double instructions = 0;
};

/// Under --shard: which case of the operation this is, and for a sweep case which of its
/// parameter sets this shard ran ([first, first + count); count 0: the whole case).
struct ShardShare {
  std::size_t case_index = 0;
  std::size_t first = 0, count = 0;
};

/// Under --shard: which part of the scenario's work the run did (docs/scale-out.md).
struct ShardInfo {
  int index = 1;  // 1-based
  int count = 1;
  std::string source;  // where the index came from: "--shard", "SLURM_ARRAY_TASK_ID/...", ...
};

struct CaseResult {
  std::string label;                 // "sma_cross PROFILE_TEST 2022-01-01..2023-12-31"
  Workload workload;                 // what the case ran (strategy, parameters, symbol, range, bars)
  Figures figures;
  std::int64_t bars = 0;
  std::string results_digest;        // stable hash of the results; equal across repetitions
  CaseOutcome results;               // key results (metrics of a backtest, counts of a load, ...)
  std::vector<ParameterSetCount> parameter_sets;  // a sweep's grid, in grid order, when instructions were counted
  /// A sweep's: each parameter set's backtest time, in grid order, the fastest of the measured
  /// repetitions (one clock reading around each backtest; not an operation figure).
  std::vector<double> parameter_set_seconds;
  std::optional<ShardShare> shard_share;  // in a shard's report
};

struct BudgetOutcome {
  std::string operation;  // empty for run-level budgets
  std::string metric;
  stats::Statistic statistic = stats::Statistic::median;
  stats::Across across = stats::Across::max;  // meaningless for run-level budgets
  figures::LimitUnit unit = figures::LimitUnit::count;  // of limit and actual, as the scenario wrote the limit
  double limit = 0;
  double actual = 0;
  bool available = true;  // false: the figure could not be measured (e.g. heap tracking off)
  bool passed = false;    // available and actual <= limit
  std::string path;    // scenario field path of the budget
  std::string detail;  // e.g. which case was worst
  /// The case whose figure is `actual` (across max or min, or the only case); empty when the
  /// whole operation or a mean or sum over cases decided.
  std::string deciding_case;
  /// When `deciding_case` is a sweep's and the figure a time: its slowest parameter set
  /// ("fast_period=5, slow_period=20"), the one to look at first.
  std::string slowest_parameter_set;
};

/// Where an operation's timing figures come from: `processes` fresh worker processes, each
/// giving `values` values, each value the mean of a batch of `iterations` runs lasting at
/// least `min_time_s`. processes 0: from the profiled repetitions in the run's own process.
struct TimingSource {
  int processes = 0;
  int values = 0;
  double min_time_s = 0;
  std::vector<std::uint64_t> iterations;  // per process: runs per value
};

struct OperationResult {
  std::string name;
  OperationKind kind = OperationKind::Backtest;
  int warmup = 0;
  int repetitions = 0;
  TimingSource timing;
  Figures figures;  // the operation as a whole, per repetition
  std::vector<CaseResult> cases;
  std::optional<ZoneStats> zones;  // merged over measured repetitions
  std::vector<Hotspot> top_by_cumulative, top_by_self;
  MemorySnapshot memory;
  CountersProfile counters;
  SamplingProfile sampling;
  std::optional<DatabaseProfile> database;  // persistence operations
  std::optional<SweepThroughput> sweep;     // sweep operations
  std::vector<std::string> warnings;
  std::string error;  // non-empty: the operation failed
};

struct RunResult {
  ToolInfo tool;
  ScenarioInfo scenario;
  Environment environment;
  std::vector<OperationResult> operations;
  std::vector<Opportunity> opportunities;
  std::vector<std::string> bottlenecks, priorities;
  int profiling_areas = 0;
  std::vector<BudgetOutcome> budgets;
  std::optional<BaselineComparison> comparison;  // against --baseline, when given
  std::optional<ShardInfo> shard;                // --shard: this run is one part, merged by `perfharness merge`
  Timeline timeline;                             // with --trace only
  std::vector<std::string> warnings;
  /// Every operation ran all its repetitions: false when interrupted, or when an operation
  /// failed (its `error` says why; a crashing plugin's, say).
  bool complete = true;
  bool interrupted = false;  // by SIGINT
  int exit_code = 0;
  std::string started_at;  // UTC, "YYYY-MM-DDTHH:MM:SSZ": when the scenario was loaded
  double elapsed_s = 0;    // wall time from then to the verdict
};

}  // namespace ph::report
