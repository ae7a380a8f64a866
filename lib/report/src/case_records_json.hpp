#pragma once
// The JSON form of a case's workload and results (docs/report-format.md).
#include <nlohmann/json.hpp>

#include "perfharness/report/case_records.hpp"

namespace ph::report::detail {

nlohmann::ordered_json to_json(const Workload& workload);
nlohmann::ordered_json to_json(const CaseOutcome& outcome);

}  // namespace ph::report::detail
