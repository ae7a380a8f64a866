// Runs and their history.
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/persistence/database.hpp"

using namespace ph;
using namespace ph::persistence;

TEST_CASE("a run is recorded at start and finish, with its results and figures", "[persistence]") {
  Database db(":memory:");
  const std::int64_t run = db.record_run_start({"suite", "cafe", "0.1.0", "2024-01-01T10:00:00.000Z"});
  auto runs = db.list_runs();
  REQUIRE(runs.size() == 1);
  CHECK_FALSE(runs[0].verdict);
  CHECK_FALSE(runs[0].finished_at);
  CHECK(runs[0].result_count == 0);

  const BacktestResult r = test::make_result("AAPL", "sma_cross");
  db.save_result(run, r, 1.0);
  db.save_result(run, r, 3.0);
  db.record_run_finish(run, "budget_failed", R"({"verdict":"budget_failed"})", {{"bottlenecks", 2}, {"budgets_failed", 1}});
  runs = db.list_runs();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].verdict == "budget_failed");
  CHECK(runs[0].result_count == 2);
  CHECK(runs[0].mean_execution_time_s == Approx(2.0));
  REQUIRE(runs[0].duration_s);
  CHECK(*runs[0].duration_s > 0);
  REQUIRE(runs[0].figures.size() == 2);
  CHECK(runs[0].figures[0] == std::pair<std::string, double>("bottlenecks", 2));
  CHECK(db.run_report(run) == std::string(R"({"verdict":"budget_failed"})"));

  CHECK_THROWS_AS(db.record_run_finish(run + 1, "ok", "{}"), RuntimeFailure);
  CHECK_THROWS_AS(db.record_run_finish(run, "ok", "{not json"), RuntimeFailure);
}

TEST_CASE("history lists the last N runs oldest first, optionally of one scenario", "[persistence]") {
  Database db(":memory:");
  for (int i = 0; i < 6; ++i)
    db.record_run({i % 2 ? "odd" : "even", "h", "0.1.0", ""}, i < 5 ? "ok" : "regression", "{}",
                  {{"index", i}});
  const auto last3 = db.list_runs({"", 3});
  REQUIRE(last3.size() == 3);
  CHECK(last3[0].figures[0].second == 3);
  CHECK(last3[2].figures[0].second == 5);
  CHECK(last3[2].verdict == "regression");
  const auto odd = db.list_runs({"odd", 10});
  REQUIRE(odd.size() == 3);
  for (const auto& r : odd) CHECK(r.scenario_name == "odd");
  CHECK(db.list_runs({"none", 10}).empty());
  CHECK_THROWS_AS(db.list_runs({"", 0}), InputError);
}
