#pragma once
// Which cases, and which parts of a sweep's grid, each of N shards runs: computed alike by
// every shard from the scenario's work alone, so the shards agree without talking.
//
// The work is laid out in scenario order (operations, their cases, a sweep case's parameter
// sets) as a line of estimated cost: bars for a backtest case or a data load, bars × parameter
// sets for a sweep case. Costs are whole numbers, so every machine cuts the line alike. The line is cut into N stretches of equal cost, and each piece of work
// goes to the shard its middle falls in. A sweep case can be cut between any two parameter sets,
// so a shard's share of a large grid is one contiguous slice; a backtest or data-load case is
// never cut. A persistence operation goes whole, with its source backtest's cases, to one shard
// (it saves what that backtest computed), and so does a command operation (its cost is unknown
// until it runs; it counts as one bar).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ph::runner {

/// One operation's work as the plan sees it.
struct OperationWork {
  std::vector<std::uint64_t> case_bars;  // each case's bars, in case order
  std::size_t grid_size = 0;             // a sweep's parameter sets (each case runs them all); 0 otherwise
  /// The operation whose placement this one follows (a persistence operation's source backtest);
  /// -1 for none. Both then go whole to one shard.
  int runs_with = -1;
  bool whole = false;  // never cut (a command operation)
};

/// A case, or the parameter sets [first, first + count) of a sweep case's grid.
struct CaseShare {
  std::size_t case_index = 0;
  std::size_t first = 0, count = 0;  // count 0: the whole case (not a sweep)
};

/// What one shard runs of each operation: its cases' shares, in case order; empty: none of it.
using ShardWork = std::vector<std::vector<CaseShare>>;

/// The work of shard `index` (1-based) of `count`.
ShardWork shard_work(const std::vector<OperationWork>& operations, int index, int count);

/// The estimated cost each of `count` shards gets (what the plan balanced), for reports and tests.
std::vector<std::uint64_t> shard_costs(const std::vector<OperationWork>& operations, int count);

}  // namespace ph::runner
