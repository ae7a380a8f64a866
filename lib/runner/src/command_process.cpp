#include "command_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <mutex>
#include <sstream>
#include <thread>

#include "measure.hpp"
#include "perfharness/common/child_environment.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/output_file.hpp"
#include "perfharness/profilers/callgrind.hpp"

namespace ph::runner {
namespace {

bool executable_file(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

// Where each stream goes: a file replaced when the run ends, or /dev/null.
struct Outputs {
  std::optional<OutputFile> out, err;
  int out_fd = -1, err_fd = -1;  // -1: discarded

  explicit Outputs(const CommandLaunch& l) {
    if (!l.stdout_file.empty()) out_fd = out.emplace(l.stdout_file).descriptor();
    if (!l.stderr_file.empty() && l.stderr_file == l.stdout_file) err_fd = out_fd;
    else if (!l.stderr_file.empty()) err_fd = err.emplace(l.stderr_file).descriptor();
  }
  void commit() {
    if (out) out->commit();
    if (err) err->commit();
  }
};

void plan_stream(posix_spawn_file_actions_t& actions, int target, int fd) {
  const int err = fd >= 0 ? posix_spawn_file_actions_adddup2(&actions, fd, target)
                          : posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0);
  if (err != 0) throw RuntimeFailure(std::string("cannot set up the command's output: ") + std::strerror(err));
}

// Kills the program's process group at the deadline or on interruption. The group is killed only
// before the program is reaped: until then its id cannot be reused.
class Watchdog {
 public:
  Watchdog(pid_t group, std::optional<double> timeout_s, const std::atomic<bool>& interrupted)
      : group_(group), interrupted_(interrupted) {
    if (timeout_s)
      deadline_ = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                         std::chrono::duration<double>(*timeout_s));
    thread_ = std::thread([this] { watch(); });
  }
  ~Watchdog() { stop(); }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void stop() {
    {
      const std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  bool timed_out() const noexcept { return timed_out_; }
  bool interrupted() const noexcept { return killed_on_interrupt_; }

 private:
  void watch() {
    std::unique_lock lock(mutex_);
    while (!done_) {
      // SIGINT only sets a flag: looked at every 20 ms.
      auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(20);
      if (deadline_ && *deadline_ < until) until = *deadline_;
      wake_.wait_until(lock, until, [this] { return done_; });
      if (done_) return;
      const bool late = deadline_ && std::chrono::steady_clock::now() >= *deadline_;
      if (late || interrupted_) {
        ::kill(-group_, SIGKILL);
        (late ? timed_out_ : killed_on_interrupt_) = true;
        return;
      }
    }
  }

  pid_t group_;
  const std::atomic<bool>& interrupted_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  bool timed_out_ = false, killed_on_interrupt_ = false;
  std::thread thread_;
};

// The descriptor perfharness-exec writes its report to.
constexpr int kReportFd = 3;

class Pipe {
 public:
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw RuntimeFailure(std::string("cannot create a pipe: ") + std::strerror(errno));
    read_end = fds[0];
    write_end = fds[1];
  }
  ~Pipe() {
    if (read_end >= 0) ::close(read_end);
    close_write_end();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_write_end() {
    if (write_end >= 0) ::close(write_end);
    write_end = -1;
  }
  // After the writer has exited: whatever it wrote (its descendants never hold the pipe).
  std::string read_all() {
    std::string out;
    char buffer[256];
    for (;;) {
      const ssize_t n = ::read(read_end, buffer, sizeof buffer);
      if (n > 0) out.append(buffer, static_cast<std::size_t>(n));
      else if (n == 0 || errno != EINTR) break;
    }
    return out;
  }
  int read_end = -1, write_end = -1;
};

}  // namespace

std::filesystem::path resolve_program(const std::string& argv0, const std::filesystem::path& working_dir,
                                      const std::string& path_variable) {
  if (argv0.find('/') != std::string::npos) {
    const std::filesystem::path p = (working_dir / argv0).lexically_normal();
    return executable_file(p) ? p : std::filesystem::path();
  }
  std::istringstream dirs(path_variable);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::filesystem::path base = dir.empty() ? working_dir : (working_dir / dir);  // empty entry: the current folder
    const std::filesystem::path p = (base / argv0).lexically_normal();
    if (executable_file(p)) return p;
  }
  return {};
}

namespace {

// perfharness-exec (apps/perfharness-exec) beside this executable, else on PATH.
std::filesystem::path exec_helper() {
  static const std::filesystem::path found = [] {
    const std::filesystem::path beside = profilers::current_executable().parent_path() / "perfharness-exec";
    if (executable_file(beside)) return beside;
    const char* path = std::getenv("PATH");
    return resolve_program("perfharness-exec", "/", path ? path : "");
  }();
  return found;
}

}  // namespace

CommandRun run_command(const CommandLaunch& launch, const std::atomic<bool>& interrupted) {
  const std::filesystem::path helper = exec_helper();
  if (helper.empty())
    throw RuntimeFailure("perfharness-exec, which starts command operations' programs, is neither beside perfharness (" +
                         profilers::current_executable().parent_path().string() + ") nor on PATH; reinstall perfharness");
  Outputs outputs(launch);
  std::vector<std::string> argv_strings = {"perfharness-exec", std::to_string(kReportFd), launch.program.string()};
  argv_strings.insert(argv_strings.end(), launch.argv.begin(), launch.argv.end());
  std::vector<std::string> env_strings = environment_with(launch.env);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);
  Pipe report;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  struct Release {
    posix_spawn_file_actions_t& a;
    posix_spawnattr_t& b;
    ~Release() {
      posix_spawn_file_actions_destroy(&a);
      posix_spawnattr_destroy(&b);
    }
  } release{actions, attr};
  // Its own process group, so that a timeout kills everything it started; no signal blocked or
  // ignored that perfharness blocks or ignores.
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  sigdelset(&all, SIGKILL);  // their disposition cannot be set
  sigdelset(&all, SIGSTOP);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  // The output files' descriptors may be the report's number: they are placed first.
  plan_stream(actions, STDOUT_FILENO, outputs.out_fd);
  plan_stream(actions, STDERR_FILENO, outputs.err_fd);
  if (posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0) != 0 ||
      posix_spawn_file_actions_adddup2(&actions, report.write_end, kReportFd) != 0 ||
      posix_spawn_file_actions_addchdir_np(&actions, launch.working_dir.c_str()) != 0)
    throw RuntimeFailure("cannot set up the command's start");

  CommandRun run;
  pid_t pid = 0;
  run.start_ns = steady_ns();
  const int err = posix_spawn(&pid, helper.c_str(), &actions, &attr, argv.data(), envp.data());
  if (err != 0) throw RuntimeFailure("cannot start " + helper.string() + ": " + std::strerror(err));
  report.close_write_end();
  Watchdog watchdog(pid, launch.timeout_s, interrupted);
  siginfo_t info{};
  while (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) != 0)
    if (errno != EINTR) throw RuntimeFailure(std::string("waiting for the command failed: ") + std::strerror(errno));
  run.end_ns = steady_ns();
  watchdog.stop();  // before the reaping, which frees the group's id
  int helper_status = 0;
  while (::waitpid(pid, &helper_status, 0) < 0)
    if (errno != EINTR) throw RuntimeFailure(std::string("waiting for the command failed: ") + std::strerror(errno));
  run.timed_out = watchdog.timed_out();
  run.interrupted = watchdog.interrupted();
  outputs.commit();
  if (run.timed_out || run.interrupted) return run;

  int status = 0;
  long max_rss_kib = 0, minflt = 0, majflt = 0;
  long long user_us = 0, system_us = 0, wall_ns = 0;
  const std::string line = report.read_all();
  if (!WIFEXITED(helper_status) || WEXITSTATUS(helper_status) != 0 ||
      std::sscanf(line.c_str(), "%d %ld %lld %lld %ld %ld %lld", &status, &max_rss_kib, &user_us, &system_us, &minflt,
                  &majflt, &wall_ns) != 7)
    throw RuntimeFailure("perfharness-exec could not run " + launch.program.string() + " (its message, if any, is on stderr)");
  run.time.wall_s = static_cast<double>(wall_ns) * 1e-9;
  run.time.user_s = static_cast<double>(user_us) * 1e-6;
  run.time.system_s = static_cast<double>(system_us) * 1e-6;
  run.max_rss_mb = static_cast<double>(max_rss_kib) / 1024.0;
  run.page_faults = minflt + majflt;
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.term_signal = WTERMSIG(status);
  return run;
}

std::string describe_end(const CommandRun& run, const CommandLaunch& launch) {
  if (run.timed_out) {
    std::ostringstream limit;
    limit << *launch.timeout_s;
    return "timed out after " + limit.str() + " s (timeout); its process group was killed";
  }
  if (run.interrupted) return "was stopped: the run was interrupted";
  if (run.term_signal != 0) {
    const char* name = sigabbrev_np(run.term_signal);
    return "was killed by signal " + std::to_string(run.term_signal) + (name ? std::string(" (SIG") + name + ")" : "");
  }
  std::string text = "exited with status " + std::to_string(run.exit_code);
  if (run.exit_code == 127) text += " (127: a shell could not find the program)";
  return text;
}

}  // namespace ph::runner
