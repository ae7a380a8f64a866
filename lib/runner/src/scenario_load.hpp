#pragma once
// A scenario read for a run or a merge: plugins loaded first, every problem told to the
// observer, and refused as a whole when there is any.
#include <filesystem>
#include <string>
#include <vector>

#include "perfharness/scenario/scenario.hpp"

namespace ph::runner {

class RunObserver;

/// Throws InputError naming the file and the count of problems, after `observer` heard each.
/// The scenario's warnings (LoadResult::warnings), formatted, are appended to `warnings`.
scenario::Scenario load_valid_scenario(const std::filesystem::path& file, const scenario::LoadOptions& options,
                                       const std::vector<std::filesystem::path>& plugins, RunObserver& observer,
                                       std::vector<std::string>& warnings);

/// The arguments that make a child perfharness read the scenario as this process did: each
/// --set, --plugin, and --max-grid when it is not the default.
std::vector<std::string> scenario_arguments(const scenario::LoadOptions& options,
                                            const std::vector<std::filesystem::path>& plugins);

}  // namespace ph::runner
