// `perfharness run`: options in, ph::runner::run_scenario, its exit code out.
#include "commands.hpp"
#include "terminal.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/runner/run.hpp"

namespace ph::cli {

Action add_run_command(CLI::App& app) {
  auto o = std::make_shared<runner::RunOptions>();
  auto repeat = std::make_shared<int>(0);
  auto warmup = std::make_shared<int>(-1);
  auto db = std::make_shared<std::string>();
  auto paths = std::make_shared<std::array<std::string, 6>>();  // flamegraph, trace, baseline, junit, markdown, benchmark-json
  auto verbose = std::make_shared<bool>(false);
  auto quiet = std::make_shared<bool>(false);
  auto scenario = std::make_shared<std::string>();

  CLI::App* cmd = app.add_subcommand("run", "Validate a scenario, run every operation under the profilers, write the report.");
  cmd->footer(exit_code::help_footer());
  cmd->add_option("scenario", *scenario, "scenario file (.yaml, .yml or .json)")->required();
  cmd->add_option("-o,--output", o->report, "write the JSON report here ('-' for stdout)");
  cmd->add_option("--repeat", *repeat, "measured repetitions of every operation (overrides the scenario)")->check(CLI::Range(1, 100000));
  cmd->add_option("--warmup", *warmup, "warm-up runs before measuring (overrides the scenario)")->check(CLI::Range(0, 100000));
  cmd->add_option("--set", o->overrides, "override a scenario field: KEY=VALUE, e.g. defaults.repetitions=3 (repeatable)");
  cmd->add_option("--threads", o->threads, "worker threads for sweeps (default: every core)")->check(CLI::Range(1, 1024));
  cmd->add_option("--db", *db, "record the run and its results in this SQLite database");
  cmd->add_flag("--instructions", o->instructions, "count instructions per operation under valgrind's callgrind");
  cmd->add_option("--flamegraph", (*paths)[0], "write sampled stacks in collapsed format (flamegraph.pl, speedscope)");
  cmd->add_option("--trace", (*paths)[1], "write the zones as a Chrome trace (Perfetto, chrome://tracing)");
  cmd->add_option("--baseline", (*paths)[2], "compare with this earlier report; exit 4 on a significant regression");
  cmd->add_option("--threshold", o->regression_threshold_pct, "smallest regression that counts, in percent")->capture_default_str()->check(CLI::Range(0.0, 1000.0));
  cmd->add_option("--alpha", o->regression_alpha, "significance level of the regression test")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--junit", (*paths)[3], "write JUnit XML: one test case per budget and regression check");
  cmd->add_option("--markdown", (*paths)[4], "write a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)");
  cmd->add_option("--benchmark-json", (*paths)[5], "write figures in the benchmark-action customSmallerIsBetter format");
  auto* q = cmd->add_flag("-q,--quiet", *quiet, "print nothing but errors on stderr");
  auto* v = cmd->add_flag("-v,--verbose", *verbose, "log each step on stderr");
  q->excludes(v);

  return [=] {
    o->scenario = *scenario;
    if (*repeat > 0) o->repetitions = *repeat;
    if (*warmup >= 0) o->warmup = *warmup;
    if (!db->empty()) o->db = *db;
    std::optional<std::filesystem::path>* targets[] = {&o->flamegraph, &o->trace, &o->baseline, &o->junit, &o->markdown, &o->benchmark_json};
    for (std::size_t i = 0; i < paths->size(); ++i)
      if (!(*paths)[i].empty()) *targets[i] = (*paths)[i];
    const Verbosity verbosity = *quiet ? Verbosity::Quiet : *verbose ? Verbosity::Verbose : Verbosity::Normal;
    set_log_level(verbosity);
    TerminalObserver terminal(verbosity);
    return runner::run_scenario(*o, &terminal);
  };
}

}  // namespace ph::cli
