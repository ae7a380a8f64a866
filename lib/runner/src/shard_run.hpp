#pragma once
// --shard in a run: each operation's executor keeps the cases, and sweep slices, of this shard.
#include <memory>
#include <vector>

#include "executor.hpp"
#include "perfharness/runner/shard.hpp"

namespace ph::runner {

/// After every executor's prepare(): restricts them to `shard`'s share of the scenario's work
/// (shard_plan.hpp). Returns, by operation, whether it has any work in this shard.
std::vector<bool> restrict_to_shard(const Shard& shard, const scenario::Scenario& sc,
                                    std::vector<std::unique_ptr<OperationExecutor>>& executors);

}  // namespace ph::runner
