#include "perfharness/runner/run.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <map>

#include <spdlog/spdlog.h>

#include "analysis.hpp"
#include "baseline_judgement.hpp"
#include "environment.hpp"
#include "executor.hpp"
#include "interrupt.hpp"
#include "repetition_mark.hpp"
#include "operation_profiling.hpp"
#include "plugin_probe.hpp"
#include "perfharness/report/noise.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/utc_time.hpp"
#include "perfharness/common/version.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/common/output_file.hpp"
#include "perfharness/profilers/callgrind.hpp"
#include "perfharness/profilers/heap.hpp"
#include "perfharness/runner/run_observer.hpp"
#include "run_outputs.hpp"
#include "scenario_load.hpp"
#include "shard_run.hpp"
#include "worker_processes.hpp"

namespace ph::runner {
namespace {

scenario::Scenario load_or_throw(const RunOptions& options, RunObserver& observer, std::vector<std::string>& warnings) {
  scenario::Scenario sc =
      load_valid_scenario(options.scenario, {options.overrides, options.max_grid}, options.plugins, observer, warnings);
  if (options.repetitions) {
    if (*options.repetitions < 1) throw InputError("--repeat must be at least 1");
    sc.defaults.repetitions = *options.repetitions;
    for (auto& op : sc.operations) op.repetitions.reset();
  }
  if (options.warmup) {
    if (*options.warmup < 0) throw InputError("--warmup must be 0 or more");
    sc.defaults.warmup = *options.warmup;
    for (auto& op : sc.operations) op.warmup.reset();
  }
  if (options.processes) {
    sc.defaults.processes = *options.processes;
    for (auto& op : sc.operations) op.processes.reset();
  }
  if (options.values) {
    sc.defaults.values = *options.values;
    for (auto& op : sc.operations) op.values.reset();
  }
  if (options.min_time_s) {
    sc.defaults.min_time_s = *options.min_time_s;
    for (auto& op : sc.operations) op.min_time_s.reset();
  }
  return sc;
}

// Runs the scenario again under callgrind, one warm-up and one measured repetition,
// each operation's measured run bracketed by a callgrind dump: exact instruction counts.
void count_instructions_in_process(const RunOptions& options, std::vector<std::unique_ptr<OperationExecutor>>& executors) {
  profilers::CallgrindLaunch launch;
  const std::filesystem::path dir = make_temporary_folder("perfharness-callgrind");
  const std::filesystem::path log = dir / "valgrind.log";
  launch.out_dir = dir;
  launch.stderr_file = log;  // valgrind's banner stays off the user's terminal
  launch.args = {"run", options.scenario.string(), "--repeat", "1", "--warmup", "1", "-q", "--threads", "1", "--processes", "0", "--gate", "all"};
  const auto add = [&launch](const char* flag, const std::string& value) {
    launch.args.push_back(flag);
    launch.args.push_back(value);
  };
  for (auto& arg : scenario_arguments({options.overrides, options.max_grid}, options.plugins)) launch.args.push_back(std::move(arg));
  if (options.shard) add("--shard", options.shard->argument());
  for (const auto& e : executors)
    if (!e->result().error.empty()) add("--skip-operation", e->operation().name);
  spdlog::info("counting instructions under callgrind (slow)");
  const profilers::CallgrindRun child = profilers::run_under_callgrind(launch);
  std::error_code ignored;
  if (child.exit_code >= 0 && child.exit_code != exit_code::kRuntime && child.exit_code != exit_code::kBadInput)
    std::filesystem::remove_all(dir, ignored);
  if (child.exit_code < 0 || child.exit_code == exit_code::kRuntime || child.exit_code == exit_code::kBadInput)
    throw RuntimeFailure("--instructions: the run under callgrind failed (exit " + std::to_string(child.exit_code) +
                         "); valgrind's messages are in " + log.string());
  // An operation's dumps: its own label, "NAME\x1fCASE" for each case counted apart and
  // "NAME\x1fCASE\x1fI" for a sweep's parameter set I in a case; each total is the sum of its
  // own dumps and its parts'.
  constexpr char kSep = profilers::kInstructionPartSeparator;
  for (auto& e : executors) {
    const std::string& name = e->operation().name;
    std::optional<std::uint64_t> total;
    std::map<std::string, std::uint64_t> cases;
    std::map<std::string, std::map<std::size_t, std::uint64_t>> parameter_sets;  // by case, by grid index
    for (const auto& [label, count] : child.instructions) {
      if (label == name) {
        total = total.value_or(0) + count;
      } else if (label.size() > name.size() && label.compare(0, name.size(), name) == 0 && label[name.size()] == kSep) {
        total = total.value_or(0) + count;
        const std::string part = label.substr(name.size() + 1);
        const auto sep = part.find(kSep);
        cases[part.substr(0, sep)] += count;
        if (sep == std::string::npos) continue;
        std::size_t index = 0;
        const char* last = part.data() + part.size();
        if (std::from_chars(part.data() + sep + 1, last, index).ptr == last) parameter_sets[part.substr(0, sep)][index] += count;
      }
    }
    if (!total) continue;
    figure_of(e->result().figures, figures::key::instructions).samples = {static_cast<double>(*total)};
    const std::vector<Parameters>* grid = e->parameter_grid();
    for (auto& c : e->result().cases) {
      if (const auto it = cases.find(c.label); it != cases.end())
        figure_of(c.figures, figures::key::instructions).samples = {static_cast<double>(it->second)};
      if (const auto it = parameter_sets.find(c.label); grid && it != parameter_sets.end())
        for (const auto& [index, count] : it->second)
          if (index < grid->size()) c.parameter_sets.push_back({(*grid)[index], static_cast<double>(count)});
    }
  }
}

// Command operations count their programs under callgrind one by one; the others are counted
// by one run of the scenario under callgrind.
void count_instructions(const RunOptions& options, std::vector<std::unique_ptr<OperationExecutor>>& executors) {
  bool any_in_process = false;
  for (auto& e : executors) {
    if (e->operation().kind() != OperationKind::Command) {
      any_in_process = true;
      continue;
    }
    if (!e->result().error.empty()) continue;
    const std::filesystem::path dir = make_temporary_folder("perfharness-callgrind");
    spdlog::info("counting the instructions of {} under callgrind (slow)", e->operation().name);
    try {
      if (const auto count = e->count_instructions_apart(dir))
        figure_of(e->result().figures, figures::key::instructions).samples = {static_cast<double>(*count)};
    } catch (const std::exception& failure) {
      e->result().error = std::string("--instructions: ") + failure.what();
      continue;  // the folder stays for its messages
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  if (any_in_process) count_instructions_in_process(options, executors);
}

}  // namespace

int run_scenario(const RunOptions& options, RunObserver* observer) {
  RunObserver silent;
  RunObserver& observe = observer ? *observer : silent;
  const std::string started_at = utc_now_iso8601();
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> scenario_warnings;  // the report's, from the start
  const scenario::Scenario sc = load_or_throw(options, observe, scenario_warnings);
  check_outputs(options.outputs);
  check_baseline(options, sc);
  const bool gate_instructions = options.gate ? *options.gate == report::Gate::instructions : sc.gate_instructions;
  // Counted by a child under callgrind, which counts nothing itself, nor does a worker.
  const bool instructions =
      (options.instructions || gate_instructions) && !options.worker_values && !profilers::is_callgrind_child();
  if (instructions && profilers::find_valgrind().empty())
    throw RuntimeFailure(std::string(options.instructions ? "--instructions" : "the instructions gate") +
                         " needs valgrind, which is not on PATH; install it (apt-get install valgrind)");

  InterruptGuard interrupt;
  SeriesCache cache([&sc](const std::string& symbol) { return load_series(sc, symbol); });
  const int threads = options.threads > 0 ? options.threads : std::max(1, static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)));
  RunContext ctx{sc, cache, threads, options.db, std::nullopt, interrupt.flag()};
  RunRecorder recorder(options, sc);  // --db: the run's row
  ctx.run_id = recorder.run_id();

