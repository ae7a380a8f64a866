// The console summary: cases slowest first with their relative speed, budget lines with the
// sign that is true and the case that decided them, plurals, and noise warnings only where
// noise could change what the run concludes (all of them with -v). The whole format is pinned
// by tests/data/golden/summary.txt (test_golden.cpp).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "perfharness/report/noise.hpp"
#include "perfharness/report/reporter.hpp"
#include "report_test_util.hpp"

using namespace ph;
using namespace ph::report;
using namespace ph::report::test;

namespace {

std::string summary_of(const RunResult& run, ConsoleSummaryOptions options = {}) {
  std::ostringstream out;
  write_console_summary(out, run, options);
  return out.str();
}

std::size_t occurrences_in_summary(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

CaseResult timed_case(const std::string& label, std::vector<double> seconds) {
  CaseResult c;
  c.label = label;
  c.figures["time"] = figure("s", std::move(seconds));
  c.figures["peak_memory"] = figure("MB", {0.5, 0.75});
  return c;
}

// One backtest operation with three cases, medians 100, 300 and 200 ms.
RunResult three_case_run() {
  RunResult run;
  run.scenario.name = "cases";
  run.complete = true;
  OperationResult op;
  op.name = "bt";
  op.repetitions = 1;
  op.cases = {timed_case("sma_cross AAA", {0.1}), timed_case("rsi AAA", {0.3}), timed_case("macd AAA", {0.2})};
  op.figures["time"] = figure("s", {0.6});
  run.operations.push_back(op);
  return run;
}

}  // namespace

TEST_CASE("the console lists an operation's cases slowest first, relative to the fastest", "[console]") {
  const std::string text = summary_of(three_case_run());
  INFO(text);
  const auto rsi = text.find("rsi AAA"), macd = text.find("macd AAA"), sma = text.find("sma_cross AAA");
  REQUIRE(rsi != std::string::npos);
  REQUIRE(macd != std::string::npos);
  REQUIRE(sma != std::string::npos);
  CHECK(rsi < macd);
  CHECK(macd < sma);
  CHECK(text.substr(rsi, text.find('\n', rsi) - rsi).find("3.00× slower") != std::string::npos);
  CHECK(text.substr(macd, text.find('\n', macd) - macd).find("2.00× slower") != std::string::npos);
  CHECK(text.substr(sma, text.find('\n', sma) - sma).find("fastest") != std::string::npos);
  CHECK(text.find("768 KiB") != std::string::npos);  // each case's peak memory, its largest sample
  CHECK(text.find("[backtest, 3 cases, 1 run]") != std::string::npos);
  CHECK(text.find("1 runs") == std::string::npos);
  CHECK(text.find("median ± MAD") != std::string::npos);  // the legend of ±
}

TEST_CASE("the console shows the ten slowest cases and counts the rest", "[console]") {
  RunResult run = three_case_run();
  auto& cases = run.operations[0].cases;
  cases.clear();
  for (int i = 1; i <= 13; ++i) cases.push_back(timed_case("case" + std::to_string(i), {0.001 * i}));
  const std::string text = summary_of(run);
  INFO(text);
  CHECK(text.find("case13 ") != std::string::npos);
  CHECK(text.find("case4 ") != std::string::npos);
  CHECK(text.find("case3 ") == std::string::npos);
  CHECK(text.find("… 3 more cases, all faster") != std::string::npos);
}

TEST_CASE("a budget line shows the sign that holds and the case that decided it", "[console]") {
  RunResult run = mixed_run();
  run.budgets[0].deciding_case = "sma_cross AAA 2022";
  const std::string text = summary_of(run);
  INFO(text);
  CHECK(text.find("✗ bt: time median, max across cases: 61.23 ms > 50 ms, decided by sma_cross AAA 2022\n") !=
        std::string::npos);
  CHECK(text.find("✗ bt: instructions median, max across cases: 1,000,001 instructions > 1,000,000 instructions\n") !=
        std::string::npos);
  CHECK(text.find("✓ bt: peak_memory median, max across cases: 13 MiB <= 100 MiB\n") != std::string::npos);
  CHECK(text.find("✓ run: bottlenecks: 0 <= 0\n") != std::string::npos);
  CHECK(occurrences_in_summary(text, "decided by") == 1);
  // A sweep case also names its slowest parameter set.
  run.budgets[0].slowest_parameter_set = "fast=8, slow=30";
  CHECK(summary_of(run).find("61.23 ms > 50 ms, decided by sma_cross AAA 2022 (slowest parameter set: fast=8, slow=30)\n") !=
        std::string::npos);
}

TEST_CASE("noise warnings show only where noise could tip a budget or a comparison", "[console]") {
  RunResult run = three_case_run();
  OperationResult& op = run.operations[0];
  op.repetitions = 5;
  op.figures["time"] = figure("s", {0.1, 0.2, 0.1, 0.3, 0.1});  // MAD 0 around 0.1, two outliers
  op.warnings = noise_warnings(op);
  op.warnings.push_back("1 repetition was interrupted and is not kept");
  REQUIRE(op.warnings.size() == 2);
  const std::string noise = "bt: " + op.warnings[0];

  BudgetOutcome far = budget("bt", "time", figures::LimitUnit::ms, 1000, 300);
  far.deciding_case = "rsi AAA";
  run.budgets = {far};
  std::string text = summary_of(run);
  INFO(text);
  CHECK(text.find(noise) == std::string::npos);
  CHECK(text.find("bt: 1 repetition was interrupted") != std::string::npos);
  CHECK(text.find("(1 noise warning about timings") != std::string::npos);
  CHECK_FALSE(noise_could_change_verdict(run, op));

  // -v shows it.
  text = summary_of(run, {.all_warnings = true});
  CHECK(text.find(noise) != std::string::npos);
  CHECK(text.find("noise warning about") == std::string::npos);

  // rsi's runs spread by 50 ms; a limit 200 ms above its median is within 5 MADs.
  op.cases[1].figures["time"] = figure("s", {0.25, 0.3, 0.35, 0.3, 0.3, 0.2, 0.4});
  run.budgets[0].limit = 450;
  CHECK(noise_could_change_verdict(run, op));
  CHECK(summary_of(run).find(noise) != std::string::npos);
  run.budgets[0].limit = 700;
  CHECK_FALSE(noise_could_change_verdict(run, op));

  // A comparison that did not end unchanged: noise could have made it.
  ComparisonResult cmp;
  FigureComparison moved;
  moved.operation = "bt";
  moved.figure = "time";
  moved.verdict = Verdict::regressed;
  cmp.comparisons = {moved};
  run.comparison = BaselineComparison{"base.json", {}, cmp};
  CHECK(noise_could_change_verdict(run, op));
  run.comparison->result.comparisons[0].verdict = Verdict::unchanged;
  CHECK_FALSE(noise_could_change_verdict(run, op));
}
