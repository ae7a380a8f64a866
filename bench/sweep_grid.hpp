#pragma once
// The sweep workload shared by the sweep benchmarks and the peer: a 10,000-combination
// sma_cross grid (fast 1..100 × slow 101..200, every point valid) on 1,860 bars.
#include <vector>

#include "perfharness/backtest/backtest.hpp"

namespace ph::bench {

inline constexpr int kGridSide = 100;

/// The grid's parameter sets, resolved once (as a runner expands a grid before running it).
const std::vector<Parameters>& sweep_grid();

/// Backtests every grid point on `bars` with `threads` threads, each with its own
/// workspace; metrics[i] belongs to grid point i.
void run_sweep(const SeriesView& bars, const std::vector<Parameters>& grid, unsigned threads,
               std::vector<Metrics>& metrics);

/// The same as a `perfharness run` sweep does it: the grid's distinct indicator series
/// computed once (in parallel), then every grid point backtested from them.
void run_sweep_shared(const SeriesView& bars, const std::vector<Parameters>& grid, unsigned threads,
                      std::vector<Metrics>& metrics);

}  // namespace ph::bench
