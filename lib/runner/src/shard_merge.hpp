#pragma once
// The shards' reports joined into the report of the whole run, as far as measuring goes: cases
// back in scenario order, a sweep case's grid slices joined end to end, every figure joined
// repetition by repetition by its catalogue rule, the profiles summed. Budgets, opportunities and
// the verdict are then worked out over the whole, as for any run.
#include <vector>

#include "perfharness/report/run_result.hpp"
#include "shard_set.hpp"

namespace ph::runner {

/// `shards` as ordered_shard_set() returns them. Throws InputError naming the files when their
/// cases leave a gap or overlap (shards of one scenario but of different plans).
report::RunResult merge_shard_results(const std::vector<ShardReport>& shards);

}  // namespace ph::runner
