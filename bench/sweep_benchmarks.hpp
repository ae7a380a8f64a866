#pragma once
namespace ph::bench {
/// The sweep on one thread, then on every core (its scaling needs the first).
void register_sweep_benchmarks();
}  // namespace ph::bench
