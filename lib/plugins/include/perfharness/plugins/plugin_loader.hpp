#pragma once
// Loading strategy plugins (docs/plugins.md): shared libraries that add strategies to the
// registry, which then work wherever a built-in strategy does.
#include <deque>
#include <filesystem>
#include <string>
#include <vector>

namespace ph::plugins {

/// What one loaded plugin added.
struct LoadedPlugin {
  std::filesystem::path file;           // as canonical path
  std::vector<std::string> strategies;  // names, in the plugin's order
};

/// Loads the plugin `file` and adds its strategies. Loading a file again (by its canonical
/// path) does nothing and returns what it added the first time. Throws ph::InputError with one
/// line naming the file and what to do when the file is missing, not a shared library, lacks
/// the entry point, was built for another API version, or declares a strategy badly (a name
/// taken, a default outside its range, ...); nothing of that file is added then.
/// Not thread-safe: plugins are loaded while a command starts.
const LoadedPlugin& load_plugin(const std::filesystem::path& file);

/// Every plugin loaded so far, in the order loaded.
const std::deque<LoadedPlugin>& loaded_plugins();

}  // namespace ph::plugins
