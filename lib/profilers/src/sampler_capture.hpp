#pragma once
// The signal-handler side of the sampling profiler: process-wide state, per-thread slots,
// the frame-pointer stack walk and the lock-free sample buffer. Everything the handler
// touches is preallocated; nothing here allocates, locks or calls non-reentrant libc.
#include <pthread.h>
#include <sys/types.h>

#include <atomic>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>

namespace ph::profilers::detail {

constexpr int kSampleSignal = SIGPROF;
constexpr std::size_t kMaxSampledThreads = 64;
constexpr std::size_t kMaxStackDepth = 256;

/// Sample record layout in SampleBuffer::words: one header word, then `depth` program
/// counters (leaf first), then one "leaf caller candidate" word: the word at the interrupted
/// stack pointer (x86-64) or the link register (AArch64), which holds the return address when
/// the leaf has no frame record yet (frameless leaf, or in its prologue/epilogue). The
/// symbolizer keeps it only if it returns from a call to the leaf. The header packs the depth,
/// the thread slot and a truncation bit. A record takes depth + 2 words.
constexpr std::uintptr_t kHeaderDepthMask = 0xffff;
constexpr int kHeaderThreadShift = 16;
constexpr std::uintptr_t kHeaderTruncated = std::uintptr_t{1} << 40;

struct SampleBuffer {
  std::uintptr_t* words = nullptr;
  std::size_t capacity = 0;  // in words
  std::size_t max_depth = 0;
  std::atomic<std::size_t> used{0};
  std::atomic<std::uint64_t> samples{0};
  std::atomic<std::uint64_t> dropped{0};
  std::atomic<std::uint64_t> truncated{0};
  std::atomic<std::uint64_t> overruns{0};  // timer periods merged into another signal
};

struct ThreadSlot {
  std::atomic<bool> in_use{false};  // claimed by a thread (control side)
  std::atomic<bool> armed{false};   // the handler may record and re-arm
  std::uint32_t index = 0;
  int perf_fd = -1;
  bool has_timer = false;
  timer_t timer{};
  pid_t tid = 0;
  pthread_t thread{};
  std::uintptr_t stack_lo = 0;
  std::uintptr_t stack_hi = 0;
  double cpu_seconds_at_attach = 0.0;
};

/// Appends one sample record (layout above), reserving its words by compare-and-swap so the
/// handlers of several threads may store at once; counts it dropped when the buffer is full.
void store_sample(SampleBuffer& buffer, const std::uintptr_t* frames, std::size_t depth, std::uintptr_t candidate,
                  std::uint32_t thread, bool truncated) noexcept;

/// Installs the sample-signal handler (once per session). False with `error` set on failure.
bool install_sample_handler(std::string& error);
/// Restores the previous disposition (SIG_IGN if it was the default, which would kill us
/// on a late signal), discarding signals still pending.
void restore_sample_handler();

/// Makes `buffer` the target of the handler and turns recording on.
void begin_capture(SampleBuffer* buffer);
/// Turns recording off and waits until no handler is still running.
void end_capture();

/// Claims a free slot (nullptr if all are taken); release returns it.
ThreadSlot* claim_thread_slot();
void release_thread_slot(ThreadSlot* slot);
ThreadSlot* thread_slot(std::size_t index);

/// The calling thread's slot as seen by the handler (nullptr: not sampled).
void set_current_thread_slot(ThreadSlot* slot) noexcept;
ThreadSlot* current_thread_slot() noexcept;

/// Stack bounds of the calling thread, from pthread_getattr_np.
bool current_stack_bounds(std::uintptr_t& lo, std::uintptr_t& hi);

/// The leaf-caller candidate of an interrupted context (see the record layout), or 0.
std::uintptr_t leaf_caller_candidate(const void* ucontext, std::uintptr_t lo, std::uintptr_t hi) noexcept;

/// Walks the frame-pointer chain of an interrupted context. Frame pointers are accepted only
/// inside [max(sp, lo), hi), 8-byte aligned and strictly increasing, so a corrupt chain ends
/// the walk instead of faulting. Returns the depth; sets `truncated` when cut at `max_depth`.
std::size_t walk_frames(std::uintptr_t pc, std::uintptr_t fp, std::uintptr_t sp, std::uintptr_t lo,
                        std::uintptr_t hi, std::uintptr_t* out, std::size_t max_depth, bool& truncated) noexcept;

}  // namespace ph::profilers::detail
