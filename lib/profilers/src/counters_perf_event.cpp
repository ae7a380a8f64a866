// perf_event_open plumbing shared by counters.cpp and the sampler.
#include "counters_perf_event.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ph::profilers::detail {

int perf_event_open_fd(perf_event_attr& attr, pid_t tid, int group_fd) noexcept {
  const long fd = syscall(SYS_perf_event_open, &attr, tid, -1, group_fd, PERF_FLAG_FD_CLOEXEC);
  return fd < 0 ? -errno : static_cast<int>(fd);
}

perf_event_attr make_perf_attr(std::uint32_t type, std::uint64_t config) noexcept {
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = type;
  attr.config = config;
  return attr;
}

std::optional<int> read_perf_event_paranoid() {
  std::ifstream in("/proc/sys/kernel/perf_event_paranoid");
  int level = 0;
  if (in >> level) return level;
  return std::nullopt;
}

bool has_perf_privilege() {
  // CapEff is a hex mask; CAP_SYS_ADMIN is bit 21, CAP_PERFMON bit 38.
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("CapEff:", 0) != 0) continue;
    std::uint64_t mask = 0;
    std::istringstream(line.substr(7)) >> std::hex >> mask;
    return (mask & (1ull << 21)) != 0 || (mask & (1ull << 38)) != 0;
  }
  return geteuid() == 0;
}

std::string errno_name(int err) {
  switch (err) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EINVAL: return "EINVAL";
    case ENODEV: return "ENODEV";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case ENOSYS: return "ENOSYS";
    case EMFILE: return "EMFILE";
    case EBUSY: return "EBUSY";
    case E2BIG: return "E2BIG";
    default: return "errno " + std::to_string(err);
  }
}

std::string perf_open_failure(int err, bool hardware) {
  const std::string call = "perf_event_open returned " + errno_name(err);
  switch (err) {
    case ENOENT:
    case ENODEV:
    case EOPNOTSUPP:
      return hardware ? "no hardware PMU: " + call + " (the CPU or virtual machine exposes no such counter)"
                      : "event not supported by this kernel: " + call;
    case EACCES:
    case EPERM: {
      const auto paranoid = read_perf_event_paranoid();
      return "not permitted: " + call + " (kernel.perf_event_paranoid=" +
             (paranoid ? std::to_string(*paranoid) : std::string("?")) +
             "; lower it or grant CAP_PERFMON)";
    }
    case ENOSYS:
      return "perf events are not built into this kernel: " + call;
    case EMFILE:
      return "out of file descriptors: " + call;
    default:
      return call + " (" + std::strerror(err) + ")";
  }
}

}  // namespace ph::profilers::detail
