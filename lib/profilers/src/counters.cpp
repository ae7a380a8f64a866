// CounterSet: opens one perf event per requested counter and reads them with their
// enabled/running times, so multiplexed hardware counts can be scaled and flagged.
#include "perfharness/profilers/counters.hpp"

#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "counters_perf_event.hpp"

namespace ph::profilers {
namespace {

struct EventSpec {
  std::uint32_t type;
  std::uint64_t config;
};

EventSpec spec_of(Counter c) {
  switch (c) {
    case Counter::task_clock: return {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK};
    case Counter::page_faults: return {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS};
    case Counter::minor_faults: return {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MIN};
    case Counter::major_faults: return {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MAJ};
    case Counter::context_switches: return {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES};
    case Counter::cpu_migrations: return {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS};
    case Counter::instructions: return {PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS};
    case Counter::cycles: return {PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES};
    case Counter::cache_references: return {PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_REFERENCES};
    case Counter::cache_misses: return {PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES};
    case Counter::branch_misses: return {PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES};
  }
  return {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_DUMMY};
}

// Context switches and migrations are recorded in kernel mode; counting user mode only
// would report a plausible-looking 0, so they need kernel counting or nothing.
bool needs_kernel_mode(Counter c) {
  return c == Counter::context_switches || c == Counter::cpu_migrations;
}

struct ReadFormat {
  std::uint64_t value, time_enabled, time_running;
};

}  // namespace

const char* counter_name(Counter c) noexcept {
  switch (c) {
    case Counter::task_clock: return "task-clock";
    case Counter::page_faults: return "page-faults";
    case Counter::minor_faults: return "minor-faults";
    case Counter::major_faults: return "major-faults";
    case Counter::context_switches: return "context-switches";
    case Counter::cpu_migrations: return "cpu-migrations";
    case Counter::instructions: return "instructions";
    case Counter::cycles: return "cycles";
    case Counter::cache_references: return "cache-references";
    case Counter::cache_misses: return "cache-misses";
    case Counter::branch_misses: return "branch-misses";
  }
  return "unknown";
}

const char* counter_unit(Counter c) noexcept { return c == Counter::task_clock ? "ns" : "count"; }

bool is_hardware_counter(Counter c) noexcept { return spec_of(c).type == PERF_TYPE_HARDWARE; }

std::vector<Counter> software_counters() {
  return {Counter::task_clock,   Counter::page_faults,      Counter::minor_faults,
          Counter::major_faults, Counter::context_switches, Counter::cpu_migrations};
}

std::vector<Counter> hardware_counters() {
  return {Counter::instructions, Counter::cycles, Counter::cache_references, Counter::cache_misses,
          Counter::branch_misses};
}

std::vector<Counter> all_counters() {
  auto all = software_counters();
  for (Counter c : hardware_counters()) all.push_back(c);
  return all;
}

PerfEventAccess perf_event_access() {
  PerfEventAccess a;
  a.paranoid = detail::read_perf_event_paranoid();
  a.privileged = detail::has_perf_privilege();
  const std::string level = a.paranoid ? std::to_string(*a.paranoid) : std::string("unknown");
  if (a.privileged) {
    a.allowed = a.kernel_allowed = true;
    a.description = "privileged (CAP_PERFMON or CAP_SYS_ADMIN): kernel.perf_event_paranoid=" + level +
                    " does not restrict this process";
  } else if (!a.paranoid) {
    a.allowed = true;  // unknown: try and report per-event failures
    a.description = "kernel.perf_event_paranoid is unreadable; each event reports its own failure";
  } else if (*a.paranoid >= 3) {
    a.description = "kernel.perf_event_paranoid=" + level +
                    " forbids perf_event_open for unprivileged users (Debian's extra level)";
  } else {
    a.allowed = true;
    a.kernel_allowed = *a.paranoid <= 1;
    a.description = "kernel.perf_event_paranoid=" + level +
                    (a.kernel_allowed ? ": own-thread events including kernel mode are allowed"
                                      : ": own-thread events in user mode only (no kernel-mode counting)");
  }
  return a;
}

namespace {
// Voluntary + involuntary context switches of the calling thread (or of the whole process when
// new threads are counted too, as perf's inherit would).
std::uint64_t rusage_switches(bool whole_process) noexcept {
  rusage u{};
  if (::getrusage(whole_process ? RUSAGE_SELF : RUSAGE_THREAD, &u) != 0) return 0;
  return static_cast<std::uint64_t>(u.ru_nvcsw) + static_cast<std::uint64_t>(u.ru_nivcsw);
}
}  // namespace

CounterSet::CounterSet(std::vector<Counter> counters, CounterOptions options)
    : include_new_threads_(options.include_new_threads) {
  int group_leader = -1;
  for (Counter c : counters) {
    Event e;
    e.counter = c;
    const EventSpec spec = spec_of(c);
    const bool hardware = spec.type == PERF_TYPE_HARDWARE;
    perf_event_attr attr = detail::make_perf_attr(spec.type, spec.config);
    attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
    attr.inherit = options.include_new_threads ? 1 : 0;
    attr.exclude_hv = 1;
    const bool join_group = hardware && options.group_hardware && group_leader >= 0;
    // Group members follow their leader's enable state; everyone else starts disabled.
    attr.disabled = join_group ? 0 : 1;
    int fd = detail::perf_event_open_fd(attr, 0, join_group ? group_leader : -1);
    if ((fd == -EACCES || fd == -EPERM) && !needs_kernel_mode(c)) {
      attr.exclude_kernel = 1;
      fd = detail::perf_event_open_fd(attr, 0, join_group ? group_leader : -1);
      e.user_mode_only = fd >= 0;
    }
    if (fd < 0) {
      e.unavailable_reason = detail::perf_open_failure(-fd, hardware);
      if (needs_kernel_mode(c) && (fd == -EACCES || fd == -EPERM))
        e.unavailable_reason += "; it happens in kernel mode, so a user-mode-only count would read 0";
      e.from_rusage = c == Counter::context_switches;
    } else {
      e.fd = fd;
      if (hardware && options.group_hardware && group_leader < 0) {
        group_leader = fd;
        e.leader = true;
      }
    }
    events_.push_back(std::move(e));
  }
}

CounterSet::~CounterSet() { close_all(); }

CounterSet::CounterSet(CounterSet&& other) noexcept
    : events_(std::move(other.events_)), include_new_threads_(other.include_new_threads_) {
  other.events_.clear();
}

CounterSet& CounterSet::operator=(CounterSet&& other) noexcept {
  if (this != &other) {
    close_all();
    events_ = std::move(other.events_);
    include_new_threads_ = other.include_new_threads_;
    other.events_.clear();
  }
  return *this;
}

void CounterSet::close_all() noexcept {
  // Members first, so no member is ever left in a group without its leader.
  for (auto& e : events_)
    if (e.fd >= 0 && !e.leader) ::close(e.fd);
  for (auto& e : events_)
    if (e.fd >= 0 && e.leader) ::close(e.fd);
  for (auto& e : events_) e.fd = -1;
}

void CounterSet::reset() noexcept {
  for (auto& e : events_) {
    if (e.fd >= 0) ioctl(e.fd, PERF_EVENT_IOC_RESET, 0);
    if (e.from_rusage) {
      e.rusage_total = 0;
      if (e.rusage_running) e.rusage_start = rusage_switches(include_new_threads_);
    }
  }
}

void CounterSet::enable() noexcept {
  for (auto& e : events_) {
    if (e.fd >= 0) ioctl(e.fd, PERF_EVENT_IOC_ENABLE, 0);
    if (e.from_rusage && !e.rusage_running) {
      e.rusage_start = rusage_switches(include_new_threads_);
      e.rusage_running = true;
    }
  }
}

void CounterSet::disable() noexcept {
  for (auto& e : events_) {
    if (e.fd >= 0) ioctl(e.fd, PERF_EVENT_IOC_DISABLE, 0);
    if (e.from_rusage && e.rusage_running) {
      e.rusage_total += rusage_switches(include_new_threads_) - e.rusage_start;
      e.rusage_running = false;
    }
  }
}

CounterValue CounterSet::read_event(const Event& e) const {
  CounterValue v;
  v.counter = e.counter;
  v.name = counter_name(e.counter);
  v.user_mode_only = e.user_mode_only;
  if (e.fd < 0 && e.from_rusage) {
    v.value = e.rusage_total + (e.rusage_running ? rusage_switches(include_new_threads_) - e.rusage_start : 0);
    v.raw = *v.value;
    v.fallback = "getrusage";
    return v;
  }
  if (e.fd < 0) {
    v.unavailable_reason = e.unavailable_reason;
    return v;
  }
  ReadFormat r{};
  const ssize_t n = ::read(e.fd, &r, sizeof r);
  if (n != static_cast<ssize_t>(sizeof r)) {
    v.unavailable_reason = "reading the perf event failed (" + detail::errno_name(n < 0 ? errno : EIO) + ")";
    return v;
  }
  v.raw = r.value;
  v.time_enabled_ns = r.time_enabled;
  v.time_running_ns = r.time_running;
  if (r.time_enabled > 0 && r.time_running == 0) {
    v.unavailable_reason = "enabled but never scheduled on the PMU (all counters busy): no estimate possible";
    return v;
  }
  v.multiplexed = r.time_running < r.time_enabled;
  if (v.multiplexed) {
    const long double scaled = static_cast<long double>(r.value) * r.time_enabled / r.time_running;
    v.value = static_cast<std::uint64_t>(scaled + 0.5L);
  } else {
    v.value = r.value;
  }
  return v;
}

std::vector<CounterValue> CounterSet::read() const {
  std::vector<CounterValue> out;
  out.reserve(events_.size());
  for (const auto& e : events_) out.push_back(read_event(e));
  return out;
}

CounterValue CounterSet::read(Counter counter) const {
  for (const auto& e : events_)
    if (e.counter == counter) return read_event(e);
  CounterValue v;
  v.counter = counter;
  v.name = counter_name(counter);
  v.unavailable_reason = "not requested when the CounterSet was created";
  return v;
}

bool CounterSet::any_available() const noexcept {
  for (const auto& e : events_)
    if (e.fd >= 0 || e.from_rusage) return true;
  return false;
}

}  // namespace ph::profilers
