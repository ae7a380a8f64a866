#pragma once
// Containing a crashing strategy plugin (docs/plugins.md, "When a plugin crashes").
//
// Plugin code runs in perfharness's own process, where a SIGSEGV or an abort would end the run
// with no report and no history row. So an operation that runs plugin code is first run once in
// a worker process (the one issue 12's timing uses): when that process dies of a signal, the
// operation gets the error, is not run in this process, and the rest of the run goes on.
#include <atomic>
#include <memory>
#include <vector>

#include "executor.hpp"
#include "perfharness/runner/run.hpp"

namespace ph::runner {

/// Whether `op` runs a plugin's code: a plugin strategy's backtests or sweep, or the saving of
/// such an operation's results.
bool runs_plugin_code(const scenario::Scenario& sc, const scenario::Operation& op);

/// Runs each operation that runs plugin code once in a worker process; those whose process a
/// signal killed get their error. Stops early when `interrupted` is set.
void probe_plugin_operations(const RunOptions& options, const scenario::Scenario& sc,
                             std::vector<std::unique_ptr<OperationExecutor>>& executors, int threads,
                             const std::atomic<bool>& interrupted);

}  // namespace ph::runner
