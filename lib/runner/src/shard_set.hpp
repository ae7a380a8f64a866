#pragma once
// The reports `perfharness merge` is given: one per shard, all of one scenario and one version.
#include <string>
#include <vector>

#include "perfharness/report/run_result.hpp"

namespace ph::runner {

struct ShardReport {
  std::string file;  // as the user named it, for messages
  report::RunResult run;
};

/// Puts the reports in shard order. Throws InputError naming the file at fault when one is not a
/// shard's, was interrupted, a shard is missing or given twice, or they differ in shard count, scenario
/// (its sha256), tool version or repetitions.
std::vector<ShardReport> ordered_shard_set(std::vector<ShardReport> reports);

}  // namespace ph::runner
