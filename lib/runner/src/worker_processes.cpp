#include "worker_processes.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <variant>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "perfharness/common/errors.hpp"
#include "perfharness/common/output_file.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/profilers/callgrind.hpp"
#include "perfharness/report/worker_values.hpp"
#include "repetition_mark.hpp"
#include "scenario_load.hpp"

namespace ph::runner {
namespace {

constexpr std::uint64_t kMaxIterations = 10'000'000;

using Counts = std::map<std::string, std::size_t>;

// The samples a batch added become one value: their mean, the figure per run.
void collapse(report::Figures& figures, const Counts& before) {
  for (auto& [name, f] : figures) {
    const auto it = before.find(name);
    const std::size_t from = it == before.end() ? 0 : it->second;
    if (f.samples.size() <= from + 1) continue;
    double sum = 0;
    for (std::size_t i = from; i < f.samples.size(); ++i) sum += f.samples[i];
    const double mean = sum / static_cast<double>(f.samples.size() - from);
    f.samples.resize(from);
    f.samples.push_back(mean);
  }
}

report::Figures timing_only(const report::Figures& figures) {
  report::Figures out;
  for (const auto& [name, f] : figures)
    if (figures::is_timing(name) && !f.samples.empty()) out[name] = f;
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One worker's values join the pooled figures, as that process's share of their samples.
void append(report::Figures& into, const report::Figures& from) {
  for (const auto& [name, f] : from) {
    auto& figure = into[name];
    figure.unit = f.unit;
    figure.samples.insert(figure.samples.end(), f.samples.begin(), f.samples.end());
    figure.process_values.push_back(static_cast<std::uint32_t>(f.samples.size()));
  }
}

// The workers' values replace the run's own samples of every timing figure they measured.
void replace_timings(report::Figures& figures, report::Figures& pooled) {
  for (auto& [name, f] : pooled) figures[name] = std::move(f);
}

}  // namespace

std::string WorkerExit::describe() const {
  if (signal != 0) return fmt::format("killed by SIG{} ({})", sigabbrev_np(signal) ? sigabbrev_np(signal) : "?", strsignal(signal));
  return "exit " + std::to_string(code);
}

std::string tail_of(const std::filesystem::path& log) {
  std::string text = read_text(log);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const std::size_t cut = text.size() > 400 ? text.rfind('\n', text.size() - 400) : std::string::npos;
  return cut == std::string::npos ? text : text.substr(cut + 1);
}

std::vector<std::string> worker_arguments(const RunOptions& options, int threads, int index,
                                          const std::filesystem::path& values) {
  std::vector<std::string> args = {"run", options.scenario.string(), "-q", "--threads", std::to_string(threads),
                                   "--worker-values", values.string(), "--worker-index", std::to_string(index)};
  const auto add = [&](const char* flag, const std::string& value) {
    args.push_back(flag);
    args.push_back(value);
  };
  if (options.repetitions) add("--repeat", std::to_string(*options.repetitions));
  if (options.warmup) add("--warmup", std::to_string(*options.warmup));
  if (options.processes) add("--processes", std::to_string(*options.processes));
  if (options.values) add("--values", std::to_string(*options.values));
  if (options.min_time_s) add("--min-time", fmt::format("{}", *options.min_time_s));
  for (auto& arg : scenario_arguments({options.overrides, options.max_grid}, options.plugins)) args.push_back(std::move(arg));
  if (options.shard) add("--shard", options.shard->argument());
  for (const auto& name : options.worker_operations) add("--worker-operation", name);
  return args;
}

WorkerExit run_worker_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                              const std::filesystem::path& log, const std::atomic<bool>& interrupted) {
  std::vector<std::string> strings = args;
  strings.insert(strings.begin(), program.empty() ? profilers::current_executable().string() : program.string());
  std::vector<char*> argv;
  for (auto& s : strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int err = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) throw RuntimeFailure("cannot start a worker process (" + strings[0] + "): " + std::strerror(err));

  // Polled rather than blocked on, so that a SIGINT to the run alone also stops the worker.
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw RuntimeFailure(std::string("waiting for a worker process failed: ") + std::strerror(errno));
    if (interrupted) {
      kill(pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return {-1, 0};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFSIGNALED(status)) return {-1, WTERMSIG(status)};
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0};
}

MeasureSettings measure_settings(const scenario::Scenario& sc, const scenario::Operation& op) {
  MeasureSettings m;
  m.processes = op.processes.value_or(sc.defaults.processes);
  m.values = op.values.value_or(sc.defaults.values);
  m.min_time_s = op.min_time_s.value_or(sc.defaults.min_time_s);
  // At least one warm-up run: it calibrates the batch size.
  m.warmup = std::max(1, op.warmup.value_or(sc.defaults.warmup));
  return m;
}

void measure_as_worker(const RunOptions& options, const scenario::Scenario& sc,
                       std::vector<std::unique_ptr<OperationExecutor>>& executors, RunContext& ctx) {
  std::vector<MeasureSettings> settings;
  std::vector<std::uint64_t> iterations(executors.size(), 1);
  std::vector<std::string> errors(executors.size());
  int rounds = 0;
  std::vector<bool> here(executors.size(), false);  // measured by this worker
  for (std::size_t i = 0; i < sc.operations.size(); ++i) {
    const auto& op = sc.operations[i];
    settings.push_back(measure_settings(sc, op));
    const auto& only = options.worker_operations;
    here[i] = executors[i]->has_work() && settings.back().processes > options.worker_index &&
              (only.empty() || std::find(only.begin(), only.end(), op.name) != only.end());
    if (here[i]) rounds = std::max(rounds, settings.back().warmup + settings.back().values);
  }
  // A persistence operation saves its source's latest results: a source this worker does not
  // measure runs once, unmeasured, first.
  for (std::size_t i = 0; i < executors.size(); ++i) {
    const auto* spec = std::get_if<scenario::PersistenceSpec>(&sc.operations[i].spec);
    if (!spec || !spec->source_index || !here[i]) continue;
    if (!here[*spec->source_index]) executors[*spec->source_index]->run_once(ctx, false);
  }
  for (int round = 0; round < rounds && !ctx.interrupted; ++round) {
    for (std::size_t i = 0; i < executors.size() && !ctx.interrupted; ++i) {
      const MeasureSettings& m = settings[i];
      if (!here[i] || round >= m.warmup + m.values || !errors[i].empty()) continue;
      OperationExecutor& executor = *executors[i];
      try {
        if (round < m.warmup) {
          // Run as measured runs are, bookkeeping included, so that a batch lasts what it should;
          // then undone.
          const RepetitionMark mark(executor);
          const auto start = std::chrono::steady_clock::now();
          executor.run_once(ctx, true);
          const double once = seconds_since(start);
          mark.roll_back(executor);
          // A run too short for the clock counts as 1 ns, not as a reason for the longest batch.
          const double batch = std::ceil(m.min_time_s / std::max(once, 1e-9));
          iterations[i] = static_cast<std::uint64_t>(std::clamp(batch, 1.0, static_cast<double>(kMaxIterations)));
          continue;
        }
        report::OperationResult& result = executor.result();
        const Counts op_counts = sample_counts(result.figures);
        std::vector<Counts> case_counts;
        for (const auto& c : result.cases) case_counts.push_back(sample_counts(c.figures));
        for (std::uint64_t k = 0; k < iterations[i] && !ctx.interrupted; ++k) executor.run_once(ctx, true);
        collapse(result.figures, op_counts);
        for (std::size_t c = 0; c < result.cases.size(); ++c)
          collapse(result.cases[c].figures, c < case_counts.size() ? case_counts[c] : Counts{});
      } catch (const InputError&) {
        throw;
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    }
  }
  if (ctx.interrupted) throw RuntimeFailure("worker interrupted");

  report::WorkerValues out;
  for (std::size_t i = 0; i < executors.size(); ++i) {
    if (!here[i]) continue;
    const report::OperationResult& result = executors[i]->result();
    report::WorkerOperationValues op{result.name, errors[i], iterations[i], timing_only(result.figures), {}};
    for (const auto& c : result.cases) op.cases.push_back({c.label, timing_only(c.figures)});
    out.operations.push_back(std::move(op));
  }
  write_output_file(*options.worker_values, report::worker_values_text(out));
}

std::map<std::size_t, WorkerTimings> time_in_workers(const RunOptions& options, const scenario::Scenario& sc,
                                                     const std::vector<std::string>& only, int threads,
                                                     const std::atomic<bool>& interrupted, RunObserver& observer) {
  const auto timed = [&](const scenario::Operation& op) {
    return only.empty() || std::find(only.begin(), only.end(), op.name) != only.end();
  };
  int workers = 0;
  for (const auto& op : sc.operations)
    if (timed(op)) workers = std::max(workers, measure_settings(sc, op).processes);
  std::map<std::size_t, WorkerTimings> timings;
  if (workers == 0) return timings;

  const std::filesystem::path dir = make_temporary_folder("perfharness-workers");
  struct RemoveFolder {
    std::filesystem::path dir;
    ~RemoveFolder() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  } remove{dir};

  RunOptions worker_options = options;
  worker_options.worker_operations = only;
  std::vector<report::WorkerValues> measured;
  for (int w = 0; w < workers && !interrupted; ++w) {
    spdlog::debug("timing in worker process {} of {}", w + 1, workers);
    observer.worker_starting(w + 1, workers);
    const std::filesystem::path values = dir / ("values-" + std::to_string(w) + ".json");
    const std::filesystem::path log = dir / ("worker-" + std::to_string(w) + ".log");
    const WorkerExit exit = run_worker_process(options.worker_program, worker_arguments(worker_options, threads, w, values), log, interrupted);
    if (interrupted) return {};
    if (exit.code != 0)
      throw RuntimeFailure("worker process " + std::to_string(w + 1) + " of " + std::to_string(workers) + " failed (" +
                           exit.describe() + "): " + tail_of(log));
    measured.push_back(report::read_worker_values(read_text(values), values.string()));
  }

  for (std::size_t i = 0; i < sc.operations.size(); ++i) {
    const scenario::Operation& op = sc.operations[i];
    const MeasureSettings m = measure_settings(sc, op);
    if (m.processes == 0 || !timed(op)) continue;
    WorkerTimings& t = timings[i];
    t.source = {m.processes, m.values, m.min_time_s, {}};
    for (int w = 0; w < m.processes; ++w) {
      const auto& ops = measured.at(static_cast<std::size_t>(w)).operations;
      const auto found = std::find_if(ops.begin(), ops.end(), [&](const auto& o) { return o.name == op.name; });
      if (found == ops.end()) throw RuntimeFailure("worker process " + std::to_string(w + 1) + " did not measure '" + op.name + "'");
      if (!found->error.empty()) {
        t.error = "in worker process " + std::to_string(w + 1) + ": " + found->error;
        break;
      }
      t.source.iterations.push_back(found->iterations);
      append(t.figures, found->figures);
      for (const auto& c : found->cases) append(t.cases[c.label], c.figures);
    }
  }
  return timings;
}

void put_timings(report::OperationResult& result, WorkerTimings timings) {
  if (!timings.error.empty()) {
    result.error = std::move(timings.error);
    return;
  }
  replace_timings(result.figures, timings.figures);
  for (auto& c : result.cases)
    if (const auto it = timings.cases.find(c.label); it != timings.cases.end()) replace_timings(c.figures, it->second);
  result.timing = std::move(timings.source);
}

void measure_in_workers(const RunOptions& options, const scenario::Scenario& sc,
                        std::vector<std::unique_ptr<OperationExecutor>>& executors, int threads,
                        const std::atomic<bool>& interrupted, RunObserver& observer) {
  // An operation that failed here is not run again there: a crashing plugin would take the
  // worker, and with it every operation's timings, down.
  std::vector<std::string> clean;
  for (const auto& e : executors)
    if (e->result().error.empty() && e->has_work()) clean.push_back(e->operation().name);
  if (clean.empty()) return;
  if (clean.size() == executors.size()) clean.clear();  // all of them
  auto timings = time_in_workers(options, sc, clean, threads, interrupted, observer);
  if (interrupted) return;
  for (auto& [i, t] : timings)
    if (executors[i]->result().error.empty()) put_timings(executors[i]->result(), std::move(t));
}

}  // namespace ph::runner
