#pragma once
// Time profiler: wall time and CPU time of a region, and how CPU-bound it was.
#include <cstdint>

namespace ph::profilers {

/// Whose CPU time a stopwatch reads.
enum class CpuScope {
  process,  // every thread of the process: a region running N busy threads shows ~N x wall
  thread,   // the calling thread only: start and stop must happen on the same thread
};

/// Time spent by one region, in seconds.
struct TimeSample {
  double wall_s = 0;    // steady (monotonic) clock
  double user_s = 0;    // CPU time in user mode
  double system_s = 0;  // CPU time in the kernel on the region's behalf (I/O syscalls, page faults)

  double cpu_s() const noexcept { return user_s + system_s; }
  /// CPU / wall: near 1 for a CPU-bound single thread, near 0 for a region that mostly waits
  /// (I/O, sleep, locks), above 1 when several threads of the process ran at once. 0 if wall is 0.
  double cpu_ratio() const noexcept { return wall_s > 0 ? cpu_s() / wall_s : 0.0; }

  TimeSample& operator+=(const TimeSample& other) noexcept {
    wall_s += other.wall_s;
    user_s += other.user_s;
    system_s += other.system_s;
    return *this;
  }
};

/// The three clocks at one instant, in nanoseconds since arbitrary origins.
struct ClockReading {
  std::int64_t wall_ns = 0;
  std::int64_t user_ns = 0;
  std::int64_t system_ns = 0;
};

ClockReading read_clocks(CpuScope scope) noexcept;

/// The time between two readings taken with the same scope.
TimeSample time_between(const ClockReading& start, const ClockReading& end) noexcept;

/// Times a region: starts on construction, stop() freezes it.
class Stopwatch {
 public:
  explicit Stopwatch(CpuScope scope = CpuScope::process) noexcept;

  /// Starts over from now.
  void restart() noexcept;
  /// Time since start, or up to stop() once stopped.
  TimeSample elapsed() const noexcept;
  /// Freezes the stopwatch and returns the region's time; later calls return the same.
  TimeSample stop() noexcept;
  bool running() const noexcept { return !stopped_; }

 private:
  CpuScope scope_;
  ClockReading start_;
  TimeSample frozen_;
  bool stopped_ = false;
};

}  // namespace ph::profilers
