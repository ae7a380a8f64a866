#pragma once
// `perfharness merge`: the reports of a run's shards (run --shard I/N) joined into the report of
// the whole run, judged against the scenario's budgets as the unsharded run would be, and written
// through the same reporters (docs/scale-out.md).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "perfharness/runner/run.hpp"

namespace ph::runner {

struct MergeOptions {
  std::vector<std::filesystem::path> shards;  // every shard's JSON report, in any order
  /// The scenario whose budgets judge the whole; unset: the path the shards' reports name. Its
  /// sha256 must be the one the shards ran.
  std::optional<std::filesystem::path> scenario;
  std::vector<std::string> overrides;  // --set, as the shards were given it
  std::size_t max_grid = scenario::LoadOptions{}.max_grid;  // --max-grid, as the shards were given it
  std::vector<std::filesystem::path> plugins;  // strategies the reports name that are not built in
  std::vector<OutputRequest> outputs;  // as run's
};

class RunObserver;

/// Returns the exit code the unsharded run would have earned (docs/exit-codes.md). Throws
/// ph::InputError, naming the file, for a report that is not one of the shard set, a missing or
/// repeated shard, or a scenario that is not the one the shards ran.
int merge_shards(const MergeOptions& options, RunObserver* observer = nullptr);

}  // namespace ph::runner
