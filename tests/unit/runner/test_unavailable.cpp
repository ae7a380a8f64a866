// Budgets that cannot be judged: a figure that was not measured, an operation that failed.
// They are reported unavailable (available = false, passed = false) with a detail saying why,
// and never fail the run (see test_verdict.cpp).
#include <catch2/catch.hpp>

#include <string>

#include "analysis.hpp"
#include "perfharness/profilers/heap.hpp"
#include "runner_test_util.hpp"

using namespace ph;
using namespace ph::runner::test;

TEST_CASE("a budget whose figure was not measured is unavailable and says why", "[budgets][unavailable]") {
  auto op = operation("bt");
  op.cases.push_back(one_case("alpha", "time", "s", {0.010}));
  op.figures["time"] = figure("s", {0.010});

  const auto cpu = judge_one(op, budget("cpu_time", "median", "max", "max_ms", 50));
  CHECK_FALSE(cpu.available);
  CHECK_FALSE(cpu.passed);
  CHECK(cpu.actual == 0);
  CHECK(cpu.operation == "bt");
  CHECK(cpu.detail == "figure 'cpu_time' was not measured (see the operation's warnings)");

  const auto instructions = judge_one(op, budget("instructions", "max", "max", "max_instructions", 1e9));
  CHECK_FALSE(instructions.available);
  CHECK_FALSE(instructions.passed);
  CHECK(instructions.detail == "figure 'instructions' was not measured: run with --instructions (needs valgrind)");

  for (const char* metric : {"peak_memory", "allocations", "memory_per_1k_bars"}) {
    INFO("metric: " << metric);
    const auto heap = judge_one(op, budget(metric, "max", "max", "max_mb", 100));
    CHECK_FALSE(heap.available);
    CHECK_FALSE(heap.passed);
    const std::string why = profilers::heap_tracking_active()
                                ? std::string(" (see the operation's warnings)")
                                : std::string(": heap tracking is off (") + profilers::heap_tracking_unavailable_reason() + ")";
    CHECK(heap.detail == "figure '" + std::string(metric) + "' was not measured" + why);
  }
}

TEST_CASE("across total needs the operation's own figure even when cases measured it", "[budgets][unavailable]") {
  auto op = operation("bt");
  op.cases.push_back(one_case("alpha", "time", "s", {0.010}));
  const auto o = judge_one(op, budget("time", "median", "total", "max_ms", 50));
  CHECK_FALSE(o.available);
  CHECK_FALSE(o.passed);
  CHECK(o.detail == "figure 'time' was not measured (see the operation's warnings)");

  // An operation figure with no samples is as good as none.
  op.figures["time"] = figure("s", {});
  const auto empty = judge_one(op, budget("time", "median", "total", "max_ms", 50));
  CHECK_FALSE(empty.available);
  CHECK_FALSE(empty.passed);
}

TEST_CASE("every budget of a failed operation is unavailable with operation failed", "[budgets][unavailable]") {
  // "bt" failed although it has figures that would pass (10 ms) and fail (peak 900 MB);
  // "load" did not fail and is judged as usual (20 ms > 15 ms).
  auto failed = operation("bt");
  failed.cases.push_back(one_case("alpha", "time", "s", {0.010}));
  failed.figures["time"] = figure("s", {0.010});
  failed.figures["peak_memory"] = figure("MB", {900});
  failed.error = "round-trip mismatch for id 3";
  auto fine = operation("load", "data_load");
  fine.cases.push_back(one_case("AAPL", "time", "s", {0.020}));

  scenario::Scenario sc = scenario_with("bt", {budget("time", "median", "max", "max_ms", 50),
                                               budget("peak_memory", "max", "total", "max_mb", 100)});
  scenario::Operation load;
  load.name = "load";
  load.budgets = {budget("time", "median", "max", "max_ms", 15)};
  sc.operations.push_back(load);
  auto run = run_of({failed, fine});
  runner::check_budgets(sc, run);

  REQUIRE(run.budgets.size() == 3);
  for (int i = 0; i < 2; ++i) {
    INFO("budget " << i);
    const auto& o = run.budgets[static_cast<std::size_t>(i)];
    CHECK(o.operation == "bt");
    CHECK_FALSE(o.available);
    CHECK_FALSE(o.passed);
    CHECK(o.actual == 0);
    CHECK(o.detail == "operation failed: round-trip mismatch for id 3");
  }
  CHECK(run.budgets[0].metric == "time");
  CHECK(run.budgets[1].metric == "peak_memory");
  CHECK(run.budgets[2].operation == "load");
  CHECK(run.budgets[2].available);
  CHECK(run.budgets[2].actual == Approx(20).epsilon(kEps));
  CHECK_FALSE(run.budgets[2].passed);
  CHECK(runner::verdict_code(run, false) == 3);
}

// Documents a bug (lib/runner/src/analysis.cpp, check_operation_budget): a missing heap figure is
// always blamed on heap tracking being off, with heap_tracking_unavailable_reason() in
// parentheses. When heap tracking is on (this test binary links the interposer), that reason is
// "" and the detail reads "heap tracking is off ()": false, and it hides the real cause (e.g.
// memory_per_1k_bars is only recorded for cases with bars > 0, lib/runner/src/executor.cpp).
// When the bug is fixed, the first branch should instead expect a detail that does not claim
// heap tracking is off.
TEST_CASE("an unmeasured heap figure blames heap tracking only when tracking is off", "[budgets][unavailable]") {
  auto op = operation("load", "data_load");
  op.cases.push_back(one_case("AAPL", "time", "s", {0.010}));  // no memory_per_1k_bars: 0 bars
  const auto o = judge_one(op, budget("memory_per_1k_bars", "max", "max", "max_mb_per_1k_bars", 3));
  CHECK_FALSE(o.available);
  CHECK_FALSE(o.passed);
  if (profilers::heap_tracking_active()) {
    CHECK(o.detail == "figure 'memory_per_1k_bars' was not measured (see the operation's warnings)");
  } else {
    // Sanitizer builds: tracking really is off and the reason is given.
    CHECK_FALSE(std::string(profilers::heap_tracking_unavailable_reason()).empty());
    CHECK(o.detail == std::string("figure 'memory_per_1k_bars' was not measured: heap tracking is off (") +
                          profilers::heap_tracking_unavailable_reason() + ")");
  }
}
