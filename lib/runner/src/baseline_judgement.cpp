#include "baseline_judgement.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <spdlog/spdlog.h>

#include "history_baseline.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/report/baseline.hpp"
#include "worker_processes.hpp"

namespace ph::runner {
namespace {

// The operations that look regressed in timing are measured again in fresh worker processes, as
// the first time, and judged again against the same baseline: a regression stands only when the
// second judgement agrees.
void confirm_regressions(const RunOptions& options, const scenario::Scenario& sc, const report::Baseline& baseline,
                         const report::CompareOptions& co, int threads, const std::atomic<bool>& interrupted,
                         const report::RunResult& run, report::ComparisonResult& result, RunObserver& observer) {
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
  report::apply_confirmation(result, baseline.judge(again, every_case), names);
}

}  // namespace

void check_baseline(const RunOptions& options, const scenario::Scenario& sc) {
  if (!options.baseline) return;
  const std::filesystem::path& path = *options.baseline;
  if (path == options.history || path == options.db) return;  // created at the start when missing
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw InputError(path.string() + ": cannot open the baseline (a report or a history database); check the path");
  if (options.allow_nothing_compared || is_sqlite_file(path)) return;
  // A gate that compares nothing passes whatever the code does (after a rename, say).
  const std::vector<std::string> names = report::Baseline::from_file(path.string()).operation_names();
  for (const auto& op : sc.operations)
    if (std::binary_search(names.begin(), names.end(), op.name)) return;
  std::string theirs;
  for (const auto& n : names) theirs += (theirs.empty() ? "" : ", ") + n;
  throw InputError(path.string() + ": none of the scenario's operations is in the baseline report (it holds " +
                   (theirs.empty() ? std::string("none") : theirs) +
                   "), so nothing would be compared; use a report of this scenario, or pass --allow-nothing-compared");
}

bool compare_with_baseline(const RunOptions& options, const scenario::Scenario& sc, const BaselineJudgement& how,
                           const std::atomic<bool>& interrupted, report::RunResult& run, RunObserver& observer) {
  const auto& source = options.baseline ? options.baseline : options.history;
  if (!source) return false;
  const ResolvedBaseline resolved = resolve_baseline(*source, run, options.baseline_runs);
  report::CompareOptions co;
  co.threshold = options.regression_threshold_pct / 100.0;
  co.alpha = options.regression_alpha;
  co.gate = how.gate_instructions ? report::Gate::instructions : report::Gate::all;
  co.base_label = resolved.label;
  co.new_label = "this run";
  report::ComparisonResult result = report::ComparisonResult::judged_by(co);
  if (resolved.baseline) {
    result = resolved.baseline->judge(run, co);
    if (how.confirm && !interrupted)
      confirm_regressions(options, sc, *resolved.baseline, co, how.threads, interrupted, run, result, observer);
  }
  result.warnings.insert(result.warnings.begin(), resolved.notes.begin(), resolved.notes.end());
  for (const auto& w : result.warnings) run.warnings.push_back("baseline: " + w);
  observer.compared(result);
  const bool regressed = result.regressions > 0;
  run.comparison = report::BaselineComparison{source->string(), resolved.runs, std::move(result)};
  return regressed;
}

}  // namespace ph::runner
