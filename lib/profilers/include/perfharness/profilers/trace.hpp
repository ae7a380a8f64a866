#pragma once
// Trace profiler: every zone call as an event (name, start, duration, thread), in a bounded
// buffer. `perfharness run --trace` writes them as a Chrome trace (report::chrome_trace).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace ph::profilers {

struct TraceEvent {
  const char* name = "";     // a zone name: a string literal, so it outlives the event
  std::int64_t start_ns = 0;  // steady clock
  std::int64_t duration_ns = 0;
  std::uint32_t tid = 0;  // kernel thread id
};

/// Events of one or more threads, bounded: once `capacity` events are held, later ones are
/// counted in dropped() instead of stored, so a long run cannot exhaust memory.
class TraceBuffer {
 public:
  static constexpr std::size_t default_capacity = 1'000'000;

  explicit TraceBuffer(std::size_t capacity = default_capacity) noexcept : capacity_(capacity) {}

  void record(const TraceEvent& event) noexcept {
    if (events_.size() < events_.capacity() || (events_.size() < capacity_ && grow())) {
      events_.push_back(event);
    } else {
      ++dropped_;
    }
  }
  /// Appends another buffer's events (and its drop count), within this buffer's capacity.
  void append(const TraceBuffer& other);
  void clear() noexcept;

  std::span<const TraceEvent> events() const noexcept { return events_; }
  std::uint64_t dropped() const noexcept { return dropped_; }
  std::size_t capacity() const noexcept { return capacity_; }

 private:
  bool grow() noexcept;  // false when memory ran out

  std::vector<TraceEvent> events_;
  std::size_t capacity_;
  std::uint64_t dropped_ = 0;
};

/// The calling thread's kernel thread id (what trace viewers show as tid).
std::uint32_t current_tid() noexcept;

}  // namespace ph::profilers
