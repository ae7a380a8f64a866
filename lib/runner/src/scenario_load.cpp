#include "scenario_load.hpp"

#include "perfharness/common/errors.hpp"
#include "perfharness/plugins/plugin_loader.hpp"
#include "perfharness/runner/run_observer.hpp"

namespace ph::runner {

scenario::Scenario load_valid_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides,
                                       const std::vector<std::filesystem::path>& plugins, RunObserver& observer) {
  for (const auto& plugin : plugins) plugins::load_plugin(plugin);
  scenario::LoadOptions lo;
  lo.overrides = overrides;
  auto loaded = scenario::load_scenario(file, lo);
  if (!loaded.problems.empty()) {
    std::vector<std::string> lines;
    for (const auto& p : loaded.problems) lines.push_back(p.format());
    observer.scenario_problems(lines);
    throw InputError(file.string() + ": " + std::to_string(loaded.problems.size()) +
                     " problem(s) found; fix them and run `perfharness validate` to check");
  }
  return std::move(*loaded.scenario);
}

}  // namespace ph::runner
