#pragma once
// One measured execution of a region: its time, heap figures and page faults.
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

#include "perfharness/profilers/callgrind.hpp"
#include "perfharness/profilers/counters.hpp"
#include "perfharness/profilers/heap.hpp"
#include "perfharness/profilers/time.hpp"
#include "perfharness/profilers/trace.hpp"

namespace ph::runner {

struct RegionSample {
  profilers::TimeSample time;
  profilers::HeapRegion heap;
  std::int64_t page_faults = 0;  // minor + major, whole process
  // Where the region lies on the zones' clock (steady, ns) and thread: its --trace slice.
  std::int64_t start_ns = 0, end_ns = 0;
  std::uint32_t tid = 0;

  double peak_memory_mb() const noexcept {
    return heap.active ? static_cast<double>(heap.peak_growth_bytes()) / (1024.0 * 1024.0) : 0.0;
  }
};

inline std::int64_t steady_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline std::int64_t page_faults_now() noexcept {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt + u.ru_majflt;
}

// The counters of the operation being measured on this thread, if any: the outermost measured
// region switches them on around its body only, so that they cover what `time` covers and not
// the preparation and bookkeeping of a repetition (temporary databases, result digests).
struct RegionCounters {
  profilers::CounterSet* set = nullptr;
  int depth = 0;
};
inline thread_local RegionCounters t_region_counters;

class CountersAroundBody {
 public:
  CountersAroundBody() noexcept : outermost_(t_region_counters.depth++ == 0 && t_region_counters.set) {
    if (outermost_) t_region_counters.set->enable();
  }
  ~CountersAroundBody() {
    if (outermost_) t_region_counters.set->disable();
    --t_region_counters.depth;
  }
  CountersAroundBody(const CountersAroundBody&) = delete;
  CountersAroundBody& operator=(const CountersAroundBody&) = delete;

 private:
  bool outermost_;
};

// Under --instructions only `body` is counted: the probes' own work varies with /proc's
// contents and the clock's values.
template <class F>
RegionSample measure_region(F&& body) {
  RegionSample s;
  const profilers::InstructionCollection probes(false);
  const std::int64_t faults = page_faults_now();
  // No resident-memory reads: they would add ~25 µs per case to the operation around it (the
  // report's resident figures come from the process once per operation).
  profilers::HeapProbe heap(profilers::HeapProbe::Rss::skip);
  s.start_ns = steady_ns();
  profilers::Stopwatch watch(profilers::CpuScope::process);
  {
    const CountersAroundBody counters;
    const profilers::InstructionCollection work(true);
    std::forward<F>(body)();
  }
  s.time = watch.stop();
  s.end_ns = steady_ns();
  s.tid = profilers::current_tid();
  s.heap = heap.stop();
  s.page_faults = page_faults_now() - faults;
  return s;
}

// One case of an operation: measured as a region, and under --instructions counted apart too,
// so that the report has each case's instruction count (the operation's stays their sum plus
// what lies between them).
template <class F>
RegionSample measure_case(const std::string& label, F&& body) {
  const profilers::InstructionPart part(label);
  return measure_region(std::forward<F>(body));
}

}  // namespace ph::runner
