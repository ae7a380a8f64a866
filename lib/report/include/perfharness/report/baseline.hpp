#pragma once
// A run judged against an earlier report (`perfharness run --baseline FILE`).
#include <string>
#include <vector>

#include "perfharness/report/comparison.hpp"
#include "perfharness/report/run_result.hpp"

namespace ph::report {

/// Compares `run` with the report in `baseline_path`, as `perfharness compare BASELINE NEW` would
/// compare it with the run's own report. Throws ph::InputError naming the file when it cannot be
/// read or has not the report shape.
ComparisonResult compare_with_baseline_file(const std::string& baseline_path, const RunResult& run,
                                            const CompareOptions& options);

/// The operations with a timing figure that `result` finds regressed and that were timed in
/// worker processes: what a confirmation measures again (docs/compare.md, "Confirmation").
std::vector<std::string> operations_to_confirm(const ComparisonResult& result);

/// Folds a second measurement into `result`. `remeasured` judges the same baseline against the
/// run with `operations` measured again. Each regressed timing figure of those operations gets
/// the second judgement as its confirmation and stays regressed only when that agrees; otherwise
/// its verdict is unchanged and its reason says why. Recounts regressions and unconfirmed.
void apply_confirmation(ComparisonResult& result, const ComparisonResult& remeasured,
                        const std::vector<std::string>& operations);

}  // namespace ph::report
