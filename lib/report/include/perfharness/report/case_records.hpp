#pragma once
// What one case of an operation ran (its workload) and what it produced (its key results),
// one type per operation kind. Results are what the digest covers: equal across repetitions
// of deterministic code.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "perfharness/backtest/backtest.hpp"

namespace ph::report {

struct BacktestWorkload {
  Parameters parameters;  // with its strategy
  std::string symbol, range;
  std::string start_date, end_date;  // of the first and last bar, ISO
  std::int64_t bars = 0;
};

struct DataLoadWorkload {
  std::string symbol, range;
  std::string start_date, end_date;  // of the range asked for, ISO
};

struct SweepWorkload {
  std::string strategy;
  std::size_t combinations = 0;
  std::size_t skipped = 0;  // combinations the strategy's constraints forbid
  std::string symbol, range;
  std::int64_t bars = 0;
};

struct PersistenceWorkload {
  std::string source;  // the backtest operation whose results are saved
  int saves = 0, fetches = 0;
};

struct CommandWorkload {
  std::vector<std::string> argv;  // as started: {"/bin/sh", "-c", TEXT} with shell: true
  std::string working_dir;
};

/// monostate: the case has not been prepared.
using Workload =
    std::variant<std::monostate, BacktestWorkload, DataLoadWorkload, SweepWorkload, PersistenceWorkload, CommandWorkload>;

struct BacktestOutcome {
  Metrics metrics;
  std::size_t trades = 0;
};

struct DataLoadOutcome {
  std::int64_t bars = 0;
  std::string first_date, last_date;
  double last_close = 0;
};

struct SweepOutcome {
  std::vector<std::pair<Parameters, Metrics>> best_by_sharpe;  // the top five, best first
  /// Every parameter set, in grid order, for the HTML report's heatmap: the grid's parameter
  /// names, each set's values row after row, and each set's metrics.
  std::vector<std::string> parameter_names;
  std::vector<double> parameter_values;
  std::vector<Metrics> metrics;
};

struct PersistenceOutcome {
  std::vector<std::int64_t> saved_ids;
  std::size_t fetched_and_verified = 0;
  std::size_t round_trips_verified = 0;
  std::size_t bulk_rows = 0;
};

struct CommandOutcome {
  int exit_code = 0;  // of the latest measured run: 0 or one of allowed_exit_codes
};

/// monostate: no measured repetition finished.
using CaseOutcome =
    std::variant<std::monostate, BacktestOutcome, DataLoadOutcome, SweepOutcome, PersistenceOutcome, CommandOutcome>;

/// Digests of results, stable across runs and builds (FNV-1a of their JSON text): equal digests,
/// equal results.
std::string results_digest(const BacktestResult& result);
std::string results_digest(const DataLoadOutcome& outcome);
/// Over every combination's total return, Sharpe ratio and trade count, in grid order.
std::string results_digest(const std::vector<Metrics>& sweep);
std::string results_digest(const CommandOutcome& outcome);
std::string round_trip_digest(std::size_t saves, std::size_t fetches);

}  // namespace ph::report
