#pragma once
// Each subcommand registers its options on the CLI and returns the action to run
// once parsing succeeded; the action returns the process exit code.
#include <functional>

#include <CLI/CLI.hpp>

namespace ph::cli {

using Action = std::function<int()>;

Action add_backtest_command(CLI::App& app);
Action add_validate_command(CLI::App& app);
Action add_list_command(CLI::App& app);
Action add_run_command(CLI::App& app);
Action add_compare_command(CLI::App& app);
Action add_history_command(CLI::App& app);
Action add_report_command(CLI::App& app);
Action add_merge_command(CLI::App& app);

}  // namespace ph::cli
