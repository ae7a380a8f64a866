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
constexpr std::array<FigureInfo, 18> kFigures = {{
    {key::time, "s", false, kSmaller, kGates, Source::clock, kAllKinds, Statistic::median, Statistic::median, true,
     "wall-clock time of one repetition"},
    {key::cpu_time, "s", false, kSmaller, kGates, Source::os, kAllKinds, Statistic::median, Statistic::median, true,
     "CPU time of the process (user + system) during one repetition"},
    {key::user_time, "s", false, kSmaller, kDescribes, Source::os, kAllKinds, Statistic::median, Statistic::median, false,
     "user-mode part of cpu_time"},
    {key::system_time, "s", false, kSmaller, kDescribes, Source::os, kAllKinds, Statistic::median, Statistic::median,
     false, "kernel-mode part of cpu_time"},
    {key::cpu_ratio, "ratio", false, kNeither, kDescribes, Source::os, kAllKinds, Statistic::median, Statistic::median,
     false, "cpu_time / time: above 1 with threads, below 1 when waiting"},
    {key::page_faults, "count", false, kSmaller, kGates, Source::os, kAllKinds, Statistic::max, Statistic::median, false,
     "page faults (minor and major) during one repetition"},
    {key::peak_memory, "MB", false, kSmaller, kGates, Source::heap, kAllKinds, Statistic::max, Statistic::median, true,
     "highest heap growth above the level at the start of the repetition"},
    {key::allocations, "count", false, kSmaller, kGates, Source::heap, kAllKinds, Statistic::max, Statistic::median,
     false, "heap allocations during one repetition"},
    {key::heap_growth, "MB", false, kSmaller, kGates, Source::heap, kAllKinds, Statistic::max, Statistic::median, false,
     "heap kept at the end of the repetition (end minus start)"},
    {key::heap_at_start, "MB", false, kSmaller, kDescribes, Source::heap, kAllKinds, Statistic::max, Statistic::median,
     false, "live heap when the repetition starts: what ran before"},
    {key::heap_at_end, "MB", false, kSmaller, kDescribes, Source::heap, kAllKinds, Statistic::max, Statistic::median,
     false, "live heap when the repetition ends"},
    {key::memory_per_1k_bars, "MB/1k bars", false, kSmaller, kGates, Source::heap, kWithBars, Statistic::max,
     Statistic::median, false, "peak_memory per 1,000 bars of the case"},
    {key::save_time, "ms", false, kSmaller, kGates, Source::clock, kPersistence, Statistic::median, Statistic::median,
     true, "time to save one backtest result"},
    {key::fetch_time, "ms", false, kSmaller, kGates, Source::clock, kPersistence, Statistic::median, Statistic::median,
     true, "time to fetch one result back by id"},
    {key::bulk_time, "ms", false, kSmaller, kGates, Source::clock, kPersistence, Statistic::median, Statistic::median,
     true, "time of the bulk query by strategy"},
    {key::slow_queries, "count", false, kSmaller, kGates, Source::database, kPersistence, Statistic::max,
     Statistic::median, false, "statement executions over the slow-query threshold"},
    {key::time_per_backtest, "s", false, kSmaller, kGates, Source::clock, kSweep, Statistic::median, Statistic::median,
     true, "a sweep's time divided by its backtests"},
    {key::instructions, "count", true, kSmaller, kGates, Source::callgrind, kAllKinds, Statistic::max, Statistic::median,
     false, "instructions executed, counted by callgrind (run --instructions)"},
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

}  // namespace ph::figures
