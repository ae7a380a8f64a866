#pragma once
// Heap memory profiler: live bytes, peak bytes, allocation counts, and the process's RSS.
//
// Design note: why interposition. glibc removed __malloc_hook & co in 2.34, and they were never
// thread-safe. mallinfo2() is a snapshot without a peak and without counts. So perfharness
// defines malloc, free, calloc, realloc, reallocarray, posix_memalign, aligned_alloc, memalign,
// valloc, pvalloc and every replaceable operator new/delete in its own executables
// (lib/profilers/interpose/heap_interpose.cpp, an object library linked into each executable).
// An executable's definitions win symbol lookup over libc's, including for calls made from inside
// libc and libstdc++, so every allocation path is seen. The replacements forward to glibc's
// exported __libc_malloc family, so no dlsym (which itself calls calloc) is needed and glibc's
// allocator still does the work; sizes come from malloc_usable_size, so a block is counted with
// the same size when it is allocated and when it is freed.
//
// The interposer is compiled out under sanitizers (AddressSanitizer must own malloc) and may be
// missing from a binary; heap_tracking_active() says whether the figures below are real, and
// heap_tracking_unavailable_reason() says why not, for reports.
#include <cstdint>

namespace ph::profilers {

/// True when the interposer is linked in and allocations reach it.
bool heap_tracking_active() noexcept;

/// Why heap tracking is inactive, in one sentence; "" when it is active.
const char* heap_tracking_unavailable_reason() noexcept;

/// Process-wide heap counters at one instant. Bytes are usable block sizes (>= requested).
struct HeapSnapshot {
  bool active = false;  // false: every figure below is zero and means nothing
  std::int64_t current_bytes = 0;  // live heap bytes
  std::int64_t peak_bytes = 0;     // highest current_bytes since start, or since the open HeapProbe began
  std::uint64_t allocations = 0;
  std::uint64_t frees = 0;
  std::uint64_t bytes_allocated = 0;  // sum over all allocations ever made
};

HeapSnapshot heap_snapshot() noexcept;

/// Resident memory of the whole process, from /proc/self (getrusage as fallback); -1 when unknown.
/// Unlike the heap figures it includes stacks, code, mmap'd files and memory the allocator keeps.
struct ProcessMemory {
  std::int64_t rss_bytes = -1;
  std::int64_t rss_high_water_bytes = -1;  // VmHWM: never decreases over the process's life
};

ProcessMemory process_memory() noexcept;

/// Heap figures of one region of code (all threads of the process, as the process sees them).
struct HeapRegion {
  bool active = false;
  std::int64_t start_bytes = 0;  // live heap bytes when the region began
  std::int64_t end_bytes = 0;    // live heap bytes when it ended (or now, while open)
  std::int64_t peak_bytes = 0;   // highest live heap bytes during the region
  std::uint64_t allocations = 0;
  std::uint64_t frees = 0;
  std::uint64_t bytes_allocated = 0;
  ProcessMemory rss_start;  // left unknown (-1) by a probe made with HeapProbe::Rss::skip
  ProcessMemory rss_end;

  std::int64_t growth_bytes() const noexcept { return end_bytes - start_bytes; }
  /// How far the heap rose above its starting level at its highest: the region's peak cost.
  std::int64_t peak_growth_bytes() const noexcept { return peak_bytes - start_bytes; }
};

/// Measures a region: construct at its start, stop() at its end. The process-wide peak is reset
/// to the current level at start, so peak_bytes is the peak of this region alone; stop() (or
/// destruction) hands the earlier peak back, so probes nest correctly on one thread. Probes
/// running at the same time on different threads share the one peak: each sees the other's bytes.
class HeapProbe {
 public:
  /// Whether the probe also reads the process's resident memory at start and end (rss_start,
  /// rss_end): two reads of /proc/self/status, ~25 µs, which a probe around microseconds of work
  /// should not add to what encloses it.
  enum class Rss { read, skip };
  explicit HeapProbe(Rss rss = Rss::read) noexcept;
  ~HeapProbe();
  HeapProbe(const HeapProbe&) = delete;
  HeapProbe& operator=(const HeapProbe&) = delete;

  /// Figures so far; the region stays open.
  HeapRegion current() const noexcept;
  /// Closes the region; later calls return the same figures.
  HeapRegion stop() noexcept;

 private:
  HeapRegion region_;
  std::int64_t outer_peak_ = 0;
  bool read_rss_ = true;
  bool stopped_ = false;
};

}  // namespace ph::profilers
