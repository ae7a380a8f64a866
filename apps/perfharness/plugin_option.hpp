#pragma once
// --plugin FILE, shared by the subcommands that name strategies (docs/plugins.md).
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace ph::cli {

/// Adds the repeatable --plugin option to `cmd`, filling `files`.
void add_plugin_option(CLI::App* cmd, std::vector<std::string>& files);

/// Loads each plugin (relative paths from the current folder); their absolute paths, for the
/// processes a run starts. Throws ph::InputError naming the file and the fix.
std::vector<std::filesystem::path> load_plugins(const std::vector<std::string>& files);

}  // namespace ph::cli
