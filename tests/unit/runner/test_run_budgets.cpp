// Run-level budgets (bottlenecks, high_priority_opportunities, opportunities) on hand-set
// bottlenecks and opportunities, and on those analyse() derives from a hand-built run.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis.hpp"
#include "runner_test_util.hpp"

using namespace ph;
using namespace ph::runner::test;

namespace {

report::Opportunity opportunity(report::Priority priority) {
  report::Opportunity o;
  o.operation = "bt";
  o.function = "f";
  o.issue = "High cumulative time";
  o.priority = priority;
  return o;
}

scenario::Budget run_budget(std::string metric, double limit, std::string path) {
  return budget(std::move(metric), "max", "max", "max_count", limit, std::move(path));
}

}  // namespace

TEST_CASE("run-level budgets count bottlenecks and high-priority and all opportunities", "[budgets][run]") {
  // 1 bottleneck; 3 opportunities of which 2 are High: three distinct counts.
  auto run = run_of({});
  run.bottlenecks = {"Slow data loading operations (load: AAPL: 1.000 s)"};
  run.opportunities = {opportunity(report::Priority::high), opportunity(report::Priority::medium), opportunity(report::Priority::high)};
  scenario::Scenario sc;
  sc.run_budgets = {run_budget("bottlenecks", 1, "budgets[0]"),                  // 1 <= 1
                    run_budget("high_priority_opportunities", 1, "budgets[1]"),  // 2 > 1
                    run_budget("opportunities", 3, "budgets[2]"),                // 3 <= 3
                    run_budget("opportunities", 2, "budgets[3]"),                // 3 > 2
                    run_budget("bottlenecks", 0, "budgets[4]")};                 // 1 > 0
  runner::check_budgets(sc, run);

  struct Row {
    const char* metric;
    double actual;
    double limit;
    bool passed;
  };
  const Row rows[] = {{"bottlenecks", 1, 1, true},
                      {"high_priority_opportunities", 2, 1, false},
                      {"opportunities", 3, 3, true},
                      {"opportunities", 3, 2, false},
                      {"bottlenecks", 1, 0, false}};
  REQUIRE(run.budgets.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) {
    INFO("budgets[" << i << "]: " << rows[i].metric);
    const auto& o = run.budgets[i];
    CHECK(o.metric == rows[i].metric);
    CHECK(o.actual == rows[i].actual);
    CHECK(o.limit == rows[i].limit);
    CHECK(o.passed == rows[i].passed);
    CHECK(o.available);
    CHECK(o.operation.empty());
    CHECK(o.detail.empty());
    CHECK(figures::unit_text(o.unit) == "count");
    CHECK(figures::limit_key(o.unit) == "max_count");
    CHECK(o.path == "budgets[" + std::to_string(i) + "]");
  }
  CHECK(runner::verdict_code(run, false) == 1);
}

TEST_CASE("run-level budgets of an empty run count zero and hold at max_count 0", "[budgets][run]") {
  auto run = run_of({});
  scenario::Scenario sc;
  sc.run_budgets = {run_budget("bottlenecks", 0, "budgets[0]"), run_budget("high_priority_opportunities", 0, "budgets[1]"),
                    run_budget("opportunities", 0, "budgets[2]")};
  runner::check_budgets(sc, run);
  REQUIRE(run.budgets.size() == 3);
  for (const auto& o : run.budgets) {
    INFO(o.metric);
    CHECK(o.actual == 0);
    CHECK(o.passed);
  }
  CHECK(runner::verdict_code(run, false) == 0);
  CHECK(runner::verdict_code(run, true) == 4);
}

