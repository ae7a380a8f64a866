#pragma once
// Helpers for the runner's judgement tests: hand-built results, budgets and scenarios,
// so check_budgets() and verdict_code() can be tested without running anything.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "analysis.hpp"
#include "perfharness/report/run_result.hpp"
#include "perfharness/scenario/scenario.hpp"

namespace ph::runner::test {

inline report::Figure figure(std::string unit, std::vector<double> samples) {
  report::Figure f;
  f.unit = std::move(unit);
  f.samples = std::move(samples);
  return f;
}

/// A case measuring one figure.
inline report::CaseResult one_case(std::string label, const std::string& metric, std::string unit,
                                   std::vector<double> samples) {
  report::CaseResult c;
  c.label = std::move(label);
  c.figures[metric] = figure(std::move(unit), std::move(samples));
  return c;
}

/// A budget as the scenario loader resolves it (statistic and across filled in), named as a
/// scenario names them.
inline scenario::Budget budget(std::string metric, std::string_view statistic, std::string_view across,
                               std::string limit_key, double limit, std::string path = "operations[0].budgets[0]") {
  scenario::Budget b;
  b.metric = std::move(metric);
  b.statistic = stats::parse_statistic(statistic).value();
  b.across = stats::parse_across(across).value();
  b.unit = figures::parse_limit_key(limit_key).value();
  b.limit = limit;
  b.path = std::move(path);
  return b;
}

inline report::OperationResult operation(std::string name, std::string kind = "backtest") {
  report::OperationResult op;
  op.name = std::move(name);
  op.kind = parse_operation_kind(kind).value();
  op.repetitions = 3;
  return op;
}

/// A scenario whose only operation is `name`, holding `budgets`.
inline scenario::Scenario scenario_with(const std::string& name, std::vector<scenario::Budget> budgets) {
  scenario::Scenario sc;
  sc.name = "unit";
  scenario::Operation op;
  op.name = name;
  op.path = "operations[0]";
  op.budgets = std::move(budgets);
  sc.operations.push_back(std::move(op));
  return sc;
}

inline report::RunResult run_of(std::vector<report::OperationResult> ops) {
  report::RunResult run;
  run.operations = std::move(ops);
  return run;
}

/// A budget outcome as check_budgets() would leave it, for verdict tests.
inline report::BudgetOutcome outcome(bool available, bool passed, std::string operation = "op") {
  report::BudgetOutcome o;
  o.operation = std::move(operation);
  o.metric = "time";
  o.statistic = stats::Statistic::median;
  o.across = stats::Across::max;
  o.unit = figures::LimitUnit::ms;
  o.limit = 50;
  o.actual = passed ? 40 : 60;
  o.available = available;
  o.passed = passed;
  return o;
}

/// The single outcome of one budget on one operation, judged by check_budgets().
inline report::BudgetOutcome judge_one(const report::OperationResult& op, const scenario::Budget& b) {
  auto run = run_of({op});
  runner::check_budgets(scenario_with(op.name, {b}), run);
  REQUIRE(run.budgets.size() == 1);
  return run.budgets.front();
}

/// Tolerance for figures computed from exact inputs.
inline constexpr double kEps = 1e-12;

inline scenario::Scenario with_thresholds(scenario::Thresholds th) {
  scenario::Scenario sc;
  sc.thresholds = th;
  return sc;
}

/// The run of `ops` after analyse(): opportunities, bottlenecks and priorities filled in.
inline report::RunResult analysed(std::vector<report::OperationResult> ops, const scenario::Scenario& sc = {}) {
  auto run = run_of(std::move(ops));
  runner::analyse(sc, run);
  return run;
}

/// Each opportunity as "operation/function: issue (priority)".
inline std::vector<std::string> issues_of(const report::RunResult& run) {
  std::vector<std::string> out;
  for (const auto& o : run.opportunities)
    out.push_back(o.operation + "/" + o.function + ": " + o.issue + " (" + std::string(report::to_string(o.priority)) + ")");
  return out;
}

}  // namespace ph::runner::test
