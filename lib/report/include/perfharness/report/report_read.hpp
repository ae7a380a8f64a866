#pragma once
// A JSON report (as `run -o` writes it) read back into the typed result: what a run measured,
// for `perfharness merge` to put shards together. The judgements a report also holds (budgets,
// opportunities, comparison, verdict) are not read: whoever reads a report judges it afresh.
#include <filesystem>
#include <string>

#include "perfharness/report/run_result.hpp"

namespace ph::report {

/// Throws InputError naming `label` (the file) and the field at fault. Strategies named in the
/// report must be known (built in, or loaded from their plugins first).
RunResult read_report_text(const std::string& text, const std::string& label);
RunResult read_report_file(const std::filesystem::path& file);
/// Only the scenario a report names (path and sha256 among it): read before the report's
/// strategies need to be known, as the scenario loads the plugins that define them.
ScenarioInfo read_report_scenario(const std::filesystem::path& file);

}  // namespace ph::report
