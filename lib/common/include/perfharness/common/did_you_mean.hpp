#pragma once
// "did you mean" for a misspelt name: a subcommand, an option, a strategy, a parameter, a key.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ph {

/// Levenshtein distance: the fewest single-character insertions, deletions and substitutions.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate close enough to `word` to be a typo of it (a third of its length, 1 to 3
/// edits), the closest first found; else the one candidate that begins with `word` (3
/// characters or more); empty when there is none.
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

/// "; did you mean 'x'?" when closest_name finds one, otherwise "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace ph
