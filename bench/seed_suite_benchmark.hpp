#pragma once
namespace ph::bench {
/// Wall time of the whole seed-suite scenario run by the perfharness executable.
void register_seed_suite_benchmark();
}  // namespace ph::bench
