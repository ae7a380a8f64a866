#pragma once
namespace ph::bench {
/// The numba peer against a whole `perfharness run` process on the same grid and bars.
void register_numba_peer_benchmark();
}  // namespace ph::bench
