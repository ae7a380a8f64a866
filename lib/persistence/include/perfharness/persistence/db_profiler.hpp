#pragma once
// The database profiler: each statement's time as SQLite itself measures it
// (sqlite3_trace_v2, SQLITE_TRACE_PROFILE), per-statement statistics, slow queries,
// and the query plans and full-scan opportunities of slow and bulk queries.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "perfharness/persistence/query_plan.hpp"

namespace ph::persistence {

class Database;

struct DbProfilerOptions {
  double slow_query_ms = 100;        // an execution at least this long (SQLite's time) is slow
  std::int64_t full_scan_rows = 5000;// a full scan of a table with more rows is an opportunity
  std::size_t max_slow_samples = 50; // slow executions kept with their expanded SQL (all are counted)
};

/// Every execution of one statement text (parameters as `?`).
/// total_ns/max_ns are SQLite's own figures (SQLITE_TRACE_PROFILE). SQLite reads a millisecond
/// clock for them, so one execution shows 0 or a multiple of 1 ms; summed over many executions
/// they are still unbiased. clock_total_ns/clock_max_ns time the same span (from SQLite's "statement
/// starts" event to its "statement finished" event) on a nanosecond steady clock.
struct StatementStats {
  std::string sql;
  std::int64_t count = 0;
  std::int64_t total_ns = 0;
  std::int64_t max_ns = 0;
  std::int64_t clock_total_ns = 0;
  std::int64_t clock_max_ns = 0;
  std::int64_t slow_count = 0;
  double mean_ns() const noexcept { return count ? static_cast<double>(total_ns) / static_cast<double>(count) : 0; }
  double clock_mean_ns() const noexcept {
    return count ? static_cast<double>(clock_total_ns) / static_cast<double>(count) : 0;
  }
};

/// One slow execution, with its bound values expanded into the text.
struct SlowQuery {
  std::string sql;
  std::string expanded_sql;
  std::int64_t ns = 0;
};

struct QueryPlan {
  std::string sql;
  bool slow = false;  // had at least one slow execution
  bool bulk = false;  // reads many rows by design (Database::is_bulk_query)
  std::vector<PlanRow> rows;
  std::string error;  // why no plan could be made, when rows is empty
};

/// A statement that reads a whole table bigger than the threshold.
struct ScanOpportunity {
  std::string sql;
  std::string table;
  std::int64_t table_rows = 0;
  std::string column;   // what an index would serve; empty when the query filters nothing
  std::string message;  // one line for a report
};

struct DbProfile {
  std::vector<StatementStats> statements;  // by total time, largest first
  std::int64_t slow_query_count = 0;       // slow executions, all statements
  std::vector<SlowQuery> slow_queries;     // the first max_slow_samples of them
  std::vector<QueryPlan> plans;            // of slow and bulk statements
  std::vector<ScanOpportunity> opportunities;
};

/// Traces one Database connection from construction to finish(). The connection allows
/// one trace callback: do not run two profilers on it at once, and do not let the profiler
/// outlive the Database.
class DbProfiler {
 public:
  DbProfiler(Database& db, const DbProfilerOptions& options = {});
  ~DbProfiler();
  DbProfiler(const DbProfiler&) = delete;
  DbProfiler& operator=(const DbProfiler&) = delete;

  /// Stops tracing, explains slow and bulk statements, finds full scans. Call once.
  DbProfile finish();

  struct State;

 private:
  Database& db_;
  std::unique_ptr<State> state_;
  bool tracing_ = false;
  void stop() noexcept;
};

}  // namespace ph::persistence
