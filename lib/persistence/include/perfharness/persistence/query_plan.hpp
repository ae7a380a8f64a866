#pragma once
// EXPLAIN QUERY PLAN, and reading a plan for full table scans an index would avoid.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace ph::persistence {

/// One row of EXPLAIN QUERY PLAN.
struct PlanRow {
  int id = 0;
  int parent = 0;
  std::string detail;  // e.g. "SCAN backtest_results", "SEARCH trades USING PRIMARY KEY (backtest_id=?)"
};

/// The plan of `sql`, a statement this connection already ran (its text comes from SQLite's
/// trace, never from input). Parameters stay unbound: the plan does not depend on their values.
std::vector<PlanRow> explain_query_plan(SQLite::Database& db, const std::string& sql);

/// The table a plan row reads in full ("SCAN t" without USING INDEX / COVERING INDEX);
/// none for searches, index scans, subquery scans and the rest.
std::optional<std::string> full_scan_table(std::string_view detail);

/// The column an index on the scanned table would serve for `sql`: the first column the
/// WHERE clause compares, else the first ORDER BY column other than id; empty when neither.
std::string index_column_for(std::string_view sql);

/// Rows in `table`, when it is one of ours (runs, backtest_results, trades); none otherwise.
/// The count runs as a fixed prepared statement per table.
std::optional<std::int64_t> count_rows(SQLite::Database& db, std::string_view table);

}  // namespace ph::persistence