  // Every operation is prepared before any is measured: bad input stops the run
  // before work is wasted, and no report is written for it.
  std::vector<std::unique_ptr<OperationExecutor>> executors;
  std::vector<OperationProfiling> profiling;
  std::vector<BacktestExecutor*> backtests(sc.operations.size(), nullptr);  // by operation index
  for (std::size_t i = 0; i < sc.operations.size(); ++i) {
    executors.push_back(make_executor(sc.operations[i], i, backtests));
    executors.back()->keep_trace_slices(options.wants("trace"));
  }
  for (std::size_t i = 0; i < executors.size(); ++i) {
    spdlog::debug("preparing {}", sc.operations[i].name);
    executors[i]->prepare(ctx);
  }
  std::vector<bool> in_shard(executors.size(), true);
  if (options.shard) in_shard = restrict_to_shard(*options.shard, sc, executors);
  if (options.worker_values) {
    measure_as_worker(options, sc, executors, ctx);
    return exit_code::kOk;
  }
  if (!profilers::is_callgrind_child()) probe_plugin_operations(options, sc, executors, threads, interrupt.flag());
  std::vector<bool> skipped;  // --skip-operation: not run, and no error of theirs
  for (const auto& op : sc.operations) {
    profiling.emplace_back(op, options);
    const auto& names = options.skipped_operations;
    skipped.push_back(!in_shard[skipped.size()] || std::find(names.begin(), names.end(), op.name) != names.end());
  }

