// Saving, fetching, listing, ranking and deleting backtest results.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <set>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include "fixtures.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/persistence/database.hpp"
#include "perfharness/persistence/result_equality.hpp"

using namespace ph;
using namespace ph::persistence;

namespace {

std::int64_t count(Database& db, const char* sql) {
  SQLite::Statement q(db.connection(), sql);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace

TEST_CASE("a saved result fetched by its id equals it in every field", "[persistence]") {
  Database db(":memory:");
  // Real reals (rsi's oversold/overbought) and integers in the parameters.
  const BacktestResult r = test::make_result("AAPL", "rsi", {{"period", 9}, {"oversold", 27.5}, {"overbought", 71.25}});
  REQUIRE(r.trades.size() > 1);
  const std::int64_t id = db.save_result(std::nullopt, r, 0.125);
  const auto fetched = db.fetch_result(id);
  REQUIRE(fetched);
  CHECK(fetched->id == id);
  CHECK_FALSE(fetched->run_id);
  CHECK(fetched->execution_time_s == 0.125);
  CHECK(first_difference(r, fetched->result).empty());
  CHECK(fetched->result.metrics == r.metrics);
  CHECK(fetched->result.trades == r.trades);
  CHECK(fetched->result.parameters.values() == r.parameters.values());
  CHECK(&fetched->result.parameters.strategy() == &r.parameters.strategy());
  CHECK(fetched->created_at.size() == 24);
}

TEST_CASE("profit_factor null, NaN metrics, no trades and extreme values round-trip", "[persistence]") {
  Database db(":memory:");
  BacktestResult r = test::make_result("MSFT", "sma_cross");
  r.metrics.profit_factor = std::nullopt;
  r.metrics.sortino_ratio = std::numeric_limits<double>::quiet_NaN();
  r.metrics.calmar_ratio = std::numeric_limits<double>::infinity();
  r.metrics.total_return = 1.0 / 3.0;
  r.metrics.avg_loss = -std::numeric_limits<double>::denorm_min();
  const auto fetched = db.fetch_result(db.save_result(std::nullopt, r, 0));
  REQUIRE(fetched);
  CHECK_FALSE(fetched->result.metrics.profit_factor);
  CHECK(std::isnan(fetched->result.metrics.sortino_ratio));
  CHECK(first_difference(r, fetched->result).empty());

  BacktestResult empty = test::make_result("IBM", "bollinger");
  empty.trades.clear();
  const auto e = db.fetch_result(db.save_result(std::nullopt, empty, 0));
  REQUIRE(e);
  CHECK(e->result.trades.empty());
  CHECK(first_difference(empty, e->result).empty());
}

TEST_CASE("first_difference names the field that differs", "[persistence]") {
  const BacktestResult a = test::make_result("AAPL", "sma_cross");
  BacktestResult b = a;
  CHECK(first_difference(a, b).empty());
  b.metrics.profit_factor = std::nullopt;
  CHECK(first_difference(a, b).starts_with("metrics.profit_factor"));
  b = a;
  b.trades.back().pnl += 1e-9;
  CHECK(first_difference(a, b).find(".pnl") != std::string::npos);
}

TEST_CASE("ids are the real, distinct row ids and an unknown id fetches nothing", "[persistence]") {
  Database db(":memory:");
  const BacktestResult r = test::make_result("AAPL", "sma_cross");
  std::set<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.insert(db.save_result(std::nullopt, r, 0));
  CHECK(ids.size() == 5);
  for (std::int64_t id : ids) CHECK(db.fetch_result(id));
  CHECK_FALSE(db.fetch_result(*ids.rbegin() + 1));
  CHECK(count(db, "SELECT COUNT(*) FROM backtest_results") == 5);
  CHECK(count(db, "SELECT COUNT(*) FROM trades") == 5 * static_cast<std::int64_t>(r.trades.size()));
}

TEST_CASE("lists by strategy, symbol, and both return exactly the matching results", "[persistence]") {
  Database db(":memory:");
  const std::vector<BacktestResult> rs = {test::make_result("AAPL", "sma_cross"), test::make_result("AAPL", "macd"),
                                          test::make_result("MSFT", "sma_cross"), test::make_result("MSFT", "rsi")};
  std::vector<std::int64_t> ids;
  for (const auto& r : rs) ids.push_back(db.save_result(std::nullopt, r, 0));

  const auto sma = db.list_by_strategy("sma_cross");
  REQUIRE(sma.size() == 2);
  CHECK(sma[0].id == ids[0]);
  CHECK(sma[1].id == ids[2]);
  CHECK(sma[0].result.trades.empty());  // summaries by default
  CHECK(sma[0].result.metrics == rs[0].metrics);

  const auto with_trades = db.list_by_strategy("sma_cross", {true, 0});
  CHECK(first_difference(with_trades[1].result, rs[2]).empty());
  CHECK(db.list_by_strategy("sma_cross", {false, 1}).size() == 1);

  const auto aapl = db.list_by_symbol("AAPL");
  REQUIRE(aapl.size() == 2);
  CHECK(aapl[1].result.strategy == "macd");
  const auto both = db.list_by_symbol_and_strategy("MSFT", "rsi");
  REQUIRE(both.size() == 1);
  CHECK(both[0].id == ids[3]);
  CHECK(db.list_by_symbol_and_strategy("MSFT", "macd").empty());
  // Input is bound, never spliced: a quote in it is just a character.
  CHECK(db.list_by_strategy("x' OR '1'='1").empty());
}

TEST_CASE("best_by_metric ranks by a whitelisted metric only", "[persistence]") {
  Database db(":memory:");
  std::vector<BacktestResult> rs;
  for (const char* s : {"A", "B", "C", "D"}) rs.push_back(test::make_result(s, "sma_cross"));
  rs[1].metrics.profit_factor = std::nullopt;
  for (const auto& r : rs) db.save_result(std::nullopt, r, 0);

  const auto best = db.best_by_metric("sharpe_ratio", 4);
  REQUIRE(best.size() == 4);
  for (std::size_t i = 1; i < best.size(); ++i)
    CHECK(best[i - 1].result.metrics.sharpe_ratio >= best[i].result.metrics.sharpe_ratio);
  double top = rs[0].metrics.sharpe_ratio;
  for (const auto& r : rs) top = std::max(top, r.metrics.sharpe_ratio);
  CHECK(best[0].result.metrics.sharpe_ratio == top);

  const auto pf = db.best_by_metric("profit_factor", 4);
  CHECK_FALSE(pf.back().result.metrics.profit_factor);  // no value ranks last

  CHECK(db.best_by_metric("total_return", 2, std::string("rsi")).empty());
  CHECK(db.best_by_metric("total_return", 1, std::string("sma_cross")).size() == 1);
  CHECK_THROWS_AS(db.best_by_metric("sharpe_ratio; DROP TABLE trades", 1), InputError);
  CHECK_THROWS_WITH(db.best_by_metric("speed", 1), Catch::Contains("sharpe_ratio"));
  CHECK_THROWS_AS(db.best_by_metric("sharpe_ratio", 0), InputError);
}

TEST_CASE("delete removes a result with its trades", "[persistence]") {
  Database db(":memory:");
  const BacktestResult r = test::make_result("AAPL", "sma_cross");
  const std::int64_t a = db.save_result(std::nullopt, r, 0);
  const std::int64_t b = db.save_result(std::nullopt, r, 0);
  CHECK(db.delete_result(a));
  CHECK_FALSE(db.delete_result(a));
  CHECK_FALSE(db.fetch_result(a));
  CHECK(db.fetch_result(b));
  CHECK(count(db, "SELECT COUNT(*) FROM trades") == static_cast<std::int64_t>(r.trades.size()));
}

TEST_CASE("a symbol over the limit is rejected before the database is touched", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("r.db");
  Database db(file);
  const BacktestResult ok = test::make_result(std::string(kMaxSymbolLength, 'S'), "sma_cross");
  CHECK(db.save_result(std::nullopt, ok, 0) > 0);

  BacktestResult r = test::make_result("DB_PROFILE_0", "sma_cross");
  r.symbol = std::string(kMaxSymbolLength + 1, 'L');
  std::int64_t statements = 0;
  sqlite3_trace_v2(
      db.connection().getHandle(), SQLITE_TRACE_STMT,
      [](unsigned, void* n, void*, void*) {
        ++*static_cast<std::int64_t*>(n);
        return 0;
      },
      &statements);
  CHECK_THROWS_WITH(db.save_result(std::nullopt, r, 0), Catch::Contains("at most 32 characters"));
  r.symbol.clear();
  CHECK_THROWS_AS(db.save_result(std::nullopt, r, 0), InputError);
  r.symbol = "AAPL";
  CHECK_THROWS_AS(db.save_result(std::nullopt, r, -1.0), InputError);
  CHECK_THROWS_AS(db.save_result(std::nullopt, r, std::numeric_limits<double>::quiet_NaN()), InputError);
  CHECK(statements == 0);
  sqlite3_trace_v2(db.connection().getHandle(), 0, nullptr, nullptr);
  CHECK(count(db, "SELECT COUNT(*) FROM backtest_results") == 1);
}

TEST_CASE("results saved with a run belong to it and an unknown run is refused", "[persistence]") {
  Database db(":memory:");
  const std::int64_t run = db.record_run_start({"suite", "abc", "0.1.0", ""});
  const BacktestResult r = test::make_result("AAPL", "sma_cross");
  const auto fetched = db.fetch_result(db.save_result(run, r, 1.5));
  REQUIRE(fetched);
  CHECK(fetched->run_id == run);
  CHECK_THROWS_AS(db.save_result(run + 100, r, 0), RuntimeFailure);
  CHECK(db.list_by_symbol("AAPL").size() == 1);  // the refused save left nothing behind
}

TEST_CASE("streaming by strategy visits the listed rows, each row whole in the reused object", "[persistence]") {
  Database db(":memory:");
  // Alternating fields that a reused object could carry over: a run id, then none;
  // a profit factor, then none; trades, then none.
  BacktestResult with_pf = test::make_result("AAPL", "sma_cross", {{"fast_period", 5}, {"slow_period", 30}});
  REQUIRE(with_pf.metrics.profit_factor);
  REQUIRE_FALSE(with_pf.trades.empty());
  BacktestResult without = test::make_result("MSFT", "sma_cross");
  without.metrics.profit_factor = std::nullopt;
  without.trades.clear();
  const auto run = db.record_run_start({"suite", "cafe", "0.1.0", ""});
  db.save_result(run, with_pf, 0.5);
  db.save_result(std::nullopt, without, 0.25);
  db.save_result(run, with_pf, 0.75);
  db.save_result(std::nullopt, test::make_result("IBM", "macd"), 0);

  for (const bool with_trades : {false, true}) {
    const ListOptions options{with_trades, 0};
    const auto listed = db.list_by_strategy("sma_cross", options);
    std::vector<StoredResult> streamed;
    db.for_each_by_strategy("sma_cross", [&](const StoredResult& s) { streamed.push_back(s); }, options);
    REQUIRE(streamed.size() == 3);
    REQUIRE(listed.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
      INFO("row " << i << (with_trades ? " with trades" : ""));
      CHECK(streamed[i].id == listed[i].id);
      CHECK(streamed[i].run_id == listed[i].run_id);
      CHECK(streamed[i].execution_time_s == listed[i].execution_time_s);
      CHECK(streamed[i].created_at == listed[i].created_at);
      CHECK(first_difference(streamed[i].result, listed[i].result).empty());
    }
    CHECK_FALSE(streamed[1].run_id);
    CHECK_FALSE(streamed[1].result.metrics.profit_factor);
    CHECK(streamed[1].result.trades.empty());
    CHECK(streamed[2].result.trades.size() == (with_trades ? with_pf.trades.size() : 0));
  }
  int visited = 0;
  db.for_each_by_strategy("sma_cross", [&](const StoredResult&) { ++visited; }, {false, 2});
  CHECK(visited == 2);
  CHECK_THROWS_AS(db.for_each_by_strategy("sma_cross", [](const StoredResult&) {}, {false, -1}), InputError);
}

TEST_CASE("parameters decode the same through the fast path and through JSON", "[persistence]") {
  Database db(":memory:");
  const BacktestResult r = test::make_result("AAPL", "bollinger", {{"period", 17}, {"std_dev", 1.2345678901234567}});
  const auto id = db.save_result(std::nullopt, r, 0);
  // Rewritten with spaces and keys out of order: not what perfharness writes, still valid JSON.
  db.connection().exec("UPDATE backtest_results SET parameters = '{ \"std_dev\" : 1.2345678901234567, \"period\": 17 }' "
                       "WHERE id = " + std::to_string(id));
  const auto fetched = db.fetch_result(id);
  REQUIRE(fetched);
  CHECK(fetched->result.parameters.values() == r.parameters.values());
  db.connection().exec("UPDATE backtest_results SET parameters = '{\"period\":017,\"std_dev\":1}' WHERE id = " +
                       std::to_string(id));
  CHECK_THROWS_WITH(db.fetch_result(id), Catch::Contains("parameters are not a JSON object"));
}
