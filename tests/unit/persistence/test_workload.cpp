// The persistence workload: real ids, exact round trips, a bulk query, failures that fail.
#include <catch2/catch.hpp>

#include <set>

#include <SQLiteCpp/Database.h>

#include "fixtures.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/persistence/database.hpp"
#include "perfharness/persistence/result_equality.hpp"
#include "perfharness/persistence/db_profile_json.hpp"
#include "perfharness/persistence/workload.hpp"

using namespace ph;
using namespace ph::persistence;

namespace {

std::vector<BacktestResult> seed_results() {
  std::vector<BacktestResult> rs;
  for (int i = 0; i < 3; ++i) rs.push_back(test::make_result("DB_PROFILE_" + std::to_string(i), "sma_cross"));
  rs.push_back(test::make_result("DB_PROFILE_3", "rsi"));
  rs[1].metrics.profit_factor = std::nullopt;
  return rs;
}

}  // namespace

TEST_CASE("the workload saves, fetches back by the real ids and queries in bulk", "[persistence]") {
  Database db(":memory:");
  const auto results = seed_results();
  const auto w = run_persistence_workload(db, results, 10, 5, "", {});
  REQUIRE(w.saved_ids.size() == 10);
  CHECK(std::set<std::int64_t>(w.saved_ids.begin(), w.saved_ids.end()).size() == 10);
  for (std::size_t i = 0; i < w.saved_ids.size(); ++i) {
    const auto f = db.fetch_result(w.saved_ids[i]);
    REQUIRE(f);
    CHECK(first_difference(f->result, results[i % results.size()]).empty());
  }
  CHECK(w.save_ms.size() == 10);
  CHECK(w.fetch_ms.size() == 5);
  for (double ms : w.save_ms) CHECK(ms > 0);
  CHECK(w.bulk_strategy == "sma_cross");
  CHECK(w.bulk_rows == 8);  // saves 0,1,2,4,5,6,8,9 are sma_cross
  CHECK(w.bulk_ms > 0);
  CHECK(w.slow_query_count == w.profile.slow_query_count);
  std::int64_t inserts = 0;
  for (const auto& s : w.profile.statements)
    if (s.sql.starts_with("INSERT INTO backtest_results")) inserts = s.count;
  CHECK(inserts == 10);
  bool bulk_plan = false;
  for (const auto& p : w.profile.plans) bulk_plan = bulk_plan || p.bulk;
  CHECK(bulk_plan);

  // The database already holds these; a second pass sees them in its bulk query too.
  const auto again = run_persistence_workload(db, results, 2, 2, "rsi", {});
  CHECK(again.bulk_rows == 2);
}

TEST_CASE("a result that does not round-trip fails the workload", "[persistence]") {
  Database db(":memory:");
  db.connection().exec(
      "CREATE TRIGGER corrupt AFTER INSERT ON trades BEGIN "
      "UPDATE trades SET pnl = pnl + 1 WHERE backtest_id = NEW.backtest_id AND number = NEW.number; END");
  CHECK_THROWS_WITH(run_persistence_workload(db, seed_results(), 2, 1, "", {}),
                    Catch::Contains("did not round-trip") && Catch::Contains("pnl"));
}

TEST_CASE("every saved result is verified, not only the timed fetches", "[persistence]") {
  Database db(":memory:");
  const auto results = seed_results();
  const auto w = run_persistence_workload(db, results, 6, 1, "", {});  // times one fetch: id 1
  CHECK_NOTHROW(verify_round_trips(db, results, w.saved_ids));
  // Damage the last saved result, which the timed fetch never looked at.
  db.connection().exec("UPDATE backtest_results SET sharpe_ratio = sharpe_ratio + 1 WHERE id = " +
                       std::to_string(w.saved_ids.back()));
  CHECK_THROWS_WITH(verify_round_trips(db, results, w.saved_ids),
                    Catch::Contains("backtest result " + std::to_string(w.saved_ids.back()) + " did not round-trip") &&
                        Catch::Contains("sharpe"));
}

TEST_CASE("a failing query fails the workload instead of counting as fast", "[persistence]") {
  Database db(":memory:");
  db.connection().exec("DROP TABLE trades");
  CHECK_THROWS_AS(run_persistence_workload(db, seed_results(), 2, 1, "", {}), RuntimeFailure);

  Database lossy(":memory:");
  lossy.connection().exec(
      "CREATE TRIGGER relabel AFTER INSERT ON backtest_results BEGIN "
      "UPDATE backtest_results SET strategy = 'other' WHERE id = NEW.id; END");
  CHECK_THROWS_WITH(run_persistence_workload(lossy, seed_results(), 3, 0, "", {}),
                    Catch::Contains("returned 0 results but 3 were just saved"));
}

TEST_CASE("bad workload input is refused before anything is saved", "[persistence]") {
  Database db(":memory:");
  auto results = seed_results();
  CHECK_THROWS_AS(run_persistence_workload(db, {}, 1, 1, "", {}), InputError);
  CHECK_THROWS_AS(run_persistence_workload(db, results, 0, 1, "", {}), InputError);
  results.back().symbol = std::string(40, 'X');
  CHECK_THROWS_WITH(run_persistence_workload(db, results, 4, 1, "", {}), Catch::Contains("at most 32"));
  CHECK(db.list_by_strategy("sma_cross").empty());
}

TEST_CASE("the workload's JSON form carries its figures, plans and opportunities", "[persistence]") {
  Database db(":memory:");
  const auto w = run_persistence_workload(db, seed_results(), 4, 2, "", {0.0, 0, 5});
  const auto j = workload_json(w);
  CHECK(j["saved_ids"].size() == 4);
  CHECK(j["save_ms"].size() == 4);
  CHECK(j["fetch_ms"].size() == 2);
  CHECK(j["bulk_rows"] == w.bulk_rows);
  const auto& p = j["profile"];
  CHECK(p["slow_query_count"] == w.profile.slow_query_count);
  CHECK(p["statements"].size() == w.profile.statements.size());
  CHECK(p["slow_queries"].size() == 5);
  CHECK(p["plans"].size() == w.profile.plans.size());
  bool fetch_plan = false;
  for (const auto& plan : p["plans"])
    for (const auto& row : plan["rows"])
      fetch_plan = fetch_plan || row["detail"].get<std::string>().starts_with("SEARCH backtest_results USING INTEGER PRIMARY KEY");
  CHECK(fetch_plan);  // every statement was slow at 0 ms, so the fetch by id was explained too
  // Even with a 0-row threshold no workload query scans a whole table: each has its index.
  CHECK(p["opportunities"].empty());
}
