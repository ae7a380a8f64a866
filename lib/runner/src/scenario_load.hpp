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
scenario::Scenario load_valid_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides,
                                       const std::vector<std::filesystem::path>& plugins, RunObserver& observer);

}  // namespace ph::runner
