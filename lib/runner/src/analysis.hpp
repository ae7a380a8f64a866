#pragma once
// The seed suite's judgement, made explicit: optimization opportunities,
// bottlenecks with their priorities, and budgets checked against figures.
#include "perfharness/report/run_result.hpp"
#include "perfharness/scenario/scenario.hpp"

namespace ph::runner {

/// Fills opportunities, bottlenecks, priorities and profiling_areas.
void analyse(const scenario::Scenario& sc, report::RunResult& run);

/// Checks every operation and run-level budget; fills run.budgets.
void check_budgets(const scenario::Scenario& sc, report::RunResult& run);

/// The exit code of a complete run: a failed operation (3) over a failed budget (1) over a
/// regression (4); a budget whose figure was unavailable never fails the run.
int verdict_code(const report::RunResult& run, bool regression);

/// A statistic (min, median, mean, p95, max) of samples.
double statistic(const std::vector<double>& samples, stats::Statistic s);

}  // namespace ph::runner
