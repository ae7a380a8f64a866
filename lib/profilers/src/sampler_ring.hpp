#pragma once
// The kernel side of the sampler: a perf_event task-clock event per thread whose overflows the
// kernel records into a ring buffer (user call chain from frame pointers, plus the word at the
// stack pointer), with no signal per sample. A drainer thread copies the records into the same
// SampleBuffer layout the signal handler writes, so symbolizing does not care which path ran.
#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "sampler_capture.hpp"

namespace ph::profilers::detail {

class SampleRing {
 public:
  SampleRing() = default;
  ~SampleRing();
  SampleRing(const SampleRing&) = delete;
  SampleRing& operator=(const SampleRing&) = delete;

  /// Opens the event for the calling thread, disabled, and maps its ring. Returns 0 or an errno
  /// value (the ring stays closed).
  int open(std::uint64_t period_ns, std::size_t max_depth);
  bool is_open() const noexcept { return fd_ >= 0; }
  int fd() const noexcept { return fd_; }
  void enable() noexcept;
  void disable() noexcept;
  /// Copies every complete record into `buffer` as samples of thread slot `thread`; records the
  /// kernel lost because the ring was full count as dropped.
  void drain(SampleBuffer& buffer, std::uint32_t thread);
  /// Task-clock nanoseconds the event counted (the thread's user-mode CPU time while enabled).
  std::uint64_t counted_ns() const noexcept;
  void close() noexcept;

  /// Bytes of ring data per thread (a power of two pages); what the kernel charges against
  /// perf_event_mlock_kb.
  static std::size_t data_bytes() noexcept;

 private:
  void take(const unsigned char* record, std::size_t size, SampleBuffer& buffer, std::uint32_t thread);

  int fd_ = -1;
  void* map_ = nullptr;
  std::size_t map_bytes_ = 0;
  std::size_t max_depth_ = 0;
  std::vector<unsigned char> wrapped_;  // a record that straddles the ring's end, made whole
};

/// Wakes on a ring's watermark (or every 100 ms) and drains every registered ring into one
/// buffer. Rings are registered and removed from any thread; remove() drains the ring a last
/// time before returning, so its owner may close it.
class RingDrainer {
 public:
  RingDrainer() = default;
  ~RingDrainer();
  RingDrainer(const RingDrainer&) = delete;
  RingDrainer& operator=(const RingDrainer&) = delete;

  /// Starts the drainer thread. Returns 0 or an errno value.
  int start(SampleBuffer* buffer);
  void add(SampleRing* ring, std::uint32_t thread);
  void remove(SampleRing* ring);
  /// Drains every registered ring now, on the calling thread.
  void drain_now();
  /// Joins the thread after a last drain of every ring still registered.
  void stop();

 private:
  struct Entry {
    SampleRing* ring;
    std::uint32_t thread;
  };
  void run();
  void drain_all();  // with mutex_ held
  void wake() noexcept;

  SampleBuffer* buffer_ = nullptr;
  std::mutex mutex_;
  std::vector<Entry> rings_;
  std::vector<int> hung_;  // fds whose thread exited: polling them would return at once
  int wake_fd_ = -1;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ph::profilers::detail
