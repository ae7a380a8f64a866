#pragma once
// The scenario model: what `perfharness run` executes, fully validated and
// resolved (strategies looked up, defaults filled, grids expanded, paths absolute).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "perfharness/common/operation_kind.hpp"
#include "perfharness/figures/limit_unit.hpp"
#include "perfharness/backtest/backtest.hpp"
#include "perfharness/stats/statistic.hpp"
#include "perfharness/data/synthetic.hpp"

namespace ph::scenario {

struct SourcePos {
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
};

struct DataSource {
  enum class Kind { Synthetic, Csv };
  Kind kind = Kind::Synthetic;
  SyntheticSpec synthetic;                           // seed = scenario seed unless data.seed is given
  std::filesystem::path csv_dir;                     // SYMBOL.csv files, absolute
  std::map<std::string, std::filesystem::path> csv_files;  // explicit symbol -> file, absolute
};

/// Limits of the measurement settings (defaults and per operation, and the run's CLI options).
inline constexpr int kMaxProcesses = 64;
inline constexpr int kMaxValues = 1000;
inline constexpr double kMaxMinTime = 60.0;

struct RunDefaults {
  BacktestConfig backtest;  // capital, fees, slippage, annualization
  int warmup = 1;
  int repetitions = 5;
  // Timing figures come from fresh worker processes (docs/compare.md): `processes` of them, each
  // giving `values` values, each value a batch of iterations lasting at least `min_time_s`.
  // processes 0: timings come from the profiled repetitions in the run's own process.
  int processes = 5;
  int values = 5;
  double min_time_s = 0.01;
};

/// Opportunity and bottleneck rules (configs/default.yaml holds the defaults).
struct Thresholds {
  int hotspot_top_n = 3;            // top functions examined per operation
  double hotspot_medium_s = 0.1;    // cumulative time over this: Medium
  double hotspot_high_s = 1.0;      // over this: High
  double memory_medium_mb = 100;    // peak memory over this: Medium
  double memory_high_mb = 500;      // over this: High
  double slow_load_s = 0.8;         // slowest data load over this: bottleneck
  double slow_query_ms = 100;       // a statement slower than this is slow
  int slow_query_bottleneck = 1;    // more slow queries than this: bottleneck
  double mb_per_1k_bars = 3.0;      // more than this: bottleneck
  std::int64_t full_scan_rows = 5000; // a full scan of a bigger table: opportunity
  // Relative rules, for operations of any size (backtests and sweeps: the strategy's code).
  double share_medium = 0.5;               // a zone or sampled function holding more of the time: Medium
  double share_high = 0.9;                 // more than this: High
  double allocations_per_bar_medium = 0.5; // a backtest case allocating more per bar: Medium
  double allocations_per_bar_high = 4.0;   // more than this: High
  double sweep_signals_share = 0.5;        // a sweep computing signals longer than this share, with repeated values: Medium
};

struct DateRange {
  std::string label;
  Date start = 0;
  Date end = 0;
};

/// A budget on one figure of an operation (or of the run).
struct Budget {
  std::string metric;  // a figure of the catalogue (figures/catalogue.hpp) or a run-level count; see budget_metrics()
  stats::Statistic statistic = stats::Statistic::median;  // over repetitions
  stats::Across across = stats::Across::max;               // over the operation's cases
  figures::LimitUnit unit = figures::LimitUnit::count;  // the limit key's unit, as written (max_s stays seconds)
  double limit = 0;                                     // in `unit`
  std::string path;       // "operations[2].budgets[0]", for messages
  SourcePos pos;
};

using ph::OperationKind;

struct ProfileSwitches {
  bool zones = true;
  bool memory = true;
  bool counters = true;
  bool sampling = false;
};

/// The symbols and date ranges an operation's cases cover (all kinds but persistence).
struct CaseAxes {
  std::vector<std::string> symbols;
  std::vector<DateRange> ranges;
};

/// backtest: the cases are strategies × symbols × ranges.
struct BacktestSpec : CaseAxes {
  std::vector<Parameters> strategies;
};

/// data_load: the cases are symbols × ranges.
struct DataLoadSpec : CaseAxes {};

/// sweep: one strategy over a grid, on symbols × ranges.
struct SweepSpec : CaseAxes {
  std::vector<Parameters> grid;  // expanded cartesian product, forbidden combinations skipped
  std::size_t grid_skipped = 0;  // combinations the strategy's constraints forbid
};

/// persistence: saves the results of backtest operation `source`, fetches each back by id, and
/// runs a bulk query by strategy.
struct PersistenceSpec {
  std::string source;
  std::optional<std::size_t> source_index;  // of `source` in Scenario::operations, resolved when read
  int saves = 10;
  int fetches = 5;
  std::string bulk_strategy;  // default: the first saved result's strategy
};

/// command: runs a program once per repetition and measures it as a whole (docs/commands.md).
struct CommandSpec {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH unless it holds a '/'
  bool shell = false;             // true: argv is {"/bin/sh", "-c", TEXT}, TEXT as written
  std::filesystem::path working_dir;  // absolute; default: the scenario file's folder
  std::vector<std::pair<std::string, std::string>> env;  // added to (or replacing in) perfharness's own
  std::vector<int> allowed_exit_codes;  // besides 0, exit statuses that are not an error
  std::optional<double> timeout_s;      // the process group is killed after this long
  std::filesystem::path stdout_file, stderr_file;  // absolute; empty: the output is discarded
};

/// What an operation runs: one spec per kind, in OperationKind's order.
using OperationSpec = std::variant<BacktestSpec, DataLoadSpec, PersistenceSpec, SweepSpec, CommandSpec>;

struct Operation {
  std::string name;
  std::string path;  // "operations[1]"
  SourcePos pos;
  OperationSpec spec;

