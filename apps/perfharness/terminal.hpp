#pragma once
// What `perfharness run` shows on the terminal while the library runs: the progress line, the
// scenario's problems, the comparison table, the console summary, and GitHub's job summary.
#include <chrono>
#include <string>
#include <vector>

#include "perfharness/runner/run_observer.hpp"

namespace ph::cli {

enum class Verbosity { Quiet, Normal, Verbose };

/// Sets spdlog's level for `verbosity`: debug with -v, warnings only with -q.
void set_log_level(Verbosity verbosity);

class TerminalObserver : public runner::RunObserver {
 public:
  explicit TerminalObserver(Verbosity verbosity);
  ~TerminalObserver() override;

  void scenario_problems(const std::vector<std::string>& lines) override;
  void repetition_starting(int round, int rounds, const std::string& operation, bool measured) override;
  void repetitions_done() override;
  void worker_starting(int worker, int workers) override;
  void confirming(const std::vector<std::string>& operations) override;
  void compared(const report::ComparisonResult& result) override;
  void finished(const report::RunResult& run) override;

 private:
  /// The progress bar on a terminal, once the run has lasted a second: `done` of `total` steps.
  void show_progress(int done, int total, const std::string& what);
  void clear_progress();

  Verbosity verbosity_;
  bool progress_ = false;  // stderr is a terminal and the run is not quiet
  bool progress_shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point phase_start_;  // of the repetitions, or of the worker processes
  int phase_total_ = 0;
};

}  // namespace ph::cli
