#include "scenario_load.hpp"

#include "perfharness/common/errors.hpp"
#include "perfharness/plugins/plugin_loader.hpp"
#include "perfharness/runner/run_observer.hpp"

namespace ph::runner {

scenario::Scenario load_valid_scenario(const std::filesystem::path& file, const scenario::LoadOptions& options,
                                       const std::vector<std::filesystem::path>& plugins, RunObserver& observer,
                                       std::vector<std::string>& warnings) {
  for (const auto& plugin : plugins) plugins::load_plugin(plugin);
  auto loaded = scenario::load_scenario(file, options);
  if (!loaded.problems.empty()) {
    std::vector<std::string> lines;
    for (const auto& p : loaded.problems) lines.push_back(p.format());
    observer.scenario_problems(lines);
    throw InputError(file.string() + ": " + std::to_string(loaded.problems.size()) +
                     " problem(s) found; fix them and run `perfharness validate` to check");
  }
  for (const auto& w : loaded.warnings) warnings.push_back(w.format());
  return std::move(*loaded.scenario);
}

std::vector<std::string> scenario_arguments(const scenario::LoadOptions& options,
                                            const std::vector<std::filesystem::path>& plugins) {
  std::vector<std::string> args;
  for (const auto& o : options.overrides) args.insert(args.end(), {"--set", o});
  for (const auto& plugin : plugins) args.insert(args.end(), {"--plugin", plugin.string()});
  if (options.max_grid != scenario::LoadOptions{}.max_grid) args.insert(args.end(), {"--max-grid", std::to_string(options.max_grid)});
  return args;
}

}  // namespace ph::runner
