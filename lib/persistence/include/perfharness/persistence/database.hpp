#pragma once
// A perfharness results database (docs/persistence.md): runs, backtest results and
// their trades in one SQLite file, shared safely by concurrent perfharness processes.
// Every statement is a prepared constant; input text is only ever bound as a value.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "perfharness/backtest/backtest.hpp"

namespace SQLite {
class Database;
}

namespace ph::persistence {

/// The schema version this build writes (PRAGMA user_version); older files migrate forward.
inline constexpr int kSchemaVersion = 1;
/// Longest symbol stored; longer ones are rejected before the database is touched.
inline constexpr std::size_t kMaxSymbolLength = 32;

struct DatabaseOptions {
  bool create = true;           // create the file when missing (false: missing file is an InputError)
  int busy_timeout_ms = 5000;   // how long to wait for another process's lock before failing
  bool read_only = false;       // reading needs no write access (an archived file, a read-only disk);
                                // implies create = false, and the file must hold the current schema
};

/// A backtest result as stored, with what the database added to it.
struct StoredResult {
  std::int64_t id = 0;
  std::optional<std::int64_t> run_id;
  BacktestResult result;
  double execution_time_s = 0;
  std::string created_at;  // ISO-8601 UTC
};

/// Run identity, recorded when a `perfharness run` starts.
struct RunStart {
  std::string scenario_name;
  std::string scenario_hash;  // sha256 of the scenario file
  std::string tool_version;
  std::string started_at;     // ISO-8601 UTC; empty: now
};

/// Named key figures of a run (e.g. budgets_failed, bottlenecks, slowest_backtest_s), shown by `history`.
using RunFigures = std::vector<std::pair<std::string, double>>;

/// One row of `history`: a run with its verdict and key figures.
struct RunSummary {
  std::int64_t id = 0;
  std::string scenario_name;
  std::string scenario_hash;
  std::string tool_version;
  std::string started_at;
  std::optional<std::string> finished_at;  // none while running or when the run died
  std::optional<std::string> verdict;
  std::optional<double> duration_s;
  std::int64_t result_count = 0;               // backtest results saved with the run
  std::optional<double> mean_execution_time_s; // of those results
  RunFigures figures;
};

struct RunQuery {
  std::string scenario;  // empty: every scenario
  int last = 20;         // most recent N runs, returned oldest first
};

struct ListOptions {
  bool with_trades = false;  // summaries by default: trades empty, metrics complete
  int limit = 0;             // 0: all
};

/// Throws InputError when `r` cannot be stored (symbol empty or over kMaxSymbolLength,
/// parameters without a strategy). Called by save_result before any SQL runs.
void validate_for_storage(const BacktestResult& r);

/// Metric names best_by_metric accepts: every Metrics field and execution_time_s.
const std::vector<std::string>& rankable_metrics();

/// One connection to a results database. Use it from one thread at a time (its prepared
/// statements are shared); open one Database per thread or process instead.
class Database {
 public:
  /// Opens (creating when allowed) and migrates `file`; ":memory:" is an in-memory database.
  /// Throws InputError for a missing file with create=false; RuntimeFailure for a file that is
  /// not a perfharness database, a newer schema, or a lock held past the busy timeout.
  explicit Database(const std::filesystem::path& file, const DatabaseOptions& options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  int schema_version() const;

  // Runs.
  std::int64_t record_run_start(const RunStart& start);
  void record_run_finish(std::int64_t run_id, const std::string& verdict, const std::string& report_json,
                         const RunFigures& figures = {});
  std::int64_t record_run(const RunStart& start, const std::string& verdict, const std::string& report_json,
                          const RunFigures& figures = {});
  std::vector<RunSummary> list_runs(const RunQuery& query = {});
  /// The report JSON of a finished run; none when the run is unknown or unfinished.
  std::optional<std::string> run_report(std::int64_t run_id);
  /// The finished runs of `scenario` with a report, newest first: `visit` gets each run's id and
  /// report until it returns false. One report is in memory at a time.
  void for_each_run_report(const std::string& scenario,
                           const std::function<bool(std::int64_t run_id, const std::string& report)>& visit);

  // Backtest results.
  /// Saves `r` and its trades in one transaction; returns the new result id. Inside a transaction
  /// the caller opened on connection(), it becomes a savepoint of that transaction.
  /// Throws InputError (nothing written) when validate_for_storage refuses `r` or the time is
  /// negative or not finite.
  std::int64_t save_result(std::optional<std::int64_t> run_id, const BacktestResult& r, double execution_time_s);
  std::optional<StoredResult> fetch_result(std::int64_t id);
  std::vector<StoredResult> list_by_strategy(const std::string& strategy, const ListOptions& options = {});
  /// The same rows, in the same order, streamed: `visit` sees each in turn, in one object reused
  /// from row to row (copy what you keep). Nothing grows with the row count, so a 10,000-row
  /// scan does not pay for megabytes of fresh memory as the list does.
  void for_each_by_strategy(const std::string& strategy, const std::function<void(const StoredResult&)>& visit,
                            const ListOptions& options = {});
  std::vector<StoredResult> list_by_symbol(const std::string& symbol, const ListOptions& options = {});
  std::vector<StoredResult> list_by_symbol_and_strategy(const std::string& symbol, const std::string& strategy,
                                                        const ListOptions& options = {});
  /// The `limit` best results by `metric` (highest first; lowest for execution_time_s), optionally
  /// of one strategy. Throws InputError for a metric not in rankable_metrics().
  std::vector<StoredResult> best_by_metric(const std::string& metric, int limit = 1,
                                           const std::optional<std::string>& strategy = std::nullopt);
  /// Deletes a result and its trades; false when no such id.
  bool delete_result(std::int64_t id);

  /// True for the SQL text of a query that reads many rows (the DB profiler explains these).
  static bool is_bulk_query(std::string_view sql) noexcept;

  /// The underlying connection, for the DB profiler and tests. Do not build SQL from input on it.
  SQLite::Database& connection() noexcept;

  struct Impl;  // defined in the library's sources only

 private:
  std::filesystem::path path_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ph::persistence
