#pragma once
// The catalogue of figures: for every figure a run measures, its unit, whether it is exact,
// which way is better, whether it gates (compared with baselines and budgetable) or only
// describes, the statistic each export uses and which operation kinds measure it. Compare,
// budgets, the scenario reader, the runner and every reporter read it; adding a figure is one
// entry in catalogue.cpp.
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "perfharness/common/operation_kind.hpp"
#include "perfharness/stats/statistic.hpp"

namespace ph::figures {

enum class Direction { smaller_is_better, larger_is_better, neither };

/// gates: compared with baselines and budgetable. describes: reported only, because it restates a
/// gating figure (user_time is part of cpu_time) or depends on what ran before (heap_at_start).
enum class Role { gates, describes };

/// What measures the figure; a heap figure is missing when heap tracking is off.
enum class Source { clock, os, heap, database, callgrind, counters };

/// How the figure of a piece of work measured apart (a shard's cases, a slice of a sweep's grid)
/// joins the same figure of the other pieces, repetition by repetition, when shards are merged.
enum class Combine {
  sum,         // times, counts: the whole took what its pieces took
  largest,     // peaks and levels: the whole needs what its largest piece needed
  recomputed,  // a ratio of other figures (cpu_ratio, time_per_backtest): worked out from the joined ones
  whole,       // measured only over work that is never split (a persistence operation's)
};

/// An operation kind as a bit of FigureInfo::kinds, by its place in kOperationKinds.
constexpr unsigned kind_bit(OperationKind kind) noexcept {
  for (std::size_t i = 0; i < kOperationKinds.size(); ++i)
    if (kOperationKinds[i] == kind) return 1u << i;
  return 0;
}
inline constexpr unsigned kBacktest = kind_bit(OperationKind::Backtest), kDataLoad = kind_bit(OperationKind::DataLoad),
                          kSweep = kind_bit(OperationKind::Sweep), kPersistence = kind_bit(OperationKind::Persistence),
                          kCommand = kind_bit(OperationKind::Command), kAllKinds = (1u << kOperationKinds.size()) - 1,
                          kInProcess = kAllKinds & ~kCommand;  // kinds whose work runs inside perfharness

struct FigureInfo {
  std::string_view key;   // as the report names it: "time", "peak_memory"
  std::string_view unit;  // "s", "ms", "MB", "MB/1k bars", "count", "ratio"
  bool exact;             // deterministic (instruction counts): compared exactly, no test
  Direction direction;
  Role role;
  Source source;
  unsigned kinds;                     // kind_bit()s of the operation kinds that measure it
  stats::Statistic budget_statistic;  // a budget's default `statistic`
  stats::Statistic exported;          // the value comparisons and the benchmark JSON judge
  bool headline;                      // shown in the console summary's line per operation
  std::string_view description;
  Combine combine;
};

/// Every figure, in the order the console summary and the docs list them.
std::span<const FigureInfo> catalogue() noexcept;

/// The entry of `key`, or nullptr for a figure this build does not know (an older report's).
const FigureInfo* find(std::string_view key) noexcept;

/// Whether comparisons judge the figure: a gating figure, or one this build does not know
/// (a report from another version may measure more; judging it is the cautious choice).
bool judged_against_baselines(std::string_view key) noexcept;

/// Whether the figure is a duration or a ratio of durations (the clock's or the OS's CPU
/// accounting): what worker processes time (docs/compare.md). Sizes and counts stay the run's.
bool is_timing(std::string_view key) noexcept;

/// The catalogue's keys, as the report writes them.
namespace key {
inline constexpr std::string_view time = "time", cpu_time = "cpu_time", user_time = "user_time",
                                  system_time = "system_time", cpu_ratio = "cpu_ratio", page_faults = "page_faults",
                                  peak_memory = "peak_memory", allocations = "allocations", heap_growth = "heap_growth",
                                  heap_at_start = "heap_at_start", heap_at_end = "heap_at_end",
                                  memory_per_1k_bars = "memory_per_1k_bars", time_per_backtest = "time_per_backtest",
                                  save_time = "save_time", fetch_time = "fetch_time", bulk_time = "bulk_time",
                                  slow_queries = "slow_queries", instructions = "instructions", max_rss = "max_rss",
                                  task_clock = "task_clock", minor_faults = "minor_faults",
                                  major_faults = "major_faults", context_switches = "context_switches",
                                  cpu_migrations = "cpu_migrations", retired_instructions = "retired_instructions",
                                  cycles = "cycles", cache_references = "cache_references",
                                  cache_misses = "cache_misses", branch_misses = "branch_misses";
}  // namespace key

}  // namespace ph::figures
