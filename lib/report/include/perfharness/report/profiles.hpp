#pragma once
// What the optional profilers found for one operation: process memory, perf_event counters,
// the stack sampler and the database profiler, plus a sweep's throughput. Each says when it
// was off or unavailable, and why, so that a report never shows a zero it did not measure.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "perfharness/report/opportunity.hpp"

namespace ph::report {

/// The process after the operation. rss figures are -1 when /proc could not be read.
struct MemorySnapshot {
  bool heap_tracking = false;
  double rss_mb = -1;
  double rss_high_water_mb = -1;
  std::string heap_tracking_reason;  // why heap tracking is off, when it is
};

struct CounterReading {
  std::string name;  // "task-clock", "page-faults", ...
  std::string unit;  // "ns", "count"
  bool available = false;
  std::vector<double> per_repetition;  // measured repetitions, when available
  bool multiplexed = false;            // extrapolated from part of the time
  bool user_mode_only = false;         // kernel-mode activity excluded
  std::string source;                  // where a refused perf event's value came from instead ("getrusage")
  std::string reason;                  // why not, when unavailable
};

struct CountersProfile {
  bool enabled = false;
  std::vector<CounterReading> counters;  // in the order the counter set read them
  std::string access;                    // what perf_event_paranoid allows this process
};

struct FunctionShare {
  std::string function;
  std::uint64_t samples = 0;
  double fraction = 0;  // of all samples
  std::string line;     // top_self: its most-sampled source line, "file.cpp:42"; empty when unknown
};

struct SamplingProfile {
  enum class State { off, unavailable, available };
  State state = State::off;
  std::string reason;  // when unavailable
  std::string method;  // "perf_event ring", "perf_event task-clock", "timer_create"
  std::uint64_t samples = 0;           // top-up runs included
  std::uint64_t measured_samples = 0;  // in measured repetitions (the flame graph's)
  double effective_hz = 0;             // samples per CPU second
  std::vector<FunctionShare> top_self, top_inclusive;
  /// The measured repetitions' stacks, "frame;frame;... count" (the flame graph's lines).
  std::vector<std::string> collapsed_stacks;
};

/// SQLite's own timing of every statement text, in milliseconds.
struct StatementTiming {
  std::string sql;
  std::int64_t count = 0;
  double total_ms = 0, mean_ms = 0, max_ms = 0;  // SQLite's millisecond clock
  double clock_mean_ms = 0, clock_max_ms = 0;    // a nanosecond steady clock over the same span
  std::int64_t slow = 0;                         // executions over the slow-query threshold
};

struct SlowStatement {
  std::string sql;  // with its bound values, when SQLite could expand them
  double ms = 0;
};

struct QueryPlanStep {
  int id = 0, parent = 0;
  std::string detail;  // "SCAN backtest_results"
};

struct ExplainedQuery {
  std::string sql;
  bool slow = false, bulk = false;
  std::vector<QueryPlanStep> plan;
  std::string error;  // why there is no plan
};

/// A full scan of a table big enough to matter; becomes an optimisation opportunity.
struct TableScanFinding {
  std::string table, column;  // column: what an index would serve; may be empty
  std::string issue = "Full table scan";
  std::string figure;  // one line for a report
  Priority priority = Priority::medium;
  std::string sql;
  std::int64_t table_rows = 0;
};

struct DatabaseProfile {
  std::vector<StatementTiming> statements;  // by total time, largest first
  std::int64_t slow_query_count = 0;
  std::vector<SlowStatement> slow_queries;
  std::vector<ExplainedQuery> plans;
  std::vector<TableScanFinding> scans;
  std::string bulk_strategy;
  std::size_t bulk_rows = 0;
  std::string database;  // its path, or that a temporary one was used
};

/// A sweep's throughput, one sample per measured repetition.
struct SweepThroughput {
  double backtests_per_repetition = 0;
  int threads = 1;
  std::vector<double> backtests_per_s;
};

}  // namespace ph::report
