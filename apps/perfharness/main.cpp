// The perfharness front end: parse arguments, call the library, map the outcome
// to the documented exit codes. No measurement logic lives here.
#include <cstdio>
#include <exception>
#include <map>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "parse_hint.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/common/version.hpp"

int main(int argc, char** argv) {
  // Log lines go to stderr in the shape of the error lines: stdout may be the report (-o -).
  auto log = spdlog::stderr_logger_mt("perfharness");
  log->set_pattern("perfharness: %l: %v");
  spdlog::set_default_logger(std::move(log));
  CLI::App app{"perfharness: a profiling harness for trading-strategy backtests.\n" + ph::exit_code::help_footer()};
  app.set_version_flag("--version", "perfharness " + std::string(ph::version()));
  app.require_subcommand(1);
  std::map<const CLI::App*, ph::cli::Action> actions;
  auto add = [&](ph::cli::Action action) { actions[app.get_subcommands({}).back()] = std::move(action); };
  add(ph::cli::add_run_command(app));
  add(ph::cli::add_backtest_command(app));
  add(ph::cli::add_validate_command(app));
  add(ph::cli::add_list_command(app));
  add(ph::cli::add_compare_command(app));
  add(ph::cli::add_merge_command(app));
  add(ph::cli::add_report_command(app));
  add(ph::cli::add_history_command(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "perfharness: error: %s%s (see --help)\n", e.what(), ph::cli::parse_hint(app).c_str());
    return ph::exit_code::kBadInput;
  }
  try {
    for (const auto& [sub, action] : actions)
      if (sub->parsed()) return action();
    return ph::exit_code::kBadInput;
  } catch (const ph::InputError& e) {
    std::fprintf(stderr, "perfharness: error: %s\n", e.what());
    return ph::exit_code::kBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "perfharness: error: %s\n", e.what());
    return ph::exit_code::kRuntime;
  }
}
