#include "perfharness/plugins/plugin_loader.hpp"

#include <dlfcn.h>

#include <deque>
#include <fstream>

#include "perfharness/common/errors.hpp"
#include "perfharness/plugin.hpp"
#include "perfharness/strategies/strategy.hpp"
#include "plugin_strategy.hpp"

namespace ph::plugins {
namespace {

std::deque<LoadedPlugin>& loaded() {
  static std::deque<LoadedPlugin> plugins;
  return plugins;
}

InputError bad(const std::filesystem::path& file, const std::string& what) {
  return InputError("plugin " + file.string() + ": " + what);
}

// dlopen's own text starts with the path, which the message already names.
std::string dl_reason(const std::filesystem::path& file) {
  const char* error = dlerror();
  std::string reason = error ? error : "unknown reason";
  const std::string prefix = file.string() + ": ";
  if (reason.compare(0, prefix.size(), prefix) == 0) reason.erase(0, prefix.size());
  return reason;
}

bool starts_like_elf(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
}

}  // namespace

const LoadedPlugin& load_plugin(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::exists(file, error))
    throw bad(file, "no such file; check the path (a scenario's plugins are relative to the scenario file)");
  if (std::filesystem::is_directory(file, error)) throw bad(file, "is a folder; name the plugin's .so file");
  const std::filesystem::path canonical = std::filesystem::canonical(file, error);
  if (error) throw bad(file, "cannot be resolved (" + error.message() + ")");
  for (const auto& p : loaded())
    if (p.file == canonical) return p;

  if (!starts_like_elf(canonical))
    throw bad(file, "is not a shared library (no ELF header); build it with add_library(NAME MODULE ...)");
  // RTLD_LOCAL: two plugins may each define helpers of the same name. Never closed: the
  // strategies it adds point into it until the process ends.
  void* handle = dlopen(canonical.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw bad(file, "cannot be loaded as a shared library: " + dl_reason(canonical));
  dlerror();
  const auto entry = reinterpret_cast<ph_plugin_entry>(dlsym(handle, PH_PLUGIN_ENTRY_NAME));
  if (!entry)
    throw bad(file, std::string("exports no entry point '") + PH_PLUGIN_ENTRY_NAME +
                        "'; define it with PH_PLUGIN_EXPORT (perfharness/plugin.hpp)");
  const ph_plugin* table = entry(&detail::host_table());
  if (!table) throw bad(file, std::string(PH_PLUGIN_ENTRY_NAME) + "() returned no table");
  if (table->api_version != PH_PLUGIN_API_VERSION)
    throw bad(file, "was built for plugin API version " + std::to_string(table->api_version) +
                        "; this perfharness loads version " + std::to_string(PH_PLUGIN_API_VERSION) +
                        "; rebuild it against this perfharness's perfharness/plugin.hpp");
  if (table->strategy_count <= 0 || table->strategies == nullptr)
    throw bad(file, "declares no strategy; list at least one in its ph_plugin table");

  std::vector<StrategyInfo> strategies;
  try {
    for (int i = 0; i < table->strategy_count; ++i) {
      StrategyInfo s = detail::strategy_of(table->strategies[i], canonical.string());
      for (const auto& earlier : strategies)
        if (earlier.name == s.name) throw InputError("declares the strategy '" + s.name + "' twice");
      if (const StrategyInfo* known = find_strategy(s.name))
        throw InputError("strategy '" + s.name + "' is already defined by " +
                         (known->built_in() ? std::string("perfharness (built in)") : known->source) +
                         "; rename it");
      strategies.push_back(std::move(s));
    }
  } catch (const InputError& e) {
    throw bad(file, e.what());
  }
  LoadedPlugin plugin{canonical, {}};
  for (auto& s : strategies) {
    plugin.strategies.push_back(s.name);
    add_strategy(std::move(s));
  }
  loaded().push_back(std::move(plugin));
  return loaded().back();
}

const std::deque<LoadedPlugin>& loaded_plugins() { return loaded(); }

}  // namespace ph::plugins
