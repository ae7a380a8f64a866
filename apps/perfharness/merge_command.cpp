// `perfharness merge`: the shards' reports in, ph::runner::merge_shards, the whole run's exit code out.
#include <array>
#include <cstring>

#include "commands.hpp"
#include "shared_options.hpp"
#include "output_options.hpp"
#include "plugin_option.hpp"
#include "terminal.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/runner/merge.hpp"

namespace ph::cli {

Action add_merge_command(CLI::App& app) {
  auto o = std::make_shared<runner::MergeOptions>();
  auto shards = std::make_shared<std::vector<std::string>>();
  auto scenario = std::make_shared<std::string>();
  auto plugins = std::make_shared<std::vector<std::string>>();
  auto paths = std::make_shared<OutputPaths>();
  auto verbose = std::make_shared<bool>(false);
  auto quiet = std::make_shared<bool>(false);

  CLI::App* cmd = app.add_subcommand("merge", "Join the reports of a run's shards (run --shard I/N) into the whole run's: "
                                              "judged against the scenario's budgets, exit code as the unsharded run's.");
  cmd->footer(exit_code::help_footer());
  cmd->add_option("reports", *shards, "every shard's JSON report (run --shard I/N -o FILE), in any order")->required();
  cmd->add_option("--scenario", *scenario, "the scenario the shards ran (default: the path their reports name)");
  cmd->add_option("--set", o->overrides, "a scenario override the shards were given: KEY=VALUE (repeatable)");
  add_max_grid_option(cmd, o->max_grid);
  add_plugin_option(cmd, *plugins);
  // A merged run has no timeline: its zones' events stayed on the shards' machines.
  for (std::size_t i = 0; i < kOutputOptionCount; ++i)
    if (std::strcmp(kOutputOptions[i].format, "trace") != 0) cmd->add_option(kOutputOptions[i].flag, (*paths)[i], kOutputOptions[i].help);
  auto* q = cmd->add_flag("-q,--quiet", *quiet, "print nothing but errors on stderr");
  auto* v = cmd->add_flag("-v,--verbose", *verbose, "log each step on stderr");
  q->excludes(v);

  return [=] {
    for (const auto& s : *shards) o->shards.push_back(s);
    if (!scenario->empty()) o->scenario = *scenario;
    o->plugins = load_plugins(*plugins);
    o->outputs = requested_outputs(*paths);
    const Verbosity verbosity = *quiet ? Verbosity::Quiet : *verbose ? Verbosity::Verbose : Verbosity::Normal;
    set_log_level(verbosity);
    TerminalObserver terminal(verbosity);
    return runner::merge_shards(*o, &terminal);
  };
}

}  // namespace ph::cli
