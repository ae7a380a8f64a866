#pragma once
// Noise warnings about an operation's timings, and whether they matter: the console shows them
// where noise could change a budget's outcome or a comparison's verdict, all of them with -v.
#include <string>
#include <vector>

#include "perfharness/report/run_result.hpp"

namespace ph::report {

/// What the spread of the operation's time says about the machine it ran on (too few
/// repetitions, too noisy, outliers), one line each, as the run adds them to its warnings.
std::vector<std::string> noise_warnings(const OperationResult& op);

/// MADs between a budget's actual and its limit within which noise could tip the budget.
inline constexpr double kNoiseMadsToTip = 5.0;

/// True when noise could change what the run concludes about `op`: a timing budget on it whose
/// actual lies within kNoiseMadsToTip MADs of its limit, or a comparison of it that did not end
/// unchanged.
bool noise_could_change_verdict(const RunResult& run, const OperationResult& op);

}  // namespace ph::report
