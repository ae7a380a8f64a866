#pragma once
// What a run leaves behind: the report and the CI formats, the trace and the
// flame graph, and its row in --db.
#include <map>
#include <memory>
#include <string>
#include <optional>
#include <vector>

#include "operation_profiling.hpp"
#include "perfharness/report/run_result.hpp"
#include "perfharness/runner/run.hpp"
#include "perfharness/runner/run_observer.hpp"
#include "perfharness/scenario/scenario.hpp"

namespace ph::persistence {
class Database;
}

namespace ph::runner {

/// A finished run's renderings, each made once: the report file and the --db row hold the same
/// bytes, and a format requested twice is rendered once.
class RenderedRun {
 public:
  explicit RenderedRun(const report::RunResult& run) : run_(run) {}
  const report::RunResult& run() const noexcept { return run_; }
  const std::string& as(const std::string& format);

 private:
  const report::RunResult& run_;
  std::map<std::string, std::string, std::less<>> texts_;
};

/// Throws InputError for a format no reporter writes, or a reporter or path that cannot be
/// written, before any work is done.
void check_outputs(const std::vector<OutputRequest>& outputs);
/// Writes every requested output; each file atomically.
void write_outputs(const std::vector<OutputRequest>& outputs, RenderedRun& rendered);

/// The zone calls and the operation and case spans the run recorded, for --trace.
report::Timeline timeline_of(std::vector<OperationProfiling>& profiling,
                             const std::vector<std::unique_ptr<OperationExecutor>>& executors);

/// The run's row in --db: opened at the start (so a bad database fails before any work),
/// finished with the verdict and the report at the end.
class RunRecorder {
 public:
  RunRecorder(const RunOptions& options, const scenario::Scenario& sc);
  ~RunRecorder();
  std::optional<std::int64_t> run_id() const noexcept { return run_id_; }
  persistence::Database* database() noexcept { return db_.get(); }
  /// Saves the latest results of every backtest operation with the run.
  void save_results(const std::vector<BacktestExecutor*>& backtests);
  void finish(RenderedRun& rendered);

 private:
  std::unique_ptr<persistence::Database> db_;
  std::optional<std::int64_t> run_id_;
};

}  // namespace ph::runner
