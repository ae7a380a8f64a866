#pragma once
// `run --baseline FILE`: the run judged against an earlier report, timing regressions confirmed
// by a second measurement in fresh processes (docs/compare.md, "Confirmation").
#include <atomic>

#include "perfharness/report/run_result.hpp"
#include "perfharness/runner/run.hpp"
#include "perfharness/runner/run_observer.hpp"
#include "perfharness/scenario/scenario.hpp"

namespace ph::runner {

struct BaselineJudgement {
  bool gate_instructions = false;
  bool confirm = true;  // measure regressed timing figures again before they count
  int threads = 1;      // of the confirming workers
};

/// Before anything is measured: a --baseline that does not exist (and is not the --history or
/// --db file the run creates), or a baseline report that holds none of the scenario's
/// operations (unless allow_nothing_compared), stops the run with ph::InputError, rather than
/// after the work.
void check_baseline(const RunOptions& options, const scenario::Scenario& sc);

/// With --baseline (or --history): compares, confirms, records the comparison in the run and tells the
/// observer; true when a regression stands. Without --baseline: false.
bool compare_with_baseline(const RunOptions& options, const scenario::Scenario& sc, const BaselineJudgement& how,
                           const std::atomic<bool>& interrupted, report::RunResult& run, RunObserver& observer);

}  // namespace ph::runner
