#pragma once
// Thin wrapper over the perf_event_open system call, shared by the counters and the
// sampling profiler, plus the one-sentence explanations of why an open failed.
#include <linux/perf_event.h>
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace ph::profilers::detail {

/// perf_event_open(2) for the thread `tid` (0: the calling thread) on any CPU, close-on-exec.
/// Returns the file descriptor, or -errno.
int perf_event_open_fd(perf_event_attr& attr, pid_t tid, int group_fd) noexcept;

/// An attr with size, type, config set and everything else zero (disabled, no sampling).
perf_event_attr make_perf_attr(std::uint32_t type, std::uint64_t config) noexcept;

/// The value of /proc/sys/kernel/perf_event_paranoid, if readable.
std::optional<int> read_perf_event_paranoid();

/// True when the process holds CAP_PERFMON or CAP_SYS_ADMIN, which lift the paranoid limits.
bool has_perf_privilege();

/// Why opening a perf event failed with `err`, e.g.
/// "no hardware PMU: perf_event_open returned ENOENT". `hardware` selects the wording.
std::string perf_open_failure(int err, bool hardware);

/// Symbolic name of an errno value ("ENOENT"), or its number.
std::string errno_name(int err);

}  // namespace ph::profilers::detail
