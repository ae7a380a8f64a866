#pragma once
// Where a run happened: what a reader needs to trust or compare its figures.
#include <string>

#include "perfharness/report/run_info.hpp"

namespace ph::runner {

/// host, OS, kernel, CPU model, cores, compiler, build type, UTC time, and the
/// given profiler availability.
report::Environment read_environment(report::ProfilerAvailability profilers);

bool optimised_build() noexcept;
/// Built with AddressSanitizer: every memory access is checked, so times are several times slower.
bool sanitized_build() noexcept;
const char* build_type() noexcept;

}  // namespace ph::runner
