// command operations: a user's program (a Python backtest, a script), run once per repetition and
// measured from the outside; one case that names it, with no figures of its own.
#include <cstdlib>
#include <filesystem>

#include "command_process.hpp"
#include "executor.hpp"
#include "measure.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/output_file.hpp"
#include "perfharness/profilers/callgrind.hpp"
#include "perfharness/profilers/trace.hpp"

namespace ph::runner {
namespace {

// The command as a reader would type it: words with spaces or quotes are single-quoted.
std::string command_text(const std::vector<std::string>& argv, bool shell) {
  if (shell && argv.size() == 3) return argv[2];
  std::string out;
  for (const auto& arg : argv) {
    if (!out.empty()) out += ' ';
    if (!arg.empty() && arg.find_first_of(" \t\n'\"\\$`") == std::string::npos) {
      out += arg;
      continue;
    }
    out += '\'';
    for (const char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += '\'';
  }
  return out;
}

std::string label_of(const std::string& text) {
  constexpr std::size_t kMax = 60;
  return text.size() <= kMax ? text : text.substr(0, kMax - 3) + "...";
}

class CommandExecutor : public OperationExecutor {
 public:
  CommandExecutor(const scenario::Operation& op, const scenario::CommandSpec& spec) : OperationExecutor(op), spec_(spec) {}

  void prepare(RunContext& ctx) override {
    const std::string where = ctx.scenario.path.string() + ": " + op_.path;
    std::string path_variable = std::getenv("PATH") ? std::getenv("PATH") : "/usr/local/bin:/usr/bin:/bin";
    for (const auto& [key, value] : spec_.env)
      if (key == "PATH") path_variable = value;
    launch_.program = resolve_program(spec_.argv.at(0), spec_.working_dir, path_variable);
    if (launch_.program.empty())
      throw InputError(where + ".command[0]: program '" + spec_.argv[0] + "' " +
                       (spec_.argv[0].find('/') != std::string::npos
                            ? "is not an executable file (relative paths start at working_dir); check the path and its x bit"
                            : "is not found on PATH; install it, or give its path"));
    launch_.argv = spec_.argv;
    launch_.working_dir = spec_.working_dir;
    launch_.env = spec_.env;
    launch_.timeout_s = spec_.timeout_s;
    launch_.stdout_file = spec_.stdout_file;
    launch_.stderr_file = spec_.stderr_file;
    for (const auto& [file, key] : {std::pair{&spec_.stdout_file, "stdout"}, std::pair{&spec_.stderr_file, "stderr"}}) {
      if (file->empty()) continue;
      try {
        check_output_writable(*file, "command output");
      } catch (const RuntimeFailure& e) {
        throw InputError(where + ".output." + key + ": " + e.what());
      }
    }
    text_ = command_text(spec_.argv, spec_.shell);
    auto& c = case_result(0, label_of(text_));
    c.workload = report::CommandWorkload{spec_.argv, spec_.working_dir.string()};
  }

  void run_once(RunContext& ctx, bool measured) override {
    // perfharness's own run under callgrind leaves the program alone: count_instructions_apart
    // counts it under a callgrind of its own.
    if (profilers::is_callgrind_child()) return;
    CommandRun run;
    {
      const CountersAroundBody counters;  // counted with the program, as their events inherit
      run = run_command(launch_, ctx.interrupted);
    }
    if (run.interrupted) return;  // the run drops the repetition it cut short
    check_end(run);
    if (!measured) return;
    RegionSample s;
    s.time = run.time;
    s.page_faults = run.page_faults;
    s.start_ns = run.start_ns;
    s.end_ns = run.end_ns;
    s.tid = profilers::current_tid();
    record_total(s);
    figure_of(result_.figures, figures::key::max_rss).samples.push_back(run.max_rss_mb);
    auto& c = result_.cases[0];
    const report::CommandOutcome outcome{run.exit_code};
    c.results_digest = report::results_digest(outcome);
    c.results = outcome;
  }

  std::optional<std::uint64_t> count_instructions_apart(const std::filesystem::path& dir) override {
    profilers::CallgrindLaunch l;
    l.program = launch_.program;
    l.args.assign(launch_.argv.begin() + 1, launch_.argv.end());
    l.out_dir = dir;
    l.collect_at_start = true;
    l.mark_child = false;
    // Programs it starts (exec, fork) are counted too, each into a file of its own.
    l.valgrind_options = {"--trace-children=yes"};
    l.env = launch_.env;
    l.working_dir = launch_.working_dir;
    l.stdout_file = dir / "stdout.txt";
    l.stderr_file = dir / "stderr.txt";  // the program's and valgrind's messages
    const profilers::CallgrindRun counted = profilers::run_under_callgrind(l);
    CommandRun end;
    end.exit_code = counted.exit_code;
    end.term_signal = counted.term_signal;
    check_end(end, " under callgrind (its messages are in " + l.stderr_file.string() + ")");
    std::uint64_t total = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.path().filename().string().rfind("callgrind.out.", 0) == 0)
        for (const auto& dump : profilers::parse_callgrind_file(entry.path())) total += dump.instructions;
    return total;
  }

 private:
  void check_end(const CommandRun& run, const std::string& context = {}) const {
    if (run.exit_code == 0 && !run.timed_out) return;
    for (const int allowed : spec_.allowed_exit_codes)
      if (run.exit_code == allowed && !run.timed_out) return;
    std::string message = op_.path + ": `" + label_of(text_) + "` " + describe_end(run, launch_) + context;
    if (run.exit_code > 0) {
      message += "; list it in allowed_exit_codes if it is expected";
      if (spec_.stderr_file.empty() && context.empty()) message += ", or keep its messages with output: {stderr: FILE}";
    }
    throw RuntimeFailure(message);
  }

  const scenario::CommandSpec& spec_;
  CommandLaunch launch_;
  std::string text_;
};

}  // namespace

std::unique_ptr<OperationExecutor> make_command_executor(const scenario::Operation& op, const scenario::CommandSpec& spec) {
  return std::make_unique<CommandExecutor>(op, spec);
}

}  // namespace ph::runner
