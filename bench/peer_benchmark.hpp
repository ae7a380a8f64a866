#pragma once
namespace ph::bench {
/// The pandas peer; after the sweep benchmarks, whose throughput it is compared to.
void register_peer_benchmark();
}  // namespace ph::bench
