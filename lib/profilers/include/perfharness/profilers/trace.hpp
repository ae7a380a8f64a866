#pragma once
// Trace profiler: every zone entry/exit as a Chrome trace "complete" event, viewable in Perfetto
// (ui.perfetto.dev) or chrome://tracing.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ph::profilers {

struct TraceEvent {
  const char* name = "";     // a zone name: a string literal, so it outlives the event
  std::int64_t start_ns = 0;  // steady clock
  std::int64_t duration_ns = 0;
  std::uint32_t tid = 0;  // kernel thread id
};

/// A named span the harness marks around zones: an operation's measured repetition, one of
/// its cases. Viewers nest zones inside it, so each operation and case is its own node.
struct TraceSlice {
  std::string name;      // the operation's name or the case's label
  std::string category;  // "operation" or "case"
  std::int64_t start_ns = 0;  // steady clock, as TraceEvent
  std::int64_t duration_ns = 0;
  std::uint32_t tid = 0;
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

/// Writes `events` as {"traceEvents": [...], "otherData": {...}} with "X" events (ts and dur in
/// microseconds from the earliest event), replacing `path` atomically (temporary file + rename).
/// Throws RuntimeFailure naming the file when it cannot be written.
/// `slices` are written as "X" events of their category, before the zones they enclose.
void write_chrome_trace(const std::string& path, std::span<const TraceEvent> events,
                        std::uint64_t dropped_events = 0, std::span<const TraceSlice> slices = {});
void write_chrome_trace(const std::string& path, const TraceBuffer& trace, std::span<const TraceSlice> slices = {});

}  // namespace ph::profilers
