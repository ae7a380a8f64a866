#include "perfharness/profilers/heap.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "perfharness/profilers/heap_counters.hpp"

// Defined by heap_interpose.cpp: the first when it replaces malloc, the second when it was
// compiled without doing so. Weak, so a binary without the interposer links and reads null.
extern "C" {
extern const int ph_heap_interposer_linked __attribute__((weak));
extern const char ph_heap_interposer_compiled_out[] __attribute__((weak));
}

namespace ph::profilers {
namespace heap_detail {
GlobalCounters g_counters;
constinit thread_local ThreadCounters t_counters __attribute__((tls_model("initial-exec")));
}  // namespace heap_detail

namespace {
using heap_detail::g_counters;

// The interposer being linked is not proof that allocations reach it (a binary could be linked
// with malloc bound elsewhere), so one real allocation is made and must show in this thread's count.
bool allocations_reach_interposer() noexcept {
  void* (*volatile allocate)(std::size_t) = &std::malloc;
  void (*volatile release)(void*) = &std::free;
  const std::uint64_t before = heap_detail::t_counters.allocations;
  void* block = allocate(24);
  const std::uint64_t after = heap_detail::t_counters.allocations;
  release(block);
  return block != nullptr && after == before + 1;
}

const char* compute_unavailable_reason() noexcept {
  if (&ph_heap_interposer_compiled_out != nullptr) return ph_heap_interposer_compiled_out;
  if (&ph_heap_interposer_linked == nullptr)
    return "heap tracking unavailable: this executable was linked without the heap interposer "
           "(add $<TARGET_OBJECTS:ph_heap_interpose> to its sources)";
  if (!allocations_reach_interposer())
    return "heap tracking unavailable: the heap interposer is linked but malloc calls do not reach it";
  return "";
}

const char* unavailable_reason() noexcept {
  static const char* const reason = compute_unavailable_reason();
  return reason;
}

// Reads a small /proc file into `buf` without allocating (a probe must not perturb what it measures).
bool read_proc_file(const char* path, char* buf, std::size_t size) noexcept {
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::size_t used = 0;
  while (used + 1 < size) {
    const ssize_t n = ::read(fd, buf + used, size - 1 - used);
    if (n <= 0) break;
    used += static_cast<std::size_t>(n);
  }
  ::close(fd);
  buf[used] = '\0';
  return used > 0;
}

// The value in kB of a "Key:   123 kB" line of /proc/self/status, or -1.
std::int64_t status_kib(const char* status, const char* key) noexcept {
  const char* line = std::strstr(status, key);
  if (line == nullptr) return -1;
  char* end = nullptr;
  const long long kib = std::strtoll(line + std::strlen(key), &end, 10);
  return end == line + std::strlen(key) ? -1 : static_cast<std::int64_t>(kib);
}
}  // namespace

bool heap_tracking_active() noexcept { return unavailable_reason()[0] == '\0'; }

const char* heap_tracking_unavailable_reason() noexcept { return unavailable_reason(); }

HeapSnapshot heap_snapshot() noexcept {
  HeapSnapshot s;
  if (!heap_tracking_active()) return s;
  s.active = true;
  s.current_bytes = g_counters.current_bytes.load(std::memory_order_relaxed);
  s.peak_bytes = g_counters.peak_bytes.load(std::memory_order_relaxed);
  s.allocations = g_counters.allocations.load(std::memory_order_relaxed);
  s.frees = g_counters.frees.load(std::memory_order_relaxed);
  s.bytes_allocated = g_counters.bytes_allocated.load(std::memory_order_relaxed);
  return s;
}

ProcessMemory process_memory() noexcept {
  ProcessMemory m;
  char buf[8192];
  if (read_proc_file("/proc/self/status", buf, sizeof buf)) {
    const std::int64_t rss = status_kib(buf, "VmRSS:");
    const std::int64_t hwm = status_kib(buf, "VmHWM:");
    if (rss >= 0) m.rss_bytes = rss * 1024;
    if (hwm >= 0) m.rss_high_water_bytes = hwm * 1024;
  }
  if (m.rss_high_water_bytes < 0) {
    rusage usage{};
    if (::getrusage(RUSAGE_SELF, &usage) == 0) m.rss_high_water_bytes = static_cast<std::int64_t>(usage.ru_maxrss) * 1024;
  }
  return m;
}

HeapProbe::HeapProbe(Rss rss) noexcept : read_rss_(rss == Rss::read) {
  if (read_rss_) region_.rss_start = process_memory();
  if (!heap_tracking_active()) return;
  region_.active = true;
  const std::int64_t now = g_counters.current_bytes.load(std::memory_order_relaxed);
  outer_peak_ = g_counters.peak_bytes.exchange(now, std::memory_order_relaxed);
  region_.start_bytes = now;
  region_.allocations = g_counters.allocations.load(std::memory_order_relaxed);
  region_.frees = g_counters.frees.load(std::memory_order_relaxed);
  region_.bytes_allocated = g_counters.bytes_allocated.load(std::memory_order_relaxed);
}

HeapProbe::~HeapProbe() { stop(); }

HeapRegion HeapProbe::current() const noexcept {
  if (stopped_) return region_;
  HeapRegion r = region_;
  if (r.active) {
    r.end_bytes = g_counters.current_bytes.load(std::memory_order_relaxed);
    r.peak_bytes = g_counters.peak_bytes.load(std::memory_order_relaxed);
    r.allocations = g_counters.allocations.load(std::memory_order_relaxed) - region_.allocations;
    r.frees = g_counters.frees.load(std::memory_order_relaxed) - region_.frees;
    r.bytes_allocated = g_counters.bytes_allocated.load(std::memory_order_relaxed) - region_.bytes_allocated;
    // Another probe may have reset the shared peak below this region's start meanwhile.
    if (r.peak_bytes < r.start_bytes) r.peak_bytes = r.start_bytes;
    if (r.peak_bytes < r.end_bytes) r.peak_bytes = r.end_bytes;
  }
  if (read_rss_) r.rss_end = process_memory();
  return r;
}

HeapRegion HeapProbe::stop() noexcept {
  if (stopped_) return region_;
  region_ = current();
  stopped_ = true;
  if (region_.active) heap_detail::raise_global_peak(outer_peak_);
  return region_;
}

}  // namespace ph::profilers
