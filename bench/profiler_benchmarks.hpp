#pragma once
namespace ph::bench {
/// Overhead of zones, heap tracking (and the interposer), sampling and counters on a backtest.
void register_profiler_benchmarks();
}  // namespace ph::bench