  ProfileSwitches profile;
  std::optional<int> repetitions;  // overrides defaults.repetitions
  std::optional<int> warmup;
  std::optional<int> processes;  // override the defaults of the same names
  std::optional<int> values;
  std::optional<double> min_time_s;
  std::vector<Budget> budgets;

  OperationKind kind() const noexcept { return static_cast<OperationKind>(spec.index()); }
  /// The symbols and ranges of its cases; nullptr for a persistence or command operation.
  const CaseAxes* axes() const noexcept;
  CaseAxes* axes() noexcept;
};

/// An empty spec of `kind`.
OperationSpec spec_of(OperationKind kind);

struct Scenario {
  std::filesystem::path path;  // absolute
  std::string sha256;          // of the file's bytes
  std::string name;
  std::string description;
  std::uint64_t seed = 42;
  /// `plugins:` (docs/plugins.md), absolute; loaded before the operations were read.
  std::vector<std::filesystem::path> plugins;
  DataSource data;
  RunDefaults defaults;
  Thresholds thresholds;
  std::vector<Operation> operations;
  std::vector<Budget> run_budgets;  // metrics: bottlenecks, high_priority_opportunities, opportunities
  /// `gate: instructions`: comparisons with a baseline judge exact instruction counts only, and
  /// the run counts them (docs/compare.md); `gate: all` (the default) judges every gating figure.
  bool gate_instructions = false;
  /// `confirm: false`: a timing figure that looks regressed against the baseline is not measured
  /// again before it counts (docs/compare.md, "Confirmation").
  bool confirm = true;
};

/// One problem found while reading a scenario.
struct Diagnostic {
  std::string file;
  SourcePos pos;
  std::string path;     // field path, e.g. "operations[2].budgets.max_ms"; empty for the whole file
  std::string message;  // says what is wrong and how to fix it
  /// "file:line:col: path: message"
  std::string format() const;
};

struct LoadResult {
  std::optional<Scenario> scenario;  // set only when problems is empty
  std::vector<Diagnostic> problems;  // every problem found, in file order
  /// What runs but may not be what was meant: a date range reaching outside a symbol's data.
  std::vector<Diagnostic> warnings;
};

struct LoadOptions {
  std::vector<std::string> overrides;  // --set KEY=VALUE, KEY a dotted path: defaults.repetitions, operations[0].symbols
  std::size_t max_grid = 1'000'000;
  /// Whether `plugins:` are loaded (their strategies then count as known); off, their paths are
  /// read and a strategy they would add is unknown.
  bool load_plugins = true;
};

/// Reads, validates and resolves a YAML (.yaml/.yml) or JSON (.json) scenario.
LoadResult load_scenario(const std::filesystem::path& file, const LoadOptions& options = {});

/// Budget metric names valid for an operation kind (the gating figures of the catalogue that
/// the kind measures), and for run-level budgets.
const std::vector<std::string>& budget_metrics(OperationKind kind);
const std::vector<std::string>& run_budget_metrics();

/// The limit keys that fit a metric, e.g. {"max_ms", "max_s"} for time.
std::vector<std::string> budget_units(std::string_view metric);

/// Reads a thresholds file (configs/default.yaml: a `thresholds:` map); keys left out
/// keep the built-in defaults. Problems are appended to `problems`.
std::optional<Thresholds> load_thresholds(const std::filesystem::path& file, std::vector<Diagnostic>& problems);

}  // namespace ph::scenario
