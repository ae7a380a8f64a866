// The judgement of opportunities, bottlenecks and priorities (analyse()) on hand-built results:
// each rule flags what is over its threshold, leaves what is at it, and says what it saw.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "runner_test_util.hpp"

using namespace ph;
using namespace ph::runner::test;

namespace {

report::Hotspot hotspot(std::string function, double cumulative_s) {
  return {std::move(function), cumulative_s, cumulative_s / 2, 3, cumulative_s / 3};
}

}  // namespace

TEST_CASE("a zone among the top N over the medium threshold is an opportunity, over the high one a high one", "[analysis]") {
  auto op = operation("bt");
  op.top_by_cumulative = {hotspot("run", 1.5), hotspot("signals", 0.5), hotspot("at_threshold", 0.1),
                          hotspot("fourth", 0.9)};
  const auto run = analysed({op});
  // "fourth" is not among the top 3; "at_threshold" is not over 0.1 s.
  CHECK(issues_of(run) == std::vector<std::string>{"bt/run: High cumulative time (High)",
                                                   "bt/signals: High cumulative time (Medium)"});
  REQUIRE(run.opportunities.size() == 2);
  CHECK(run.opportunities[0].figure == "1.500 s cumulative per repetition");
  const auto& evidence = std::get<report::HotspotEvidence>(run.opportunities[1].evidence);
  CHECK(evidence.cumulative_time == 0.5);
  CHECK(evidence.call_count == 3);
  CHECK(evidence.rank == 2);
  // A high hotspot in a backtest is the seed's backtest bottleneck, with its priority.
  CHECK(run.bottlenecks == std::vector<std::string>{"High-priority performance issues in backtest execution"});
  CHECK(run.priorities == std::vector<std::string>{"Optimize hot functions in strategy calculations"});
  CHECK(run.profiling_areas == 1);
}

TEST_CASE("a high hotspot outside a backtest is an opportunity but not the backtest bottleneck", "[analysis]") {
  auto op = operation("grid", "sweep");
  op.top_by_cumulative = {hotspot("sweep", 2.0)};
  const auto run = analysed({op});
  CHECK(issues_of(run) == std::vector<std::string>{"grid/sweep: High cumulative time (High)"});
  CHECK(run.bottlenecks.empty());
}

TEST_CASE("the thresholds are the scenario's: the top N and both hotspot limits", "[analysis]") {
  auto op = operation("bt");
  op.top_by_cumulative = {hotspot("a", 0.03), hotspot("b", 0.02), hotspot("c", 0.015)};
  scenario::Thresholds th;
  th.hotspot_top_n = 2;
  th.hotspot_medium_s = 0.01;
  th.hotspot_high_s = 0.025;
  CHECK(issues_of(analysed({op}, with_thresholds(th))) ==
        std::vector<std::string>{"bt/a: High cumulative time (High)", "bt/b: High cumulative time (Medium)"});
}

TEST_CASE("peak memory over the medium threshold is an opportunity, over the high one a high one", "[analysis]") {
  auto at = operation("at");
  at.figures["peak_memory"] = figure("MB", {50, 100});  // the worst repetition counts, and 100 is not over 100
  auto medium = operation("medium");
  medium.figures["peak_memory"] = figure("MB", {100.5});
  auto high = operation("high");
  high.figures["peak_memory"] = figure("MB", {10, 612});
  const auto run = analysed({at, medium, high});
  CHECK(issues_of(run) == std::vector<std::string>{"medium/: High memory usage (Medium)", "high/: High memory usage (High)"});
  REQUIRE(run.opportunities.size() == 2);
  CHECK(run.opportunities[1].figure == "612.0 MB peak");
  CHECK(std::get<report::MemoryEvidence>(run.opportunities[1].evidence).peak_memory_mb == 612);
  CHECK(run.bottlenecks.empty());
}

TEST_CASE("the database profiler's table scans become opportunities with their evidence", "[analysis]") {
  auto op = operation("db", "persistence");
  report::DatabaseProfile db;
  report::TableScanFinding scan;
  scan.table = "results";
  scan.column = "strategy";
  scan.figure = "SCAN results (9000 rows)";
  scan.sql = "SELECT * FROM results WHERE strategy = ?";
  scan.table_rows = 9000;
  db.scans = {scan};
  op.database = db;
  const auto run = analysed({op});
  CHECK(issues_of(run) == std::vector<std::string>{"db/results: Full table scan (Medium)"});
  const auto& evidence = std::get<report::TableScanEvidence>(run.opportunities[0].evidence);
  CHECK(evidence.column == "strategy");
  CHECK(evidence.sql == scan.sql);
  CHECK(evidence.table_rows == 9000);
}

TEST_CASE("the slowest data load over its threshold is a bottleneck that names the case", "[analysis]") {
  auto load = operation("load", "data_load");
  load.cases = {one_case("AAA 2022", "time", "s", {0.5, 0.5, 0.5}), one_case("BBB 2022", "time", "s", {0.9, 0.85, 2.0})};
  const auto run = analysed({load});
  CHECK(run.bottlenecks == std::vector<std::string>{"Slow data loading operations (load: BBB 2022: 0.900 s)"});
  CHECK(run.priorities == std::vector<std::string>{"Implement data caching or optimize data provider"});

  load.cases = {one_case("AAA 2022", "time", "s", {0.8, 0.8, 5.0})};  // the median is at the threshold
  CHECK(analysed({load}).bottlenecks.empty());
}

TEST_CASE("slow queries over their count are a bottleneck, counted over every persistence operation", "[analysis]") {
  auto a = operation("a", "persistence");
  a.figures["slow_queries"] = figure("count", {0, 1});
  auto b = operation("b", "persistence");
  b.figures["slow_queries"] = figure("count", {1});
  auto not_persistence = operation("bt");
  not_persistence.figures["slow_queries"] = figure("count", {9});  // only persistence operations count
  CHECK(analysed({a, not_persistence}).bottlenecks.empty());  // 1 is not more than 1
  const auto run = analysed({a, b, not_persistence});
  CHECK(run.bottlenecks == std::vector<std::string>{"Multiple slow database queries detected (2)"});
  CHECK(run.priorities == std::vector<std::string>{"Add database indexes or optimize query patterns"});
}

TEST_CASE("memory per 1,000 bars over its threshold is a bottleneck naming the worst backtest", "[analysis]") {
  auto light = operation("light");
  light.cases = {one_case("x", "memory_per_1k_bars", "MB/1k bars", {3.5}), one_case("y", "memory_per_1k_bars", "MB/1k bars", {1.0})};
  auto heavy = operation("heavy");
  heavy.cases = {one_case("z", "memory_per_1k_bars", "MB/1k bars", {2.0, 4.5})};  // the case's worst repetition
  const auto run = analysed({light, heavy});
  CHECK(run.bottlenecks == std::vector<std::string>{"High memory usage per data point (heavy: 4.50 MB per 1,000 bars)"});
  CHECK(run.priorities == std::vector<std::string>{"Optimize memory allocation patterns"});
  // light's mean over its cases, 2.25 MB, is under 3.
  CHECK(analysed({light}).bottlenecks.empty());
}

TEST_CASE("analysing again replaces what an earlier analysis found", "[analysis]") {
  auto op = operation("bt");
  op.top_by_cumulative = {hotspot("run", 1.5)};
  scenario::Scenario sc;
  auto run = run_of({op});
  runner::analyse(sc, run);
  runner::analyse(sc, run);
  CHECK(run.opportunities.size() == 1);
  CHECK(run.bottlenecks.size() == 1);
  CHECK(run.priorities.size() == 1);
}
