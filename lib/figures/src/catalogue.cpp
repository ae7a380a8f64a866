#include "perfharness/figures/catalogue.hpp"

#include <array>

namespace ph::figures {
namespace {

using stats::Statistic;
constexpr auto kSmaller = Direction::smaller_is_better;
constexpr auto kNeither = Direction::neither;
constexpr auto kGates = Role::gates;
constexpr auto kDescribes = Role::describes;
constexpr unsigned kWithBars = kBacktest | kDataLoad | kSweep;  // cases that load bars

// Durations are budgeted by their median (robust to one slow repetition); sizes and counts by
// their max (the worst repetition is what a machine must hold). Every export judges the median,
// the statistic the rank test compares.
constexpr std::array<FigureInfo, 29> kFigures = {{
    {key::time, "s", false, kSmaller, kGates, Source::clock, kAllKinds, Statistic::median, Statistic::median, true,
     "wall-clock time of one repetition", Combine::sum},
    {key::cpu_time, "s", false, kSmaller, kGates, Source::os, kAllKinds, Statistic::median, Statistic::median, true,
     "CPU time of the process (user + system) during one repetition", Combine::sum},
    {key::user_time, "s", false, kSmaller, kDescribes, Source::os, kAllKinds, Statistic::median, Statistic::median, false,
     "user-mode part of cpu_time", Combine::sum},
    {key::system_time, "s", false, kSmaller, kDescribes, Source::os, kAllKinds, Statistic::median, Statistic::median,
     false, "kernel-mode part of cpu_time", Combine::sum},
    {key::cpu_ratio, "ratio", false, kNeither, kDescribes, Source::os, kAllKinds, Statistic::median, Statistic::median,
     false, "cpu_time / time: above 1 with threads, below 1 when waiting", Combine::recomputed},
    {key::page_faults, "count", false, kSmaller, kGates, Source::os, kAllKinds, Statistic::max, Statistic::median, false,
     "page faults (minor and major) during one repetition", Combine::sum},
    {key::peak_memory, "MB", false, kSmaller, kGates, Source::heap, kInProcess, Statistic::max, Statistic::median, true,
     "highest heap growth above the level at the start of the repetition", Combine::largest},
    {key::allocations, "count", false, kSmaller, kGates, Source::heap, kInProcess, Statistic::max, Statistic::median,
     false, "heap allocations during one repetition", Combine::sum},
    {key::heap_growth, "MB", false, kSmaller, kGates, Source::heap, kInProcess, Statistic::max, Statistic::median, false,
     "heap kept at the end of the repetition (end minus start)", Combine::sum},
    {key::heap_at_start, "MB", false, kSmaller, kDescribes, Source::heap, kInProcess, Statistic::max, Statistic::median,
     false, "live heap when the repetition starts: what ran before", Combine::largest},
    {key::heap_at_end, "MB", false, kSmaller, kDescribes, Source::heap, kInProcess, Statistic::max, Statistic::median,
     false, "live heap when the repetition ends", Combine::largest},
    {key::memory_per_1k_bars, "MB/1k bars", false, kSmaller, kGates, Source::heap, kWithBars, Statistic::max,
     Statistic::median, false, "peak_memory per 1,000 bars of the case", Combine::largest},
    // A command's resident high-water mark, from wait4: the heap figures need perfharness's
    // allocator hooks, which another program does not run.
    {key::max_rss, "MB", false, kSmaller, kGates, Source::os, kCommand, Statistic::max, Statistic::median, true,
     "highest resident set size of the command's process (wait4's ru_maxrss)", Combine::largest},
    {key::save_time, "ms", false, kSmaller, kGates, Source::clock, kPersistence, Statistic::median, Statistic::median,
     true, "time to save one backtest result", Combine::whole},
    {key::fetch_time, "ms", false, kSmaller, kGates, Source::clock, kPersistence, Statistic::median, Statistic::median,
     true, "time to fetch one result back by id", Combine::whole},
    {key::bulk_time, "ms", false, kSmaller, kGates, Source::clock, kPersistence, Statistic::median, Statistic::median,
     true, "time of the bulk query by strategy", Combine::whole},
    {key::slow_queries, "count", false, kSmaller, kGates, Source::database, kPersistence, Statistic::max,
     Statistic::median, false, "statement executions over the slow-query threshold", Combine::whole},
    {key::time_per_backtest, "s", false, kSmaller, kGates, Source::clock, kSweep, Statistic::median, Statistic::median,
     true, "a sweep's time divided by its backtests", Combine::recomputed},
    {key::instructions, "count", true, kSmaller, kGates, Source::callgrind, kAllKinds, Statistic::max, Statistic::median,
     false, "instructions executed, counted by callgrind (run --instructions)", Combine::sum},
    // Kernel counters (profile.counters) describe: scheduling and cache activity follow the
    // machine's load, and a hardware count may be extrapolated from part of the time. The exact
    // instruction count to gate on is callgrind's. The counter page-faults restates page_faults.
    {key::task_clock, "s", false, kSmaller, kDescribes, Source::counters, kAllKinds, Statistic::median,
     Statistic::median, false, "CPU time of the operation's thread, from the task-clock counter", Combine::sum},
    {key::minor_faults, "count", false, kSmaller, kDescribes, Source::counters, kAllKinds, Statistic::max,
     Statistic::median, false, "page faults served without I/O, from the minor-faults counter", Combine::sum},
    {key::major_faults, "count", false, kSmaller, kDescribes, Source::counters, kAllKinds, Statistic::max,
     Statistic::median, false, "page faults that read from disk, from the major-faults counter", Combine::sum},
    {key::context_switches, "count", false, kSmaller, kDescribes, Source::counters, kAllKinds, Statistic::max,
     Statistic::median, false, "voluntary and involuntary context switches of the thread", Combine::sum},
    {key::cpu_migrations, "count", false, kSmaller, kDescribes, Source::counters, kAllKinds, Statistic::max,
     Statistic::median, false, "moves of the thread between CPUs", Combine::sum},
    {key::retired_instructions, "count", false, kSmaller, kDescribes, Source::counters, kAllKinds, Statistic::max,
     Statistic::median, false, "instructions retired, from the hardware counter (a machine with a PMU)", Combine::sum},
    {key::cycles, "count", false, kSmaller, kDescribes, Source::counters, kAllKinds, Statistic::max,
     Statistic::median, false, "CPU cycles, from the hardware counter (a machine with a PMU)", Combine::sum},
    {key::cache_references, "count", false, kNeither, kDescribes, Source::counters, kAllKinds, Statistic::max,
     Statistic::median, false, "last-level cache accesses, from the hardware counter (a machine with a PMU)", Combine::sum},
    {key::cache_misses, "count", false, kSmaller, kDescribes, Source::counters, kAllKinds, Statistic::max,
     Statistic::median, false, "last-level cache misses, from the hardware counter (a machine with a PMU)", Combine::sum},
    {key::branch_misses, "count", false, kSmaller, kDescribes, Source::counters, kAllKinds, Statistic::max,
     Statistic::median, false, "mispredicted branches, from the hardware counter (a machine with a PMU)", Combine::sum},
}};

}  // namespace

std::span<const FigureInfo> catalogue() noexcept { return kFigures; }

const FigureInfo* find(std::string_view key) noexcept {
  for (const auto& f : kFigures)
    if (f.key == key) return &f;
  return nullptr;
}

bool judged_against_baselines(std::string_view key) noexcept {
  const FigureInfo* f = find(key);
  return !f || f->role == Role::gates;
}

bool is_timing(std::string_view key) noexcept {
  const FigureInfo* f = find(key);
  return f && (f->source == Source::clock || f->source == Source::os) && (f->unit == "s" || f->unit == "ms" || f->unit == "ratio");
}

}  // namespace ph::figures
