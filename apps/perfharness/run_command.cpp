// `perfharness run`: options in, ph::runner::run_scenario, its exit code out.
#include <array>
#include <iterator>

#include "commands.hpp"
#include "shared_options.hpp"
#include "output_options.hpp"
#include "plugin_option.hpp"
#include "terminal.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/runner/run.hpp"
#include "perfharness/scenario/scenario.hpp"

namespace ph::cli {

Action add_run_command(CLI::App& app) {
  auto o = std::make_shared<runner::RunOptions>();
  auto repeat = std::make_shared<int>(0);
  auto warmup = std::make_shared<int>(-1);
  auto processes = std::make_shared<int>(-1);
  auto values = std::make_shared<int>(0);
  auto min_time = std::make_shared<double>(-1);
  auto worker_values = std::make_shared<std::string>();
  auto gate = std::make_shared<std::string>();
  auto confirm = std::make_shared<bool>(true);
  auto db = std::make_shared<std::string>();
  auto history = std::make_shared<std::string>();
  auto baseline = std::make_shared<std::string>();
  auto paths = std::make_shared<OutputPaths>();
  auto verbose = std::make_shared<bool>(false);
  auto quiet = std::make_shared<bool>(false);
  auto scenario = std::make_shared<std::string>();
  auto plugins = std::make_shared<std::vector<std::string>>();

  CLI::App* cmd = app.add_subcommand("run", "Validate a scenario, run every operation under the profilers, write the report.");
  cmd->footer(exit_code::help_footer());
  cmd->add_option("scenario", *scenario, "scenario file (.yaml, .yml or .json)")->required();
  cmd->add_option(kOutputOptions[0].flag, (*paths)[0], kOutputOptions[0].help);
  cmd->add_option("--repeat", *repeat, "measured repetitions of every operation (overrides the scenario)")->check(CLI::Range(1, 100000));
  cmd->add_option("--warmup", *warmup, "warm-up runs before measuring (overrides the scenario)")->check(CLI::Range(0, 100000));
  cmd->add_option("--processes", *processes, "fresh worker processes that time each operation; 0: time in this process (overrides the scenario)")->check(CLI::Range(0, scenario::kMaxProcesses));
  cmd->add_option("--values", *values, "timing values per worker process (overrides the scenario)")->check(CLI::Range(1, scenario::kMaxValues));
  cmd->add_option("--min-time", *min_time, "seconds each timing value lasts at least, a batch of runs (overrides the scenario)")->check(CLI::Range(0.0, scenario::kMaxMinTime));
  // A worker process's side of the protocol (lib/runner/src/worker_processes.hpp); not for users.
  cmd->add_option("--worker-values", *worker_values)->group("");
  cmd->add_option("--worker-index", o->worker_index)->group("");
  cmd->add_option("--worker-operation", o->worker_operations)->group("");
  // The run under callgrind leaves out what failed in the run (a crashing plugin's operations).
  cmd->add_option("--skip-operation", o->skipped_operations)->group("");
  add_plugin_option(cmd, *plugins);
  cmd->add_option("--set", o->overrides, "override a scenario field: KEY=VALUE, e.g. defaults.repetitions=3 (repeatable)");
  add_max_grid_option(cmd, o->max_grid);
  cmd->add_option("--threads", o->threads, "worker threads for sweeps (default: every core)")->check(CLI::Range(1, 1024));
  auto* db_option = cmd->add_option("--db", *db, "record the run and its results in this SQLite database (persistence operations work in it too)");
  auto* history_option = cmd->add_option("--history", *history, "record the run in this history database and judge it "
                                         "against the latest runs of its scenario and environment there (exit 4 on a regression)");
  history_option->excludes(db_option);
  cmd->add_flag("--instructions", o->instructions, "count instructions per operation under valgrind's callgrind");
  auto shard = std::make_shared<std::string>();
  auto* shard_option = cmd->add_option("--shard", *shard, "run part I of N of the scenario's work (I/N, auto, auto/N); "
                                       "`perfharness merge` joins the parts (docs/scale-out.md)");
  for (std::size_t i = 1; i < 3; ++i) cmd->add_option(kOutputOptions[i].flag, (*paths)[i], kOutputOptions[i].help);
  auto* baseline_option = cmd->add_option("--baseline", *baseline, "compare with this earlier report, or with the latest runs of this scenario "
                  "and environment in this history database (--db); exit 4 on a significant regression");
  cmd->add_flag("--allow-nothing-compared", o->allow_nothing_compared,
                "run even when the --baseline report holds none of the scenario's operations (by default exit 2)");
  cmd->add_option("--baseline-runs", o->baseline_runs, "past runs a history baseline pools (--history, or --baseline with a database)")
      ->capture_default_str()->check(CLI::Range(1, 1000));
  add_threshold_option(cmd, o->regression_threshold_pct, "smallest regression that counts, in percent");
  add_gate_option(cmd, *gate, "figures the baseline comparison judges: all, or instructions (exact counts, "
                  "counted under callgrind; the recommended gate on shared runners). Default: the scenario's gate");
  auto* confirm_flag = cmd->add_flag("--confirm,!--no-confirm", *confirm,
                                     "measure a timing figure that looks regressed again in fresh processes before it "
                                     "counts (default: the scenario's confirm, which is on)");
  add_alpha_option(cmd, o->regression_alpha, "significance level of the regression test");
  for (std::size_t i = 3; i < std::size(kOutputOptions); ++i)
    cmd->add_option(kOutputOptions[i].flag, (*paths)[i], kOutputOptions[i].help);
  auto* q = cmd->add_flag("-q,--quiet", *quiet, "print nothing but errors on stderr");
  auto* v = cmd->add_flag("-v,--verbose", *verbose, "log each step on stderr");
  q->excludes(v);
  // A shard measures part of the work: it is judged, against budgets and baselines, once merged.
  shard_option->excludes(history_option);
  shard_option->excludes(baseline_option);

  return [=] {
    o->scenario = *scenario;
    o->plugins = load_plugins(*plugins);
    if (*repeat > 0) o->repetitions = *repeat;
    if (*warmup >= 0) o->warmup = *warmup;
    if (*processes >= 0) o->processes = *processes;
    if (*values > 0) o->values = *values;
    if (*min_time >= 0) o->min_time_s = *min_time;
    if (!worker_values->empty()) o->worker_values = *worker_values;
    if (confirm_flag->count() > 0) o->confirm = *confirm;
    if (!gate->empty()) o->gate = report::gate_named(*gate);  // CLI11 checked the name
    if (!db->empty()) o->db = *db;
    if (!history->empty()) o->history = *history;
    if (!baseline->empty()) o->baseline = *baseline;
    if (!shard->empty()) o->shard = runner::resolve_shard(*shard);
    o->outputs = requested_outputs(*paths);
    const Verbosity verbosity = *quiet ? Verbosity::Quiet : *verbose ? Verbosity::Verbose : Verbosity::Normal;
    set_log_level(verbosity);
    TerminalObserver terminal(verbosity);
    return runner::run_scenario(*o, &terminal);
  };
}

}  // namespace ph::cli
