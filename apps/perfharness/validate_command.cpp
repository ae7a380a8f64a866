// `perfharness validate`: reads each scenario as `run` would and reports every
// problem, one line each, before anything is run.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "shared_options.hpp"
#include "plugin_option.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/scenario/scenario.hpp"
#include "perfharness/scenario/scenario_json.hpp"

namespace ph::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
  std::size_t max_grid = scenario::LoadOptions{}.max_grid;
  bool print = false;
  std::vector<std::string> plugins;
};

int run(const ValidateOptions& o) {
  load_plugins(o.plugins);
  scenario::LoadOptions options;
  options.overrides = o.overrides;
  options.max_grid = o.max_grid;
  bool all_valid = true;
  for (const auto& file : o.files) {
    const scenario::LoadResult result = scenario::load_scenario(file, options);
    for (const auto& problem : result.problems) std::cerr << problem.format() << '\n';
    for (const auto& warning : result.warnings) std::cerr << "warning: " << warning.format() << '\n';
    if (!result.scenario) {
      all_valid = false;
      std::cerr << file << ": invalid (" << result.problems.size()
                << (result.problems.size() == 1 ? " problem)\n" : " problems)\n");
      continue;
    }
    const std::size_t n = result.scenario->operations.size();
    // With --print, stdout is the resolved scenarios alone, for jq and the like.
    (o.print ? std::cerr : std::cout) << file << ": ok (" << n << (n == 1 ? " operation)\n" : " operations)\n");
    if (o.print) std::cout << scenario::to_json(*result.scenario).dump(2) << '\n';
  }
  return all_valid ? exit_code::kOk : exit_code::kBadInput;
}

}  // namespace

Action add_validate_command(CLI::App& app) {
  auto o = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check scenario files without running them; print every problem as file:line:col: path: message.");
  cmd->footer("Exit codes: 0 every scenario is valid, 2 a scenario has problems (listed on stderr).\n"
              "Format: docs/scenario-format.md");
  cmd->add_option("scenarios", o->files, "scenario files (.yaml, .yml or .json)")->required();
  cmd->add_option("--set", o->overrides,
                  "override a key before validation, KEY=VALUE (repeatable), e.g. --set defaults.repetitions=3 "
                  "--set 'operations[0].symbols=[AAPL, MSFT]'")
      ->allow_extra_args(false);  // one KEY=VALUE per --set: the scenario files follow
  add_max_grid_option(cmd, o->max_grid);
  cmd->add_flag("--print", o->print,
                "print each valid scenario, resolved (the settings that take effect), as JSON on stdout; "
                "the ok lines go to stderr");
  add_plugin_option(cmd, o->plugins);
  return [o] { return run(*o); };
}

}  // namespace ph::cli
