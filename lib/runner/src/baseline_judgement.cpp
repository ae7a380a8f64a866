#include "baseline_judgement.hpp"

#include <spdlog/spdlog.h>

#include "perfharness/report/baseline.hpp"
#include "worker_processes.hpp"

namespace ph::runner {
namespace {

// The operations that look regressed in timing are measured again in fresh worker processes, as
// the first time, and judged again against the same baseline: a regression stands only when the
// second judgement agrees.
void confirm_regressions(const RunOptions& options, const scenario::Scenario& sc, const report::CompareOptions& co,
                         int threads, const std::atomic<bool>& interrupted, const report::RunResult& run,
                         report::ComparisonResult& result, RunObserver& observer) {
  const std::vector<std::string> names = report::operations_to_confirm(result);
  if (names.empty()) return;
  spdlog::debug("confirming {} operation(s) that look slower in fresh worker processes", names.size());
  observer.confirming(names);
  auto timings = time_in_workers(options, sc, names, threads, interrupted, observer);
  if (interrupted) return;
  report::RunResult again = run;
  for (auto& [i, t] : timings) put_timings(again.operations.at(i), std::move(t));
  report::CompareOptions every_case = co;
  every_case.every_case = true;
  const report::ComparisonResult second = report::compare_with_baseline_file(options.baseline->string(), again, every_case);
  report::apply_confirmation(result, second, names);
}

}  // namespace

bool compare_with_baseline(const RunOptions& options, const scenario::Scenario& sc, const BaselineJudgement& how,
                           const std::atomic<bool>& interrupted, report::RunResult& run, RunObserver& observer) {
  if (!options.baseline) return false;
  report::CompareOptions co;
  co.threshold = options.regression_threshold_pct / 100.0;
  co.alpha = options.regression_alpha;
  co.gate = how.gate_instructions ? report::Gate::instructions : report::Gate::all;
  co.base_label = options.baseline->string();
  co.new_label = "this run";
  report::ComparisonResult result = report::compare_with_baseline_file(options.baseline->string(), run, co);
  if (how.confirm && run.complete && !interrupted)
    confirm_regressions(options, sc, co, how.threads, interrupted, run, result, observer);
  for (const auto& w : result.warnings) run.warnings.push_back("baseline: " + w);
  observer.compared(result);
  const bool regressed = result.regressions > 0;
  run.comparison = report::BaselineComparison{options.baseline->string(), std::move(result)};
  return regressed;
}

}  // namespace ph::runner
