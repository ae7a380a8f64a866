#pragma once
// Relative advice (docs/report-format.md, "Opportunities"): the seed's rules are absolute (a zone
// over 0.1 s, memory over 100 MB), so for µs-scale operations they never fire. These rules say
// where a backtest's or a sweep's time and allocations go, whatever its size: a zone or sampled
// function holding a large share of the time, allocations per bar, and a sweep recomputing
// signals its parameter sets share.
#include <vector>

#include "perfharness/report/run_result.hpp"
#include "perfharness/scenario/scenario.hpp"

namespace ph::runner {

/// Appends the relative rules' findings about `op` (a backtest or a sweep; others have none).
void relative_advice(const scenario::Scenario& sc, const report::OperationResult& op,
                     std::vector<report::Opportunity>& out);

}  // namespace ph::runner
