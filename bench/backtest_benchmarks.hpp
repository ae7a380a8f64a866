#pragma once
namespace ph::bench {
/// Lower bound, each strategy on a million bars, seed-sized latency; in that order.
void register_backtest_benchmarks();
}  // namespace ph::bench
