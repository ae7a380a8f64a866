// perfharness-exec REPORT_FD PROGRAM ARGV0 [ARGS...]: runs PROGRAM as a grandchild of perfharness
// and writes what wait4 says of it to REPORT_FD.
//
// Why a helper: Linux keeps a process's resident high-water mark across exec, and a child
// started from perfharness begins life sharing (vfork) or copying (fork) perfharness's memory,
// so wait4's ru_maxrss would never be below perfharness's own size. Started from this small
// program instead, the floor is this program's size, about 1 MB.
//
// Report: "STATUS MAXRSS_KIB USER_US SYSTEM_US MINFLT MAJFLT WALL_NS\n", STATUS as wait4 gives it.
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

long long now_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

long long micros(const timeval& t) { return static_cast<long long>(t.tv_sec) * 1000000LL + t.tv_usec; }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "perfharness-exec: started by perfharness for command operations, not by hand\n");
    return 125;
  }
  const int report_fd = std::atoi(argv[1]);
  if (report_fd < 3 || fcntl(report_fd, F_SETFD, FD_CLOEXEC) != 0) {
    std::fprintf(stderr, "perfharness-exec: bad report descriptor '%s'\n", argv[1]);
    return 125;
  }
  const long long start = now_ns();
  const pid_t pid = fork();
  if (pid < 0) {
    std::fprintf(stderr, "perfharness-exec: fork failed: %s\n", std::strerror(errno));
    return 125;
  }
  if (pid == 0) {
    execv(argv[2], argv + 3);
    std::fprintf(stderr, "perfharness-exec: cannot run %s: %s\n", argv[2], std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0)
    if (errno != EINTR) return 125;
  const long long wall = now_ns() - start;
  char line[256];
  const int n = std::snprintf(line, sizeof line, "%d %ld %lld %lld %ld %ld %lld\n", status, usage.ru_maxrss,
                              micros(usage.ru_utime), micros(usage.ru_stime), usage.ru_minflt, usage.ru_majflt, wall);
  return write(report_fd, line, static_cast<std::size_t>(n)) == n ? 0 : 125;
}
