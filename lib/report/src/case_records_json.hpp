#pragma once
// The JSON form of a case's workload and results (docs/report-format.md).
#include <nlohmann/json.hpp>

#include "perfharness/report/case_records.hpp"

namespace ph::report::detail {

/// Whether a sweep grid's rows are in the tree, or left as null for a writer that prints
/// them itself (the JSON reporter: grid_rows_text.hpp).
enum class GridRows { values, left_out };

nlohmann::ordered_json to_json(const Workload& workload);
nlohmann::ordered_json to_json(const CaseOutcome& outcome, GridRows rows = GridRows::values);

}  // namespace ph::report::detail
