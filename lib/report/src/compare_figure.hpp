#pragma once
// One figure judged (docs/compare.md, "How a figure is judged"): its base side against the new run's.
#include <string>
#include <vector>

#include "compare_report_view.hpp"
#include "perfharness/report/comparison.hpp"

namespace ph::report::detail {

/// The base side of a figure: the same figure in each past run that has it, oldest first, the
/// latest last; one run for a report file, up to N for a history baseline.
using BaseFigures = std::vector<const FigureView*>;

/// The verdict on a figure present in the base runs `b` (at least one) and the new run `n`, by
/// the rule of `result`'s threshold, alpha: exact counts against the latest base run; measured
/// figures beyond the threshold, the noise band and significant. `where` names the figure in
/// warnings: "OP / FIGURE" or "OP [CASE] / FIGURE", appended to `warnings`; where a side's spread
/// is too wide to trust, "WHERE (base)" or "WHERE (new)" is appended to `noisy`.
FigureComparison judge_figure(const std::string& operation, const std::string& where, const BaseFigures& b,
                              const FigureView& n, const ComparisonResult& result, std::vector<std::string>& warnings,
                              std::vector<std::string>& noisy);

}  // namespace ph::report::detail
