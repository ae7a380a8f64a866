#pragma once
namespace ph::bench {
/// Save with trades, fetch by id, bulk query over 10,000 stored results.
void register_persistence_benchmarks();
}  // namespace ph::bench
