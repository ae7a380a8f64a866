#pragma once
// The heap counters the allocation interposer updates on every malloc and free.
// Internal to the profilers: read them through heap.hpp and zones.hpp instead.
//
// Two sets are kept. The process-wide set (relaxed atomics) answers "how much heap does the
// process hold, and what was its peak". The per-thread set (plain thread-local integers, no
// atomics) lets a zone recorder attribute allocations to the zones of the thread that made them.
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace ph::profilers::heap_detail {

struct alignas(64) GlobalCounters {
  std::atomic<std::int64_t> current_bytes{0};  // may dip below zero briefly: frees of blocks the
                                               // dynamic loader allocated before main
  std::atomic<std::int64_t> peak_bytes{0};
  std::atomic<std::uint64_t> allocations{0};
  std::atomic<std::uint64_t> frees{0};
  std::atomic<std::uint64_t> bytes_allocated{0};
};

struct ThreadCounters {
  std::int64_t net_bytes = 0;   // allocated minus freed by this thread (negative when it frees
                                // blocks other threads allocated)
  std::int64_t peak_bytes = 0;  // high-water of net_bytes since the innermost zone began
  std::uint64_t allocations = 0;
  std::uint64_t frees = 0;
  std::uint64_t bytes_allocated = 0;
};

extern GlobalCounters g_counters;
// constinit: every access is a plain %fs-relative load, no TLS wrapper call, no allocation, so
// the interposer may touch it from inside malloc on any thread at any time.
extern constinit thread_local ThreadCounters t_counters __attribute__((tls_model("initial-exec")));

inline void record_alloc(std::size_t usable) noexcept {
  const auto bytes = static_cast<std::int64_t>(usable);
  ThreadCounters& t = t_counters;
  ++t.allocations;
  t.bytes_allocated += usable;
  t.net_bytes += bytes;
  if (t.net_bytes > t.peak_bytes) t.peak_bytes = t.net_bytes;

  GlobalCounters& g = g_counters;
  g.allocations.fetch_add(1, std::memory_order_relaxed);
  g.bytes_allocated.fetch_add(usable, std::memory_order_relaxed);
  const std::int64_t now = g.current_bytes.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  std::int64_t peak = g.peak_bytes.load(std::memory_order_relaxed);
  while (now > peak && !g.peak_bytes.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
}

inline void record_free(std::size_t usable) noexcept {
  ThreadCounters& t = t_counters;
  ++t.frees;
  t.net_bytes -= static_cast<std::int64_t>(usable);

  GlobalCounters& g = g_counters;
  g.frees.fetch_add(1, std::memory_order_relaxed);
  g.current_bytes.fetch_sub(static_cast<std::int64_t>(usable), std::memory_order_relaxed);
}

/// Raises the process-wide peak to at least `bytes` (used when a nested probe hands back the peak).
inline void raise_global_peak(std::int64_t bytes) noexcept {
  std::int64_t peak = g_counters.peak_bytes.load(std::memory_order_relaxed);
  while (bytes > peak && !g_counters.peak_bytes.compare_exchange_weak(peak, bytes, std::memory_order_relaxed)) {
  }
}

}  // namespace ph::profilers::heap_detail
