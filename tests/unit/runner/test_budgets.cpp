// Operation budgets judged on hand-built results: every `across` mode, the statistic over
// repetitions, ms/s conversion both ways, the limit itself passing, and the defaults the
// scenario loader fills in. Unavailable budgets are in test_unavailable.cpp. Every expected
// value is worked out by hand in the comments next to it.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "scratch_folder.hpp"
#include "analysis.hpp"
#include "runner_test_util.hpp"

using namespace ph;
using namespace ph::runner::test;

namespace {

// Three cases of wall time in seconds, deliberately listed out of order within each case:
//            sorted samples (s)        min  median  mean   max   (in ms)
//   alpha    0.010 0.020 0.090          10    20     40     90
//   beta     0.050 0.060 0.070          50    60     60     70
//   gamma    0.025 0.035 0.045          25    35     35     45
// The operation as a whole: 0.120 0.135 0.150 s, median 135 ms, max 150 ms.
report::OperationResult three_cases() {
  auto op = operation("bt");
  op.cases.push_back(one_case("alpha", "time", "s", {0.090, 0.010, 0.020}));
  op.cases.push_back(one_case("beta", "time", "s", {0.070, 0.050, 0.060}));
  op.cases.push_back(one_case("gamma", "time", "s", {0.045, 0.035, 0.025}));
  op.figures["time"] = figure("s", {0.150, 0.120, 0.135});
  return op;
}

/// The single outcome of a one-case operation measuring `metric` in `unit`.
report::BudgetOutcome judge_single(const std::string& metric, const std::string& unit, std::vector<double> samples,
                                   const std::string& limit_key, double limit, const std::string& across = "max") {
  auto op = operation("op");
  op.cases.push_back(one_case("only", metric, unit, samples));
  op.figures[metric] = figure(unit, std::move(samples));
  return judge_one(op, budget(metric, "median", across, limit_key, limit));
}

}  // namespace

TEST_CASE("across modes over three cases judged by their median in ms", "[budgets][across]") {
  // Per-case medians in ms: alpha 20, beta 60, gamma 35.
  struct Row {
    const char* across;
    double actual;       // in ms
    bool passed;         // against max_ms 50
    const char* detail;
    const char* deciding_case;  // whose median is the actual, when one case's is
  };
  const Row rows[] = {
      {"max", 60, false, "3 cases; worst: beta", "beta"},           // the worst case
      {"mean", 115.0 / 3, true, "3 cases; worst: beta", ""},        // (20 + 60 + 35) / 3 = 38.33
      {"min", 20, true, "3 cases; worst: beta", "alpha"},           // the best case
      {"sum", 115, false, "3 cases; worst: beta", ""},              // 20 + 60 + 35
      {"total", 135, false, "operation as a whole", ""},            // median of the operation's own figure
  };
  for (const Row& row : rows) {
    INFO("across: " << row.across);
    const auto o = judge_one(three_cases(), budget("time", "median", row.across, "max_ms", 50, "operations[0].budgets[3]"));
    CHECK(o.available);
    CHECK(o.actual == Approx(row.actual).epsilon(kEps));
    CHECK(o.passed == row.passed);
    CHECK(o.detail == row.detail);
    CHECK(o.deciding_case == row.deciding_case);
    CHECK(ph::stats::to_string(o.across) == row.across);
    CHECK(o.operation == "bt");
    CHECK(o.metric == "time");
    CHECK(o.statistic == ph::stats::Statistic::median);
    CHECK(figures::unit_text(o.unit) == "ms");
    CHECK(figures::limit_key(o.unit) == "max_ms");
    CHECK(o.limit == 50);
    CHECK(o.path == "operations[0].budgets[3]");
  }
}

