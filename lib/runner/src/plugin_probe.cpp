#include "plugin_probe.hpp"

#include <spdlog/spdlog.h>

#include "perfharness/common/output_file.hpp"
#include "worker_processes.hpp"

namespace ph::runner {
namespace {

bool any_plugin(const std::vector<Parameters>& sets) {
  for (const auto& p : sets)
    if (!p.strategy().built_in()) return true;
  return false;
}

struct RemoveFolder {
  explicit RemoveFolder(std::filesystem::path folder) : dir(std::move(folder)) {}
  RemoveFolder(const RemoveFolder&) = delete;
  RemoveFolder& operator=(const RemoveFolder&) = delete;
  std::filesystem::path dir;
  ~RemoveFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

}  // namespace

bool runs_plugin_code(const scenario::Scenario& sc, const scenario::Operation& op) {
  if (const auto* b = std::get_if<scenario::BacktestSpec>(&op.spec)) return any_plugin(b->strategies);
  if (const auto* s = std::get_if<scenario::SweepSpec>(&op.spec)) return any_plugin(s->grid);
  if (const auto* p = std::get_if<scenario::PersistenceSpec>(&op.spec))
    return p->source_index && *p->source_index < sc.operations.size() &&
           runs_plugin_code(sc, sc.operations[*p->source_index]);
  return false;
}

void probe_plugin_operations(const RunOptions& options, const scenario::Scenario& sc,
                             std::vector<std::unique_ptr<OperationExecutor>>& executors, int threads,
                             const std::atomic<bool>& interrupted) {
  std::optional<RemoveFolder> folder;
  for (std::size_t i = 0; i < executors.size(); ++i) {
    auto& e = executors[i];
    const scenario::Operation& op = e->operation();
    if (interrupted || !e->result().error.empty() || !runs_plugin_code(sc, op)) continue;
    if (!folder) folder.emplace(make_temporary_folder("perfharness-probe"));
    RunOptions probe = options;
    probe.worker_operations = {op.name};
    probe.processes = 1;
    probe.values = 1;
    probe.warmup = 0;
    probe.min_time_s = 0;
    const std::filesystem::path log = folder->dir / (std::to_string(i) + ".log");
    spdlog::debug("running {} once in a probe process (it runs plugin code)", op.name);
    const WorkerExit exit = run_worker_process(options.worker_program,
                                               worker_arguments(probe, threads, 0, folder->dir / "values.json"), log,
                                               interrupted);
    if (interrupted) return;
    if (exit.signal != 0) {
      const std::string output = tail_of(log);
      e->result().error = "plugin code crashed: a process that ran this operation once before measuring it was " +
                          exit.describe() + ", so it was not run in this process" +
                          (output.empty() ? std::string() : "; its last output: " + output);
      spdlog::error("operation '{}': {}", op.name, e->result().error);
    } else if (exit.code != 0) {
      spdlog::warn("operation '{}': its probe process ended with {}; running it here: {}", op.name, exit.describe(), tail_of(log));
    }
  }
}

}  // namespace ph::runner
