// The DB profiler: SQLite's own statement times, slow queries, plans, full-scan opportunities.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include <SQLiteCpp/Database.h>

#include "fixtures.hpp"
#include "perfharness/persistence/database.hpp"
#include "perfharness/persistence/db_profiler.hpp"

using namespace ph;
using namespace ph::persistence;

namespace {

const StatementStats* stats_of(const DbProfile& p, std::string_view prefix) {
  for (const auto& s : p.statements)
    if (std::string_view(s.sql).starts_with(prefix)) return &s;
  return nullptr;
}

const QueryPlan* plan_containing(const DbProfile& p, std::string_view fragment) {
  for (const auto& plan : p.plans)
    if (plan.sql.find(fragment) != std::string::npos) return &plan;
  return nullptr;
}

bool plan_has(const QueryPlan& plan, std::string_view detail_prefix) {
  return std::any_of(plan.rows.begin(), plan.rows.end(),
                     [&](const PlanRow& r) { return std::string_view(r.detail).starts_with(detail_prefix); });
}

// Many results quickly: one outer transaction, so each save is a savepoint.
void fill(Database& db, int n) {
  const BacktestResult a = test::make_result("AAPL", "sma_cross");
  const BacktestResult b = test::make_result("MSFT", "macd");
  db.connection().exec("BEGIN IMMEDIATE");
  for (int i = 0; i < n; ++i) db.save_result(std::nullopt, i % 2 ? a : b, 0);
  db.connection().exec("COMMIT");
}

}  // namespace

TEST_CASE("the profiler counts every execution of each statement with SQLite's timings", "[persistence]") {
  Database db(":memory:");
  fill(db, 4);
  DbProfiler profiler(db);
  for (int i = 0; i < 3; ++i) CHECK(db.list_by_strategy("sma_cross").size() == 2);
  for (std::int64_t id = 1; id <= 4; ++id) CHECK(db.fetch_result(id));
  const DbProfile p = profiler.finish();

  const StatementStats* bulk = stats_of(p, "SELECT id, run_id");
  REQUIRE(bulk);
  const StatementStats* by_strategy = nullptr;
  const StatementStats* by_id = nullptr;
  for (const auto& s : p.statements) {
    if (Database::is_bulk_query(s.sql)) by_strategy = &s;
    if (s.sql.ends_with("WHERE id = ?")) by_id = &s;
  }
  REQUIRE(by_strategy);
  REQUIRE(by_id);
  CHECK(by_strategy->count == 3);
  CHECK(by_id->count == 4);
  CHECK(stats_of(p, "SELECT entry_date")->count == 4);
  CHECK(by_strategy->clock_total_ns > 0);
  CHECK(by_strategy->clock_max_ns <= by_strategy->clock_total_ns);
  CHECK(by_strategy->max_ns <= by_strategy->total_ns);
  CHECK(by_strategy->clock_mean_ns() == Approx(static_cast<double>(by_strategy->clock_total_ns) / 3));
  // SQLite's millisecond-grained time and the steady clock measure the same span.
  for (const auto& s : p.statements) {
    INFO(s.sql);
    CHECK(std::abs(s.total_ns - s.clock_total_ns) <= s.count * 2'000'000 + 5'000'000);
  }
  for (std::size_t i = 1; i < p.statements.size(); ++i)
    CHECK(p.statements[i - 1].total_ns >= p.statements[i].total_ns);
  CHECK(p.slow_query_count == 0);  // nothing here takes 100 ms
  // Explained: the bulk query, which searches its index on a small table.
  const QueryPlan* plan = plan_containing(p, "WHERE strategy = ?");
  REQUIRE(plan);
  CHECK(plan->bulk);
  CHECK(plan_has(*plan, "SEARCH backtest_results USING INDEX backtest_results_by_strategy"));
  CHECK(p.opportunities.empty());
}

TEST_CASE("with a zero threshold every execution is slow and kept with its bound values", "[persistence]") {
  Database db(":memory:");
  fill(db, 2);
  DbProfiler profiler(db, {0.0, 5000, 3});
  db.list_by_symbol("AAPL");
  db.fetch_result(1);
  const DbProfile p = profiler.finish();
  std::int64_t executions = 0;
  for (const auto& s : p.statements) executions += s.count;
  CHECK(p.slow_query_count == executions);
  CHECK(p.slow_queries.size() == 3);  // capped samples; the count covers all
  bool expanded = false;
  for (const auto& s : p.slow_queries) expanded = expanded || s.expanded_sql.find("'AAPL'") != std::string::npos;
  CHECK(expanded);
  // Slow statements are explained even when not bulk.
  CHECK(plan_containing(p, "WHERE id = ?"));
}

TEST_CASE("a bulk query without its index scans the table and becomes an opportunity", "[persistence]") {
  Database db(":memory:");
  fill(db, 5200);

  DbProfiler indexed(db);
  const auto with_index = db.list_by_strategy("sma_cross");
  const DbProfile before = indexed.finish();
  CHECK(with_index.size() == 2600);
  const QueryPlan* searched = plan_containing(before, "WHERE strategy = ?");
  REQUIRE(searched);
  CHECK(plan_has(*searched, "SEARCH backtest_results USING INDEX backtest_results_by_strategy"));
  CHECK(before.opportunities.empty());

  db.connection().exec("DROP INDEX backtest_results_by_strategy");
  DbProfiler unindexed(db);
  const auto without_index = db.list_by_strategy("sma_cross");
  const DbProfile after = unindexed.finish();
  CHECK(without_index.size() == with_index.size());
  const QueryPlan* scanned = plan_containing(after, "WHERE strategy = ?");
  REQUIRE(scanned);
  CHECK(plan_has(*scanned, "SCAN backtest_results"));
  CHECK_FALSE(plan_has(*scanned, "SEARCH backtest_results USING INDEX"));
  REQUIRE(after.opportunities.size() == 1);
  const ScanOpportunity& o = after.opportunities[0];
  CHECK(o.table == "backtest_results");
  CHECK(o.table_rows == 5200);
  CHECK(o.column == "strategy");
  CHECK(o.message.find("backtest_results(strategy)") != std::string::npos);

  // The same scan on a table under the threshold is no opportunity.
  DbProfiler lenient(db, {100, 10000, 50});
  db.list_by_strategy("macd");
  CHECK(lenient.finish().opportunities.empty());
}

TEST_CASE("plan rows are read for full scans and index columns", "[persistence]") {
  CHECK(full_scan_table("SCAN backtest_results") == std::string("backtest_results"));
  CHECK_FALSE(full_scan_table("SCAN backtest_results USING COVERING INDEX backtest_results_by_run"));
  CHECK_FALSE(full_scan_table("SCAN trades USING INDEX x"));
  CHECK_FALSE(full_scan_table("SEARCH trades USING PRIMARY KEY (backtest_id=?)"));
  CHECK_FALSE(full_scan_table("SCAN (subquery-2)"));
  CHECK_FALSE(full_scan_table("SCAN CONSTANT ROW"));
  CHECK(index_column_for("SELECT a FROM t WHERE strategy = ? ORDER BY id LIMIT ?") == "strategy");
  CHECK(index_column_for("SELECT a FROM t WHERE symbol = ? AND strategy = ? ORDER BY id") == "symbol");
  CHECK(index_column_for("SELECT a FROM t ORDER BY sharpe_ratio IS NULL, sharpe_ratio DESC, id LIMIT ?") ==
        "sharpe_ratio");
  CHECK(index_column_for("SELECT a FROM t ORDER BY id LIMIT ?").empty());
  CHECK(index_column_for("SELECT COUNT(*) FROM t").empty());
}