TEST_CASE("a time budget a sweep case decided names the case's slowest parameter set", "[budgets][across]") {
  // Two sweep cases of two parameter sets each; "late" is the worst case (median 60 ms), and its
  // second set (fast=8, slow=30) took longest of its sets (0.004 s against 0.002 s).
  auto op = operation("grid", "sweep");
  for (const auto& [label, samples, seconds] :
       {std::tuple{"early", std::vector<double>{0.020, 0.030, 0.040}, std::vector<double>{0.003, 0.001}},
        std::tuple{"late", std::vector<double>{0.050, 0.060, 0.070}, std::vector<double>{0.002, 0.004}}}) {
    auto c = one_case(label, "time", "s", samples);
    c.parameter_set_seconds = seconds;
    report::SweepOutcome sweep;
    sweep.parameter_names = {"fast", "slow"};
    sweep.parameter_values = {5, 20, 8, 30};
    c.results = sweep;
    op.cases.push_back(std::move(c));
  }
  const auto max = judge_one(op, budget("time", "median", "max", "max_ms", 50));
  CHECK(max.deciding_case == "late");
  CHECK(max.slowest_parameter_set == "fast=8, slow=30");
  // Across min the best case decided: "early", whose first set (fast=5, slow=20) was slowest.
  const auto min = judge_one(op, budget("time", "median", "min", "max_ms", 50));
  CHECK(min.deciding_case == "early");
  CHECK(min.slowest_parameter_set == "fast=5, slow=20");
  // A mean over cases has no deciding case, so no parameter set either.
  CHECK(judge_one(op, budget("time", "median", "mean", "max_ms", 50)).slowest_parameter_set.empty());
  // Memory is not what a set's time explains.
  for (auto& c : op.cases) c.figures["peak_memory"] = figure("MB", {1, 2, 3});
  const auto memory = judge_one(op, budget("peak_memory", "median", "max", "max_mb", 50));
  CHECK_FALSE(memory.deciding_case.empty());
  CHECK(memory.slowest_parameter_set.empty());
}

TEST_CASE("the statistic over repetitions decides which case is worst", "[budgets][across]") {
  // Per-case maxima in ms: alpha 90, beta 70, gamma 45: alpha is now the worst.
  const auto worst = judge_one(three_cases(), budget("time", "max", "max", "max_ms", 80));
  CHECK(worst.actual == Approx(90).epsilon(kEps));
  CHECK_FALSE(worst.passed);
  CHECK(worst.detail == "3 cases; worst: alpha");
  CHECK(worst.deciding_case == "alpha");
  // Per-case minima: 10, 50, 25. Sum 85, mean 85 / 3 = 28.33.
  const auto sum = judge_one(three_cases(), budget("time", "min", "sum", "max_ms", 80));
  CHECK(sum.actual == Approx(85).epsilon(kEps));
  CHECK_FALSE(sum.passed);
  const auto mean = judge_one(three_cases(), budget("time", "min", "mean", "max_ms", 30));
  CHECK(mean.actual == Approx(85.0 / 3).epsilon(kEps));
  CHECK(mean.passed);
  CHECK(mean.detail == "3 cases; worst: beta");
  // p95 of alpha: h = 2 * 0.95 = 1.9 -> 0.020 + 0.9 * (0.090 - 0.020) = 0.083 s = 83 ms;
  // beta 0.060 + 0.9 * 0.010 = 69 ms; gamma 0.035 + 0.9 * 0.010 = 44 ms.
  const auto p95 = judge_one(three_cases(), budget("time", "p95", "max", "max_ms", 85));
  CHECK(p95.actual == Approx(83).epsilon(1e-9));
  CHECK(p95.passed);
  CHECK(p95.detail == "3 cases; worst: alpha");
  // The operation as a whole by its maximum: 150 ms.
  const auto total = judge_one(three_cases(), budget("time", "max", "total", "max_ms", 150));
  CHECK(total.actual == Approx(150).epsilon(kEps));
  CHECK(total.passed);  // equal to the limit
}

TEST_CASE("the worst case is named wherever it stands in the list", "[budgets][across]") {
  // Worst first, worst last, and a tie (the first of the tied cases is named).
  auto first = operation("op");
  first.cases.push_back(one_case("big", "peak_memory", "MB", {300}));
  first.cases.push_back(one_case("small", "peak_memory", "MB", {100}));
  first.cases.push_back(one_case("medium", "peak_memory", "MB", {200}));
  CHECK(judge_one(first, budget("peak_memory", "max", "max", "max_mb", 250)).detail == "3 cases; worst: big");

  auto last = operation("op");
  last.cases.push_back(one_case("small", "peak_memory", "MB", {100}));
  last.cases.push_back(one_case("medium", "peak_memory", "MB", {200}));
  last.cases.push_back(one_case("big", "peak_memory", "MB", {300}));
  const auto o = judge_one(last, budget("peak_memory", "max", "max", "max_mb", 250));
  CHECK(o.detail == "3 cases; worst: big");
  CHECK(o.actual == 300);
  CHECK(figures::unit_text(o.unit) == "MB");

  auto tie = operation("op");
  tie.cases.push_back(one_case("one", "peak_memory", "MB", {100}));
  tie.cases.push_back(one_case("two", "peak_memory", "MB", {300}));
  tie.cases.push_back(one_case("three", "peak_memory", "MB", {300}));
  CHECK(judge_one(tie, budget("peak_memory", "max", "max", "max_mb", 250)).detail == "3 cases; worst: two");
}

