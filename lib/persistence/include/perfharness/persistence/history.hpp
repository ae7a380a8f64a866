#pragma once
// The two forms `perfharness history` prints: a table for people, JSON for tools.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "perfharness/persistence/database.hpp"

namespace ph::persistence {

/// One object per run: id, scenario, scenario_hash, tool_version, started_at, finished_at,
/// verdict, duration_s, results, mean_execution_time_s (null when unknown), figures {name: value}.
nlohmann::ordered_json history_json(const std::vector<RunSummary>& runs);

/// Aligned columns, one run per line, oldest first; a column per key figure any run has.
std::string history_table(const std::vector<RunSummary>& runs);

}  // namespace ph::persistence
