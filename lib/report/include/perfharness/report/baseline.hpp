#pragma once
// A run judged against an earlier report (`perfharness run --baseline FILE`).
#include <string>

#include "perfharness/report/comparison.hpp"
#include "perfharness/report/run_result.hpp"

namespace ph::report {

/// Compares `run` with the report in `baseline_path`, as `perfharness compare BASELINE NEW` would
/// compare it with the run's own report. Throws ph::InputError naming the file when it cannot be
/// read or has not the report shape.
ComparisonResult compare_with_baseline_file(const std::string& baseline_path, const RunResult& run,
                                            const CompareOptions& options);

}  // namespace ph::report