  // Repetitions are interleaved across operations so that machine drift hits all alike.
  int rounds = 0;
  for (const auto& op : sc.operations)
    rounds = std::max(rounds, op.warmup.value_or(sc.defaults.warmup) + op.repetitions.value_or(sc.defaults.repetitions));
  for (int round = 0; round < rounds && !interrupt.flag(); ++round) {
    for (std::size_t i = 0; i < executors.size() && !interrupt.flag(); ++i) {
      const auto& op = sc.operations[i];
      const int warmup = op.warmup.value_or(sc.defaults.warmup);
      const int reps = op.repetitions.value_or(sc.defaults.repetitions);
      auto& result = executors[i]->result();
      if (round >= warmup + reps || !result.error.empty() || skipped[i]) continue;
      const bool measured = round >= warmup;
      observe.repetition_starting(round + 1, rounds, op.name, measured);
      spdlog::debug("{} round {} ({})", op.name, round + 1, measured ? "measured" : "warm-up");
      try {
        const RepetitionMark mark(*executors[i]);
        if (!profiling[i].run(*executors[i], ctx, measured)) {
          mark.roll_back(*executors[i]);  // cut short: none of its figures or digests are kept
          break;
        }
        if (measured) ++result.repetitions;
        else ++result.warmup;
      } catch (const InputError&) {
        throw;
      } catch (const std::exception& e) {
        result.error = e.what();
        spdlog::error("operation '{}' failed: {}", op.name, e.what());
      }
    }
  }

  observe.repetitions_done();
  for (std::size_t i = 0; i < executors.size(); ++i)
    if (executors[i]->result().error.empty() && !skipped[i]) profiling[i].top_up_samples(*executors[i], ctx);
  if (!interrupt.flag()) measure_in_workers(options, sc, executors, threads, interrupt.flag(), observe);
  if (instructions && !interrupt.flag()) count_instructions(options, executors);

  report::RunResult run;
  run.interrupted = interrupt.flag();
  run.tool.version = std::string(version());
  run.scenario = {sc.name, sc.path.string(), sc.sha256, sc.description, sc.seed};
  run.environment = read_environment(profiler_availability());
  run.warnings = std::move(scenario_warnings);
  if (!optimised_build() || sanitized_build())
    run.warnings.push_back(std::string("this perfharness build is ") + (sanitized_build() ? "instrumented by sanitizers" : "not optimised") +
                           " (" + build_type() + "): its timings do not reflect a release build");
  if (run.interrupted) run.warnings.push_back("interrupted: the figures cover the repetitions finished before SIGINT");
  for (std::size_t i = 0; i < executors.size(); ++i) {
    auto& result = executors[i]->result();
    profiling[i].finish(result);
    for (auto& w : report::noise_warnings(result)) result.warnings.push_back(std::move(w));
    run.operations.push_back(executors[i]->result_in_shard());  // copied: --db saves read the executors afterwards
  }
  if (options.shard) run.shard = report::ShardInfo{options.shard->index, options.shard->count, options.shard->source};
  run.complete = !run.interrupted && std::all_of(run.operations.begin(), run.operations.end(),
                                                 [](const auto& op) { return op.error.empty(); });
  analyse(sc, run);
  if (!options.shard) check_budgets(sc, run);  // a shard's figures are part of the whole: judged when merged
  const BaselineJudgement how{gate_instructions, options.confirm.value_or(sc.confirm), threads};
  const bool regression = compare_with_baseline(options, sc, how, interrupt.flag(), run, observe);
  run.exit_code = run.interrupted ? exit_code::kInterrupted : verdict_code(run, regression);
  run.started_at = started_at;
  run.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (options.wants("trace")) run.timeline = timeline_of(profiling, executors);
  RenderedRun rendered(run);
  write_outputs(options.outputs, rendered);
  recorder.save_results(backtests);
  recorder.finish(rendered);
  observe.finished(run);
  return run.exit_code;
}

}  // namespace ph::runner
