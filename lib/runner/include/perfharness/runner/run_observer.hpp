#pragma once
// What a run tells whoever drives it, as it happens. The library never writes to the terminal:
// the command-line app draws the progress line, prints the tables and the summary from these
// calls (apps/perfharness/terminal.cpp); a test or an embedding program may ignore them.
#include <string>
#include <vector>

#include "perfharness/report/compare.hpp"
#include "perfharness/report/run_result.hpp"

namespace ph::runner {

class RunObserver {
 public:
  virtual ~RunObserver() = default;

  /// The scenario has problems, one formatted line each; run_scenario then throws InputError.
  virtual void scenario_problems(const std::vector<std::string>& /*lines*/) {}
  /// Round `round` (1-based) of `rounds` of `operation` starts; warm-up rounds are not measured.
  virtual void repetition_starting(int /*round*/, int /*rounds*/, const std::string& /*operation*/, bool /*measured*/) {}
  /// Every repetition has run (or SIGINT stopped them).
  virtual void repetitions_done() {}
  /// Worker process `worker` (1-based) of `workers` starts timing the operations (docs/compare.md).
  virtual void worker_starting(int /*worker*/, int /*workers*/) {}
  /// The timing figures of `operations` look regressed against the baseline: they are measured
  /// again in fresh worker processes (worker_starting tells of each) before they count.
  virtual void confirming(const std::vector<std::string>& /*operations*/) {}
  /// The run was compared with --baseline.
  virtual void compared(const report::ComparisonResult& /*result*/) {}
  /// Every output is written; `run` is final.
  virtual void finished(const report::RunResult& /*run*/) {}
};

}  // namespace ph::runner
