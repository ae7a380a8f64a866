#include "perfharness/profilers/time.hpp"

#include <sys/resource.h>

#include <chrono>

namespace ph::profilers {
namespace {
std::int64_t to_ns(const timeval& tv) noexcept {
  return static_cast<std::int64_t>(tv.tv_sec) * 1'000'000'000 + static_cast<std::int64_t>(tv.tv_usec) * 1'000;
}

double to_s(std::int64_t ns) noexcept { return static_cast<double>(ns) * 1e-9; }
}  // namespace

ClockReading read_clocks(CpuScope scope) noexcept {
  ClockReading r;
  rusage usage{};
  // getrusage splits CPU time into user and system; on Linux the sum is the scheduler's exact
  // runtime (the split between the two is apportioned from tick samples).
  if (::getrusage(scope == CpuScope::thread ? RUSAGE_THREAD : RUSAGE_SELF, &usage) == 0) {
    r.user_ns = to_ns(usage.ru_utime);
    r.system_ns = to_ns(usage.ru_stime);
  }
  r.wall_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                  std::chrono::steady_clock::now().time_since_epoch())
                  .count();
  return r;
}

TimeSample time_between(const ClockReading& start, const ClockReading& end) noexcept {
  TimeSample s;
  s.wall_s = to_s(end.wall_ns - start.wall_ns);
  s.user_s = to_s(end.user_ns - start.user_ns);
  s.system_s = to_s(end.system_ns - start.system_ns);
  return s;
}

Stopwatch::Stopwatch(CpuScope scope) noexcept : scope_(scope), start_(read_clocks(scope)) {}

void Stopwatch::restart() noexcept {
  stopped_ = false;
  frozen_ = {};
  start_ = read_clocks(scope_);
}

TimeSample Stopwatch::elapsed() const noexcept {
  return stopped_ ? frozen_ : time_between(start_, read_clocks(scope_));
}

TimeSample Stopwatch::stop() noexcept {
  if (!stopped_) {
    frozen_ = time_between(start_, read_clocks(scope_));
    stopped_ = true;
  }
  return frozen_;
}

}  // namespace ph::profilers