TEST_CASE("cases without the figure are left out of the across statistic", "[budgets][across]") {
  // Only alpha (20 ms) and gamma (35 ms) measured time; beta measured something else and
  // delta has an empty sample list. Sum 55, mean 27.5, worst gamma.
  auto op = operation("op");
  op.cases.push_back(one_case("alpha", "time", "s", {0.020}));
  op.cases.push_back(one_case("beta", "cpu_time", "s", {0.500}));
  op.cases.push_back(one_case("gamma", "time", "s", {0.035}));
  op.cases.push_back(one_case("delta", "time", "s", {}));
  const auto sum = judge_one(op, budget("time", "median", "sum", "max_ms", 50));
  CHECK(sum.actual == Approx(55).epsilon(kEps));
  CHECK_FALSE(sum.passed);
  CHECK(sum.detail == "2 cases; worst: gamma");
  const auto mean = judge_one(op, budget("time", "median", "mean", "max_ms", 50));
  CHECK(mean.actual == Approx(27.5).epsilon(kEps));
  CHECK(mean.passed);
}

TEST_CASE("without per-case figures every across mode judges the operation as a whole", "[budgets][across]") {
  // A persistence operation has no cases: save_time 40, 60, 50 ms, median 50 ms = 0.05 s.
  auto op = operation("db", "persistence");
  op.figures["save_time"] = figure("ms", {40, 60, 50});
  for (const char* across : {"max", "mean", "min", "sum", "total"}) {
    INFO("across: " << across);
    const auto o = judge_one(op, budget("save_time", "median", across, "max_s", 0.05));
    CHECK(o.available);
    CHECK(o.actual == Approx(0.05).epsilon(kEps));
    CHECK(o.passed);  // equal to the limit
    CHECK(figures::unit_text(o.unit) == "s");
    CHECK(o.detail == "operation as a whole");
  }
}

TEST_CASE("a figure in s judged against max_ms is converted to ms", "[budgets][units]") {
  for (const char* across : {"max", "total"}) {  // the per-case and the whole-operation paths
    INFO("across: " << across);
    const auto under = judge_single("time", "s", {0.040}, "max_ms", 50, across);
    CHECK(under.actual == Approx(40).epsilon(kEps));
    CHECK(under.passed);
    const auto over = judge_single("time", "s", {0.060}, "max_ms", 50, across);
    CHECK(over.actual == Approx(60).epsilon(kEps));
    CHECK_FALSE(over.passed);
    const auto equal = judge_single("time", "s", {0.050}, "max_ms", 50, across);
    CHECK(equal.actual == Approx(50).epsilon(kEps));
    CHECK(equal.passed);  // 0.050 * 1000 is exactly 50.0 in binary; <= holds
    CHECK(figures::unit_text(equal.unit) == "ms");
    // The only case decides a per-case budget, whatever the mode; the whole operation, none.
    CHECK(over.deciding_case == (std::string(across) == "total" ? "" : "only"));
  }
}

TEST_CASE("a figure in ms judged against max_s is converted to s", "[budgets][units]") {
  for (const char* across : {"max", "total"}) {
    INFO("across: " << across);
    const auto under = judge_single("time", "ms", {40}, "max_s", 0.05, across);
    CHECK(under.actual == Approx(0.040).epsilon(kEps));
    CHECK(under.passed);
    const auto over = judge_single("time", "ms", {60}, "max_s", 0.05, across);
    CHECK(over.actual == Approx(0.060).epsilon(kEps));
    CHECK_FALSE(over.passed);
    const auto equal = judge_single("time", "ms", {50}, "max_s", 0.05, across);
    CHECK(equal.actual == Approx(0.05).epsilon(kEps));
    CHECK(equal.passed);  // 50 / 1000 rounds to the same double as the literal 0.05
    CHECK(figures::unit_text(equal.unit) == "s");
  }
}

TEST_CASE("figures already in the budget's unit are not converted", "[budgets][units]") {
  const auto s = judge_single("time", "s", {0.060}, "max_s", 0.05);
  CHECK(s.actual == Approx(0.060).epsilon(kEps));
  CHECK_FALSE(s.passed);
  const auto ms = judge_single("time", "ms", {40}, "max_ms", 50);
  CHECK(ms.actual == Approx(40).epsilon(kEps));
  CHECK(ms.passed);
  const auto mb = judge_single("peak_memory", "MB", {120}, "max_mb", 100);
  CHECK(mb.actual == 120);
  CHECK_FALSE(mb.passed);
  CHECK(figures::unit_text(mb.unit) == "MB");
  const auto per_1k = judge_single("memory_per_1k_bars", "MB/1k bars", {2.5}, "max_mb_per_1k_bars", 2.5);
  CHECK(per_1k.actual == 2.5);
  CHECK(per_1k.passed);
  CHECK(figures::unit_text(per_1k.unit) == "MB/1k bars");
  const auto count = judge_single("slow_queries", "count", {7}, "max_count", 5);
  CHECK(count.actual == 7);
  CHECK_FALSE(count.passed);
  CHECK(figures::unit_text(count.unit) == "count");
  const auto instructions = judge_single("instructions", "instructions", {1e9}, "max_instructions", 2e9);
  CHECK(instructions.actual == 1e9);
  CHECK(instructions.passed);
  CHECK(figures::unit_text(instructions.unit) == "instructions");
}

