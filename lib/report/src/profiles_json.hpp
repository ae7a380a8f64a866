#pragma once
// The JSON form of the typed run parts (docs/report-format.md); used by the JSON reporter only.
#include <nlohmann/json.hpp>

#include "perfharness/report/opportunity.hpp"
#include "perfharness/report/profiles.hpp"
#include "perfharness/report/run_info.hpp"

namespace ph::report::detail {

nlohmann::ordered_json to_json(const ToolInfo& tool);
nlohmann::ordered_json to_json(const ScenarioInfo& scenario);
nlohmann::ordered_json to_json(const Environment& environment);
nlohmann::ordered_json to_json(const MemorySnapshot& memory);
nlohmann::ordered_json to_json(const CountersProfile& counters);
nlohmann::ordered_json to_json(const SamplingProfile& sampling);
nlohmann::ordered_json to_json(const DatabaseProfile& database);
/// A sweep's throughput is written into the operation object itself.
void add_to(nlohmann::ordered_json& operation, const SweepThroughput& sweep);
nlohmann::ordered_json to_json(const Opportunity& opportunity);

}  // namespace ph::report::detail
