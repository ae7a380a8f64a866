#pragma once
// Which part of a scenario's work one process runs (docs/scale-out.md): shard I of N, named
// on the command line or read from the scheduler's environment.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ph::runner {

struct Shard {
  int index = 1;  // 1-based, as GitLab's CI_NODE_INDEX and GNU parallel's {#}
  int count = 1;
  std::string source;  // where index and count came from: "--shard", "SLURM_ARRAY_TASK_ID", ...

  /// "I/N": what a process this one starts is given as --shard, to run the same part.
  std::string argument() const { return std::to_string(index) + "/" + std::to_string(count); }
};

/// Reads a variable of the environment; nullopt when unset.
using EnvironmentReader = std::function<std::optional<std::string>(std::string_view name)>;
std::optional<std::string> process_environment(std::string_view name);

/// `--shard` as the user wrote it: "I/N" (1 <= I <= N <= kMaxShards), "auto" (index and count
/// from the scheduler), or "auto/N" (the index from the scheduler, the count given, for
/// Kubernetes Indexed Jobs, whose pods see only their index). Throws InputError saying what is
/// wrong and what is accepted.
Shard resolve_shard(std::string_view text, const EnvironmentReader& env = process_environment);

inline constexpr int kMaxShards = 100000;

}  // namespace ph::runner
