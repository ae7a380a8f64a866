#include "shard_run.hpp"

namespace ph::runner {
namespace {

// The plan's view of an operation: each case's bars (a data load's range in days, as its bars
// are not known until it runs), a sweep's grid, and what must go whole.
OperationWork work_of(const scenario::Operation& op, const OperationExecutor& executor) {
  OperationWork w;
  const auto& cases = executor.result().cases;
  switch (op.kind()) {
    case OperationKind::DataLoad: {
      const auto& spec = std::get<scenario::DataLoadSpec>(op.spec);
      for (std::size_t s = 0; s < spec.symbols.size(); ++s)
        for (const auto& range : spec.ranges) w.case_bars.push_back(static_cast<std::uint64_t>(std::max(1, range.end - range.start + 1)));
      break;
    }
    case OperationKind::Persistence:
      w.case_bars.assign(cases.size(), 1);
      if (const auto source = std::get<scenario::PersistenceSpec>(op.spec).source_index) w.runs_with = static_cast<int>(*source);
      break;
    case OperationKind::Command:
      w.case_bars.assign(cases.size(), 0);
      w.whole = true;
      break;
    case OperationKind::Sweep:
    case OperationKind::Backtest:
      for (const auto& c : cases) w.case_bars.push_back(static_cast<std::uint64_t>(std::max<std::int64_t>(c.bars, 1)));
      if (const auto* grid = executor.parameter_grid()) w.grid_size = grid->size();
      break;
  }
  return w;
}

}  // namespace

std::vector<bool> restrict_to_shard(const Shard& shard, const scenario::Scenario& sc,
                                    std::vector<std::unique_ptr<OperationExecutor>>& executors) {
  std::vector<OperationWork> work;
  for (std::size_t i = 0; i < executors.size(); ++i) work.push_back(work_of(sc.operations[i], *executors[i]));
  ShardWork mine = shard_work(work, shard.index, shard.count);
  std::vector<bool> has_work;
  for (std::size_t i = 0; i < executors.size(); ++i) {
    has_work.push_back(!mine[i].empty());
    executors[i]->keep_shares(std::move(mine[i]));
  }
  return has_work;
}

}  // namespace ph::runner
