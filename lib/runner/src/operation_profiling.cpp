#include "operation_profiling.hpp"

#include "perfharness/common/errors.hpp"
#include "perfharness/profilers/heap.hpp"

namespace ph::runner {

std::unique_ptr<OperationExecutor> make_backtest_executor(const scenario::Operation& op);
std::unique_ptr<OperationExecutor> make_data_load_executor(const scenario::Operation& op);
std::unique_ptr<OperationExecutor> make_sweep_executor(const scenario::Operation& op);
std::unique_ptr<OperationExecutor> make_persistence_executor(const scenario::Operation& op, OperationExecutor& source);

struct OperationProfiling::Extras {};

OperationProfiling::OperationProfiling(const scenario::Operation& op, const RunOptions& options)
    : op_(&op), zones_(std::make_unique<ZoneCapture>(op.profile.zones, options.trace.has_value())) {}
OperationProfiling::~OperationProfiling() = default;
OperationProfiling::OperationProfiling(OperationProfiling&&) noexcept = default;

void OperationProfiling::run(OperationExecutor& executor, RunContext& ctx, bool measured) {
  ZoneCapture::Worker main_thread(zones_.get(), measured);
  ctx.zones = zones_.get();
  executor.run_once(ctx, measured);
  ctx.zones = nullptr;
}

void OperationProfiling::finish(report::OperationResult& result) {
  if (zones_->enabled() && result.repetitions > 0) {
    const auto& tree = zones_->tree();
    result.zones = zone_stats(tree, result.name, result.repetitions);
    result.top_by_cumulative = report_hotspots(profilers::top_by_cumulative(tree, 10), result.repetitions);
    result.top_by_self = report_hotspots(profilers::top_by_self(tree, 10), result.repetitions);
  }
  const auto mem = profilers::process_memory();
  result.memory = {{"heap_tracking", profilers::heap_tracking_active()},
                   {"rss_mb", mem.rss_bytes >= 0 ? mem.rss_bytes / (1024.0 * 1024.0) : -1.0},
                   {"rss_high_water_mb", mem.rss_high_water_bytes >= 0 ? mem.rss_high_water_bytes / (1024.0 * 1024.0) : -1.0}};
  if (!profilers::heap_tracking_active()) result.memory["reason"] = profilers::heap_tracking_unavailable_reason();
}

nlohmann::ordered_json profiler_availability() {
  nlohmann::ordered_json j;
  j["time"] = true;
  j["zones"] = true;
  j["heap"] = profilers::heap_tracking_active();
  if (!profilers::heap_tracking_active()) j["heap_reason"] = profilers::heap_tracking_unavailable_reason();
  return j;
}

std::unique_ptr<OperationExecutor> make_executor(const scenario::Operation& op,
                                                 const std::vector<std::unique_ptr<OperationExecutor>>& earlier) {
  switch (op.kind) {
    case scenario::OperationKind::Backtest:
      return make_backtest_executor(op);
    case scenario::OperationKind::DataLoad:
      return make_data_load_executor(op);
    case scenario::OperationKind::Sweep:
      return make_sweep_executor(op);
    case scenario::OperationKind::Persistence:
      for (const auto& e : earlier)
        if (e->operation().name == op.source) return make_persistence_executor(op, *e);
      throw InputError(op.path + ".source: '" + op.source + "' must name a backtest operation listed before it");
  }
  throw InputError(op.path + ".kind: unknown kind");
}

}  // namespace ph::runner
