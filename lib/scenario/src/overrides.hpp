#pragma once
#include <string>
#include <vector>

#include "node.hpp"

namespace ph::scenario::detail {

/// Applies each --set KEY=VALUE to the document before it is validated. KEY is a
/// dotted path with list indices (operations[0].symbols); VALUE is YAML flow text
/// ([A, B], {from: 1, to: 5}, 3, text). Missing map keys are created; a bad path is
/// reported, as are VALUE syntax errors.
void apply_overrides(Node& root, const std::vector<std::string>& overrides, Problems& problems);

}  // namespace ph::scenario::detail
