#include "plugin_option.hpp"

#include "perfharness/plugins/plugin_loader.hpp"

namespace ph::cli {

void add_plugin_option(CLI::App* cmd, std::vector<std::string>& files) {
  cmd->add_option("--plugin", files, "load strategies from this plugin (a shared library, docs/plugins.md); repeatable")
      ->allow_extra_args(false);
}

std::vector<std::filesystem::path> load_plugins(const std::vector<std::string>& files) {
  std::vector<std::filesystem::path> loaded;
  for (const auto& file : files) {
    std::error_code ignored;
    loaded.push_back(std::filesystem::absolute(file, ignored).lexically_normal());
    plugins::load_plugin(loaded.back());
  }
  return loaded;
}

}  // namespace ph::cli
