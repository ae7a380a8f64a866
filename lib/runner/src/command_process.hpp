#pragma once
// One run of a user's program, measured from the outside as hyperfine and `time` do: wall time
// from start to exit, and the CPU time, resident high-water mark and page faults the kernel
// hands back with its exit status (wait4). perfharness-exec starts it and reports them, so that
// perfharness's own size is not the program's resident floor (apps/perfharness-exec/main.cpp).
#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "perfharness/profilers/time.hpp"

namespace ph::runner {

struct CommandLaunch {
  std::filesystem::path program;  // resolved: absolute, executable
  std::vector<std::string> argv;  // argv[0] as the user wrote it
  std::filesystem::path working_dir;
  std::vector<std::pair<std::string, std::string>> env;  // added to (or replacing in) ours
  std::optional<double> timeout_s;
  std::filesystem::path stdout_file, stderr_file;  // empty: discarded; the same path: both streams into it
};

struct CommandRun {
  profilers::TimeSample time;  // the program's and every descendant it waited for
  double max_rss_mb = 0;       // of the largest process among them
  std::int64_t page_faults = 0;
  std::int64_t start_ns = 0, end_ns = 0;  // steady clock, for --trace
  int exit_code = -1;          // -1: killed by a signal
  int term_signal = 0;
  bool timed_out = false;      // the process group was killed at timeout_s
  bool interrupted = false;    // killed because the run was interrupted
};

/// `argv0` resolved as execve would with `path_variable` (PATH), relative paths from
/// `working_dir`; empty when nothing executable is found.
std::filesystem::path resolve_program(const std::string& argv0, const std::filesystem::path& working_dir,
                                      const std::string& path_variable);

/// Starts the program (through perfharness-exec) in a new process group with stdin from
/// /dev/null, waits for it, and kills
/// the whole group (SIGKILL) at the timeout or when `interrupted` becomes true. Output files are
/// written as every output is (OutputFile): replaced whole when the run ends. Throws
/// ph::RuntimeFailure when the program cannot be started.
CommandRun run_command(const CommandLaunch& launch, const std::atomic<bool>& interrupted);

/// "exited with status 3", "killed by signal 11 (SIGSEGV)", "timed out after 2 s …".
std::string describe_end(const CommandRun& run, const CommandLaunch& launch);

}  // namespace ph::runner
