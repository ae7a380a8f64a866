#pragma once
// The profilers an operation asked for, wrapped around its repetitions:
// zones always when on, sampling and counters when on, and what they found
// written into the operation's result at the end.
#include <functional>
#include <memory>

#include "executor.hpp"
#include "perfharness/runner/run.hpp"
#include "zone_capture.hpp"

namespace ph::runner {

class OperationProfiling {
 public:
  OperationProfiling(const scenario::Operation& op, const RunOptions& options);
  ~OperationProfiling();
  OperationProfiling(OperationProfiling&&) noexcept;

  /// One repetition of the executor under the operation's profilers. False when SIGINT cut it
  /// short: then none of what the profilers saw of it is kept, and the caller rolls back its
  /// figures. One reading of the flag decides both, so that they cannot disagree.
  bool run(OperationExecutor& executor, RunContext& ctx, bool measured);
  /// Short operations: unmeasured runs under the sampler until it has enough samples.
  void top_up_samples(OperationExecutor& executor, RunContext& ctx);
  /// Zone tree, hotspots, memory, counters and sampling into the result.
  void finish(report::OperationResult& result);

  ZoneCapture& zones() noexcept { return *zones_; }

 private:
  /// Runs the executor under the sampler, again while `again` says so.
  void sample(OperationExecutor& executor, RunContext& ctx, bool measured, const std::function<bool()>& again);
  struct Extras;
  const scenario::Operation* op_;
  std::unique_ptr<ZoneCapture> zones_;
  std::unique_ptr<Extras> extras_;  // counters and sampler, when on
};

/// Which profilers this build and machine offer, and why not where not.
report::ProfilerAvailability profiler_availability();

class BacktestExecutor;

/// Makes the executor of `op`, operation `index` of the scenario. `backtests` holds the backtest
/// executors made so far by operation index (null for other kinds); a backtest's is added, a
/// persistence operation takes its source's.
std::unique_ptr<OperationExecutor> make_executor(const scenario::Operation& op, std::size_t index,
                                                 std::vector<BacktestExecutor*>& backtests);

}  // namespace ph::runner