TEST_CASE("cases in different units are each converted before they are compared", "[budgets][units]") {
  // alpha 0.030 s = 30 ms, beta 45 ms: worst beta 45, sum 75.
  auto op = operation("op");
  op.cases.push_back(one_case("alpha", "time", "s", {0.030}));
  op.cases.push_back(one_case("beta", "time", "ms", {45}));
  const auto worst = judge_one(op, budget("time", "median", "max", "max_ms", 50));
  CHECK(worst.actual == Approx(45).epsilon(kEps));
  CHECK(worst.passed);
  CHECK(worst.detail == "2 cases; worst: beta");
  const auto sum = judge_one(op, budget("time", "median", "sum", "max_s", 0.07));
  CHECK(sum.actual == Approx(0.075).epsilon(kEps));
  CHECK_FALSE(sum.passed);
}

TEST_CASE("check_budgets replaces earlier outcomes and skips operations the scenario lacks", "[budgets]") {
  auto judged = three_cases();                  // "bt", in the scenario
  auto unknown = operation("not_in_scenario");  // has a figure, but no budgets anywhere
  unknown.figures["time"] = figure("s", {10.0});
  auto run = run_of({unknown, judged});
  run.budgets.push_back(outcome(true, false, "stale"));
  runner::check_budgets(scenario_with("bt", {budget("time", "median", "max", "max_ms", 100)}), run);
  REQUIRE(run.budgets.size() == 1);
  CHECK(run.budgets[0].operation == "bt");
  CHECK(run.budgets[0].passed);  // worst median 60 ms <= 100
  CHECK(runner::verdict_code(run, false) == 0);
}

TEST_CASE("budgets loaded from a scenario default to median for time and max for memory across max", "[budgets][defaults]") {
  ph_test::ScratchFolder scratch("ph-budgets-test");
  const auto file = scratch.file("defaults.yaml");
  std::ofstream(file) << R"(name: defaults
data:
  synthetic: {first_date: 2022-01-01, last_date: 2022-12-31}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross]
    symbols: [AAPL]
    ranges: [{start: 2022-01-01, end: 2022-12-31}]
    budgets:
      - {metric: time, max_ms: 50}
      - {metric: peak_memory, max_mb: 100}
)";
  const auto loaded = scenario::load_scenario(file);
  std::string problems;
  for (const auto& p : loaded.problems) problems += p.format() + "\n";
  INFO(problems);
  REQUIRE(loaded.problems.empty());
  REQUIRE(loaded.scenario);
  const auto& budgets = loaded.scenario->operations.at(0).budgets;
  REQUIRE(budgets.size() == 2);
  CHECK(budgets[0].statistic == ph::stats::Statistic::median);
  CHECK(budgets[0].across == ph::stats::Across::max);
  CHECK(budgets[1].statistic == ph::stats::Statistic::max);
  CHECK(budgets[1].across == ph::stats::Across::max);

  // Judged: time medians 20, 60, 35 ms -> beta 60 > 50. Peak memory by its maximum:
  // alpha max(80, 120) = 120 > 100 (its median, 100, would have passed), beta 95, gamma 60.
  auto op = three_cases();
  op.cases[0].figures["peak_memory"] = figure("MB", {80, 120});
  op.cases[1].figures["peak_memory"] = figure("MB", {95, 90});
  op.cases[2].figures["peak_memory"] = figure("MB", {60});
  auto run = run_of({op});
  runner::check_budgets(*loaded.scenario, run);
  REQUIRE(run.budgets.size() == 2);
  CHECK(run.budgets[0].actual == Approx(60).epsilon(kEps));
  CHECK(run.budgets[0].detail == "3 cases; worst: beta");
  CHECK_FALSE(run.budgets[0].passed);
  CHECK(run.budgets[1].actual == 120);
  CHECK(run.budgets[1].detail == "3 cases; worst: alpha");
  CHECK_FALSE(run.budgets[1].passed);
  CHECK(run.budgets[1].path == "operations[0].budgets[1]");
}
