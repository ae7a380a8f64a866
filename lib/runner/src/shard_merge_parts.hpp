#pragma once
// How each part of an operation's result joins its pieces (shard_merge.cpp puts them together).
#include <string>
#include <vector>

#include "perfharness/report/run_result.hpp"

namespace ph::runner::merge {

/// Joins the pieces' figures repetition by repetition by each figure's catalogue rule (Combine);
/// a ratio is worked out again from the joined figures, time_per_backtest with `backtests` per
/// repetition. A figure whose pieces hold different numbers of samples keeps the common part and
/// says so in `warnings`.
report::Figures join_figures(const std::vector<const report::Figures*>& pieces, double backtests,
                             std::vector<std::string>& warnings);

/// Zone trees: nodes of one path summed (a peak is the largest).
report::ZoneStats join_zones(const std::vector<const report::ZoneStats*>& pieces);
/// Hotspot rows of one function summed, ranked again by `cumulative` or self time.
std::vector<report::Hotspot> join_hotspots(const std::vector<const std::vector<report::Hotspot>*>& pieces, bool cumulative);
report::CountersProfile join_counters(const std::vector<const report::CountersProfile*>& pieces);
report::SamplingProfile join_sampling(const std::vector<const report::SamplingProfile*>& pieces);
report::MemorySnapshot join_memory(const std::vector<const report::MemorySnapshot*>& pieces);
report::SweepThroughput join_throughput(const std::vector<const report::SweepThroughput*>& pieces);

/// Appends the strings of `more` that `into` does not hold yet, in order.
void append_new(std::vector<std::string>& into, const std::vector<std::string>& more);

}  // namespace ph::runner::merge
