// Re-running a program under callgrind: builds the valgrind command line, spawns it with
// posix_spawn, waits, and parses the dumps it wrote (callgrind.out.PID*, PID = the child's).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "perfharness/profilers/callgrind.hpp"
#include "perfharness/common/child_environment.hpp"
#include "perfharness/common/errors.hpp"

namespace ph::profilers {
namespace {

void redirect(posix_spawn_file_actions_t& actions, int fd, const std::filesystem::path& file) {
  if (file.empty()) return;
  if (posix_spawn_file_actions_addopen(&actions, fd, file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644) != 0)
    throw RuntimeFailure("cannot redirect the callgrind child's output to " + file.string());
}

}  // namespace

std::filesystem::path current_executable() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw RuntimeFailure("cannot resolve /proc/self/exe: " + ec.message());
  return p;
}

std::filesystem::path find_valgrind() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const std::filesystem::path candidate = std::filesystem::path(dir) / "valgrind";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

std::vector<std::string> callgrind_command_line(const CallgrindLaunch& launch) {
  std::vector<std::string> cmd;
  cmd.push_back(launch.valgrind.empty() ? find_valgrind().string() : launch.valgrind.string());
  cmd.push_back("--tool=callgrind");
  cmd.push_back(launch.collect_at_start ? "--collect-atstart=yes" : "--collect-atstart=no");
  const std::filesystem::path dir = launch.out_dir.empty() ? std::filesystem::path(".") : launch.out_dir;
  cmd.push_back("--callgrind-out-file=" + (dir / "callgrind.out.%p").string());
  for (const auto& o : launch.valgrind_options) cmd.push_back(o);
  cmd.push_back(launch.program.empty() ? current_executable().string() : launch.program.string());
  for (const auto& a : launch.args) cmd.push_back(a);
  return cmd;
}

CallgrindRun run_under_callgrind(const CallgrindLaunch& launch) {
  CallgrindLaunch l = launch;
  if (l.valgrind.empty()) l.valgrind = find_valgrind();
  if (l.valgrind.empty())
    throw RuntimeFailure("valgrind not found on PATH; install the Debian package 'valgrind' (scripts/deps.sh lists it)");
  if (l.out_dir.empty()) l.out_dir = std::filesystem::current_path();
  std::error_code ec;
  std::filesystem::create_directories(l.out_dir, ec);
  if (ec) throw RuntimeFailure("cannot create callgrind output directory " + l.out_dir.string() + ": " + ec.message());

  CallgrindRun run;
  run.command = callgrind_command_line(l);
  std::vector<std::string> argv_strings = run.command;
  std::vector<std::pair<std::string, std::string>> set = l.env;
  if (l.mark_child) set.emplace_back(kCallgrindChildEnv, "1");
  std::vector<std::string> env_strings = environment_with(set);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  pid_t pid = 0;
  int err = 0;
  try {
    redirect(actions, STDOUT_FILENO, l.stdout_file);
    redirect(actions, STDERR_FILENO, l.stderr_file);
    if (!l.working_dir.empty() && posix_spawn_file_actions_addchdir_np(&actions, l.working_dir.c_str()) != 0)
      throw RuntimeFailure("cannot start the callgrind child in " + l.working_dir.string());
    err = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  } catch (...) {
    posix_spawn_file_actions_destroy(&actions);
    throw;
  }
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) throw RuntimeFailure("cannot start " + run.command[0] + ": " + std::strerror(err));
  run.pid = pid;

  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw RuntimeFailure(std::string("waiting for valgrind failed: ") + std::strerror(errno));
  }
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.term_signal = WTERMSIG(status);

  run.files = callgrind_files(l.out_dir, pid);
  if (run.files.empty()) {
    const std::string where = l.stderr_file.empty() ? "on stderr" : "in " + l.stderr_file.string();
    throw RuntimeFailure("valgrind left no callgrind output in " + l.out_dir.string() + " (exit status " +
                         std::to_string(run.exit_code) + "); its messages are " + where);
  }
  for (const auto& f : run.files) {
    auto dumps = parse_callgrind_file(f);
    run.dumps.insert(run.dumps.end(), dumps.begin(), dumps.end());
  }
  run.instructions = instructions_by_label(run.dumps);
  return run;
}

}  // namespace ph::profilers
