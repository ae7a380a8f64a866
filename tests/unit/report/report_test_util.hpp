#pragma once
// Hand-built run results for the reporters, and the real programs CI systems read them with.
#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include <sys/wait.h>

#include "perfharness/report/run_result.hpp"

namespace ph::report::test {

inline Figure figure(const std::string& unit, std::vector<double> samples, bool exact = false) {
  Figure f;
  f.unit = unit;
  f.samples = std::move(samples);
  f.exact = exact;
  return f;
}

inline BudgetOutcome budget(const std::string& operation, const std::string& metric, figures::LimitUnit unit,
                            double limit, double actual, bool available = true) {
  BudgetOutcome b;
  b.operation = operation;
  b.metric = metric;
  b.statistic = operation.empty() ? stats::Statistic::max : stats::Statistic::median;
  b.across = stats::Across::max;
  b.unit = unit;
  b.limit = limit;
  b.actual = actual;
  b.available = available;
  b.passed = available && actual <= limit;
  b.path = operation.empty() ? "budgets[0]" : "operations[0].budgets[0]";
  b.detail = available ? "2 cases; worst: sma_cross AAA" : "figure was not measured";
  return b;
}

/// A run with a passed, a failed and an unavailable budget, a failed operation and a regression.
inline RunResult mixed_run(const std::string& operation = "bt") {
  RunResult run;
  run.tool.version = "0.1.0";
  run.scenario.name = "suite";
  run.scenario.path = "suite.yaml";
  run.scenario.sha256 = "ab12";
  run.environment.host = "ci-runner-7";
  run.started_at = "2026-11-29T10:00:00Z";
  run.elapsed_s = 12.3456;
  OperationResult op;
  op.name = operation;
  op.kind = OperationKind::Backtest;
  op.repetitions = 3;
  op.figures["time"] = figure("s", {0.5, 0.25, 0.25});
  op.figures["instructions"] = figure("count", {1000001}, true);
  op.figures["peak_memory"] = figure("MB", {12, 14, 13});
  run.operations.push_back(op);
  OperationResult broken;
  broken.name = "load";
  broken.kind = OperationKind::DataLoad;
  broken.error = "prices.csv: not found";
  run.operations.push_back(broken);
  run.budgets.push_back(budget(operation, "time", figures::LimitUnit::ms, 50, 61.2345));
  run.budgets.push_back(budget(operation, "instructions", figures::LimitUnit::instructions, 1000000, 1000001));
  run.budgets.push_back(budget(operation, "peak_memory", figures::LimitUnit::mb, 100, 13));
  run.budgets.push_back(budget(operation, "allocations", figures::LimitUnit::count, 10, 0, false));
  run.budgets.push_back(budget("", "bottlenecks", figures::LimitUnit::count, 0, 0));
  ComparisonResult cmp;
  cmp.regressions = 1;
  FigureComparison time;
  time.operation = operation;
  time.figure = "time";
  time.unit = "s";
  time.base_median = 0.125;
  time.new_median = 0.25;
  time.change = 1.0;
  time.p_value = 0.012;
  time.verdict = Verdict::regressed;
  time.reason = "significant";
  FigureComparison peak = time;
  peak.figure = "peak_memory";
  peak.unit = "MB";
  peak.base_median = peak.new_median = 13;
  peak.change = 0.0;
  peak.p_value = 1.0;
  peak.verdict = Verdict::unchanged;
  peak.reason = "-";
  cmp.comparisons = {time, peak};
  run.comparison = BaselineComparison{"base.json", {}, cmp};
  run.exit_code = 3;
  run.complete = false;  // the failed operation measured nothing
  return run;
}

struct CommandOutput {
  int status = -1;
  std::string text;  // stdout and stderr
};

inline CommandOutput run_command(const std::string& command) {
  CommandOutput out;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.text.append(buf.data(), n);
  const int status = pclose(p);
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace ph::report::test
