#pragma once
// "did you mean" for a command line CLI11 refused: an unknown option of the subcommand given,
// or an unknown subcommand.
#include <string>

#include <CLI/CLI.hpp>

namespace ph::cli {

/// "; did you mean '--threads'?" when the first word CLI11 could not place is a typo of an
/// option of the subcommand given (or of a subcommand, when none was), otherwise "".
std::string parse_hint(const CLI::App& app);

}  // namespace ph::cli