TEST_CASE("run-level budgets follow the operation budgets and are judged even when an operation failed", "[budgets][run]") {
  auto op = operation("bt");
  op.error = "query failed";
  auto run = run_of({op});
  run.bottlenecks = {"a", "b"};
  auto sc = scenario_with("bt", {budget("time", "median", "max", "max_ms", 50)});
  sc.run_budgets = {run_budget("bottlenecks", 1, "budgets[0]")};
  runner::check_budgets(sc, run);
  REQUIRE(run.budgets.size() == 2);
  CHECK(run.budgets[0].operation == "bt");
  CHECK_FALSE(run.budgets[0].available);
  CHECK(run.budgets[1].metric == "bottlenecks");
  CHECK(run.budgets[1].available);
  CHECK(run.budgets[1].actual == 2);
  CHECK_FALSE(run.budgets[1].passed);
  CHECK(runner::verdict_code(run, false) == 3);  // the failed operation outranks the failed budget
}

TEST_CASE("run-level budgets judge what analyse found in a hand-built run", "[budgets][run][analyse]") {
  scenario::Scenario sc = scenario_with("bt", {});
  sc.thresholds.hotspot_top_n = 2;  // only the first two hotspots count
  // Defaults: hotspot Medium > 0.1 s, High > 1.0 s; memory Medium > 100 MB, High > 500 MB;
  // slow load > 0.8 s; memory per 1k bars > 3.0 MB.
  auto bt = operation("bt", "backtest");
  bt.top_by_cumulative = {{"strategy_loop", 1.5, 0.4, 10, 0.15},   // High
                          {"indicator", 0.5, 0.5, 100, 0.005},     // Medium
                          {"fills", 0.2, 0.2, 1000, 0.0002}};      // over 0.1 s but third of top 2
  bt.figures["peak_memory"] = figure("MB", {300, 600});            // max 600 > 500: High
  // memory per 1k bars: case maxima 4 and 3, mean 3.5 > 3.0: a bottleneck.
  bt.cases.push_back(one_case("c1", "memory_per_1k_bars", "MB/1k bars", {2, 4}));
  bt.cases.push_back(one_case("c2", "memory_per_1k_bars", "MB/1k bars", {3}));
  auto load = operation("load", "data_load");
  load.cases.push_back(one_case("AAPL 2022", "time", "s", {1.1, 0.9, 1.0}));  // median 1.0 > 0.8
  auto run = run_of({bt, load});
  run.opportunities = {opportunity(report::Priority::high), opportunity(report::Priority::high), opportunity(report::Priority::high), opportunity(report::Priority::high)};  // stale

  runner::analyse(sc, run);
  CHECK(run.profiling_areas == 2);
  REQUIRE(run.opportunities.size() == 3);
  CHECK(run.opportunities[0].function == "strategy_loop");
  CHECK(run.opportunities[0].priority == report::Priority::high);
  CHECK(run.opportunities[1].function == "indicator");
  CHECK(run.opportunities[1].priority == report::Priority::medium);
  CHECK(run.opportunities[2].issue == "High memory usage");
  CHECK(run.opportunities[2].figure == "600.0 MB peak");
  CHECK(run.opportunities[2].priority == report::Priority::high);
  REQUIRE(run.bottlenecks.size() == 3);
  CHECK(run.bottlenecks[0] == "High-priority performance issues in backtest execution");
  CHECK(run.bottlenecks[1] == "Slow data loading operations (load: AAPL 2022: 1.000 s)");
  CHECK(run.bottlenecks[2] == "High memory usage per data point (bt: 3.50 MB per 1,000 bars)");
  CHECK(run.priorities.size() == 3);

  sc.run_budgets = {run_budget("bottlenecks", 2, "budgets[0]"),                  // 3 > 2
                    run_budget("high_priority_opportunities", 2, "budgets[1]"),  // 2 <= 2
                    run_budget("opportunities", 3, "budgets[2]")};               // 3 <= 3
  runner::check_budgets(sc, run);
  REQUIRE(run.budgets.size() == 3);
  CHECK(run.budgets[0].actual == 3);
  CHECK_FALSE(run.budgets[0].passed);
  CHECK(run.budgets[1].actual == 2);
  CHECK(run.budgets[1].passed);
  CHECK(run.budgets[2].actual == 3);
  CHECK(run.budgets[2].passed);
  CHECK(runner::verdict_code(run, true) == 1);  // the failed budget outranks the regression
}
