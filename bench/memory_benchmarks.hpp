#pragma once
namespace ph::bench {
/// Heap peak of one cold-workspace backtest per 1,000 bars.
void register_memory_benchmarks();
}  // namespace ph::bench
