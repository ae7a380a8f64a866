#pragma once
// Timing figures from fresh worker processes (docs/compare.md, "Values from fresh processes").
//
// Timings differ more between processes than within one: address layout, allocator and cache
// state, and the machine's neighbours change from one process (and CI job) to the next. So the
// run re-executes itself (`perfharness run SCENARIO --worker-values FILE --worker-index I`, not a
// fork: a fork would share the parent's layout) once per worker, one worker at a time. A worker
// runs the operations without profilers, in rounds as the run does: warm-up runs that also
// calibrate a batch size, then `values` values, each the mean of a batch of runs lasting at least
// `min_time`. The run puts the workers' values of the timing figures in place of its own;
// everything else (memory, profiles, results) stays the run's.
#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "executor.hpp"
#include "perfharness/runner/run.hpp"
#include "perfharness/runner/run_observer.hpp"

namespace ph::runner {

/// How a worker process ended: its exit code, or the signal that killed it.
struct WorkerExit {
  int code = -1;   // -1 when killed
  int signal = 0;  // set when a signal killed it
  /// "exit 3" or "killed by SIGSEGV (Segmentation fault)".
  std::string describe() const;
};

/// The arguments of worker `index` (this executable's `run ... --worker-values values`).
std::vector<std::string> worker_arguments(const RunOptions& options, int threads, int index,
                                          const std::filesystem::path& values);

/// Runs `program` (empty: this executable) with `args`, its output in `log`. When `interrupted`
/// is set meanwhile, the process is killed and {-1, 0} returned.
WorkerExit run_worker_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                              const std::filesystem::path& log, const std::atomic<bool>& interrupted);

/// The last lines a worker wrote, for the error that says it failed.
std::string tail_of(const std::filesystem::path& log);

/// The measurement settings of one operation: its own, else the scenario's defaults.
struct MeasureSettings {
  int processes = 0;
  int values = 0;
  double min_time_s = 0;
  int warmup = 0;
};
MeasureSettings measure_settings(const scenario::Scenario& sc, const scenario::Operation& op);

/// In a worker process: measures the operations it is given and writes their values to
/// options.worker_values. `executors` are prepared.
void measure_as_worker(const RunOptions& options, const scenario::Scenario& sc,
                       std::vector<std::unique_ptr<OperationExecutor>>& executors, RunContext& ctx);

/// The timing figures of one operation, pooled over the worker processes that measured it.
struct WorkerTimings {
  report::Figures figures;
  std::map<std::string, report::Figures> cases;  // by case label
  report::TimingSource source;
  std::string error;  // set when a worker's runs of the operation failed
};

/// Starts the workers one after another; the timings of each operation (by index) with
/// `processes` > 0, of those named in `only` when it is not empty. Empty when `interrupted`
/// stopped them. Throws ph::RuntimeFailure when a worker fails.
std::map<std::size_t, WorkerTimings> time_in_workers(const RunOptions& options, const scenario::Scenario& sc,
                                                     const std::vector<std::string>& only, int threads,
                                                     const std::atomic<bool>& interrupted, RunObserver& observer);

/// The workers' values in place of the run's own timing figures (or their error as the result's).
void put_timings(report::OperationResult& result, WorkerTimings timings);

/// In the run: starts the workers one after another and puts their values into the executors'
/// results. Stops early when `interrupted` is set (the results keep the run's own timings).
/// Throws ph::RuntimeFailure when a worker fails.
void measure_in_workers(const RunOptions& options, const scenario::Scenario& sc,
                        std::vector<std::unique_ptr<OperationExecutor>>& executors, int threads,
                        const std::atomic<bool>& interrupted, RunObserver& observer);

}  // namespace ph::runner
