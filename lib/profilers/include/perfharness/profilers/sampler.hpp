#pragma once
// Sampling CPU profiler: samples the call stacks of profiled threads on their CPU time and
// symbolizes them only after stop().
//
// Clocks, best first (method() says which ran):
//  - "perf_event ring": a perf_event software task-clock event per thread; the kernel records
//    each sample's user call chain (frame pointers) into a ring buffer that a drainer thread
//    empties. No signal per sample, and SIGPROF stays the program's.
//  - "perf_event task-clock": the same event delivered as SIGPROF; the handler walks frame
//    pointers (async-signal-safe, into a preallocated buffer). Used when the ring is refused.
//  - "timer_create": a POSIX CPU-time timer per thread (limited to the kernel tick, typically
//    250 Hz) with the same handler, where perf_event_open is refused altogether.
//
// Threads: start() profiles the calling thread; other threads join with
// attach_current_thread() (or a ThreadSampling guard) and must detach before they exit.
// One CpuSampler may run per process at a time.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ph::profilers {

enum class SamplingMethod {
  automatic,              // the ring, else the perf_event signal, else timer_create
  perf_event_ring,        // only the kernel's ring buffer
  perf_event_task_clock,  // only perf_event delivered as a signal
  timer_create_cpu_clock  // only timer_create(CLOCK_THREAD_CPUTIME_ID)
};

/// "perf_event ring", "perf_event task-clock", "timer_create", "automatic".
const char* to_string(SamplingMethod method) noexcept;

struct SamplerOptions {
  double frequency_hz = 1000.0;       // samples per second of CPU time, per thread
  SamplingMethod method = SamplingMethod::automatic;
  std::size_t max_stack_depth = 128;  // frames kept per sample (at most 256)
  std::size_t buffer_bytes = 32u << 20;  // sample storage; samples beyond it are counted as dropped
};

struct FunctionSamples {
  std::string function;
  std::uint64_t samples = 0;
  double fraction = 0.0;  // of all samples
  std::string line;       // top_self only: its most-sampled source line, "file.cpp:42"; empty if unknown
};

/// Samples per source line of each leaf function: function -> "file.cpp:42" -> samples.
using LeafLines = std::map<std::string, std::map<std::string, std::uint64_t>>;

/// One distinct stack, root first, and how many samples hit it.
struct CollapsedStack {
  std::vector<std::string> frames;
  std::uint64_t count = 0;
};

/// Symbolized samples. Built by CpuSampler::profile(), or from stacks directly. A function
/// inlined into another is a frame of its own, under the one it was inlined into.
class SampleProfile {
 public:
  SampleProfile() = default;
  explicit SampleProfile(std::vector<CollapsedStack> stacks, LeafLines leaf_lines = {});

  std::uint64_t total_samples() const noexcept { return total_; }
  const std::vector<CollapsedStack>& stacks() const noexcept { return stacks_; }
  const LeafLines& leaf_lines() const noexcept { return leaf_lines_; }

  /// `root;child;leaf COUNT` lines (flamegraph.pl, speedscope), most samples first.
  std::vector<std::string> collapsed_lines() const;
  /// Writes collapsed_lines() to `path` atomically (temp file + rename). Throws RuntimeFailure.
  void write_collapsed(const std::filesystem::path& path) const;

  /// Functions by samples in which they were the leaf (self), most first, at most `n`, each
  /// with its most-sampled line.
  std::vector<FunctionSamples> top_self(std::size_t n) const;
  /// Functions by samples in which they appear anywhere on the stack (inclusive), most first.
  std::vector<FunctionSamples> top_inclusive(std::size_t n) const;

 private:
  std::vector<CollapsedStack> stacks_;
  LeafLines leaf_lines_;
  std::uint64_t total_ = 0;
};

class CpuSampler {
 public:
  CpuSampler();
  explicit CpuSampler(SamplerOptions options);
  ~CpuSampler();  // stops
  CpuSampler(const CpuSampler&) = delete;
  CpuSampler& operator=(const CpuSampler&) = delete;

  /// Starts sampling the calling thread. Returns false (and sets unavailable_reason()) when
  /// no sampling clock can be armed. Throws InputError for a frequency outside
  /// (0, 20000] Hz and RuntimeFailure when another CpuSampler is already running.
  bool start();
  bool start(double frequency_hz);
  /// Stops every thread's sampling; samples stay available to profile(). Idempotent.
  void stop();

  /// Adds the calling thread to a running session. False if not running or out of slots.
  bool attach_current_thread();
  /// Removes the calling thread; call before a worker thread exits.
  void detach_current_thread();

  bool running() const noexcept { return running_.load(); }
  /// Empty when the last start() armed a clock; otherwise why sampling is unavailable.
  const std::string& unavailable_reason() const noexcept { return unavailable_reason_; }
  /// Why the preferred clocks were not used (empty when the ring was).
  const std::string& fallback_reason() const noexcept { return fallback_reason_; }
  /// "perf_event ring", "perf_event task-clock" or "timer_create"; "none" before a successful start().
  std::string method() const;

  double requested_frequency_hz() const noexcept { return options_.frequency_hz; }
  /// Samples per second of profiled CPU time (all profiled threads), once stopped.
  double effective_frequency_hz() const noexcept;
  /// CPU time of the profiled threads while they were profiled, once stopped.
  double sampled_cpu_seconds() const noexcept { return cpu_seconds_; }

  /// Samples recorded so far (safe to call while running).
  std::uint64_t sample_count() const noexcept;
  /// Samples lost because the buffer (or the kernel's ring) was full.
  std::uint64_t dropped_samples() const noexcept;
  /// timer_create only: timer periods that elapsed without a signal of their own (the kernel
  /// coalesces them when the thread is descheduled or the tick is late); 0 for perf_event.
  std::uint64_t coalesced_periods() const noexcept;
  /// Samples whose stack was cut at max_stack_depth.
  std::uint64_t truncated_stacks() const noexcept;
  /// True once at least `min_samples` samples were recorded: repeat a short operation until then.
  bool enough(std::uint64_t min_samples) const noexcept { return sample_count() >= min_samples; }

  /// Symbolizes the recorded samples (call after stop()).
  SampleProfile profile() const;

 private:
  struct Session;
  bool attach_thread(bool first, std::string& error);
  bool enter_signal_path(std::string& error);  // installs the handler and begins capture, once
  void leave_signal_path();

  SamplerOptions options_;
  std::unique_ptr<Session> session_;
  struct Unmap {
    std::size_t bytes;  // no initializer: it would make Unmap not default-constructible inside CpuSampler
    void operator()(std::uintptr_t* words) const noexcept;
  };
  // Sample storage, kept across sessions: a restart neither reallocates nor re-faults it.
  std::unique_ptr<std::uintptr_t[], Unmap> storage_;
  std::size_t storage_words() const noexcept {
    return storage_ ? storage_.get_deleter().bytes / sizeof(std::uintptr_t) : 0;
  }
  std::atomic<bool> running_{false};
  std::string unavailable_reason_;
  std::string fallback_reason_;
  double cpu_seconds_ = 0.0;
};

/// Attaches the calling (worker) thread to a running sampler for its scope.
class ThreadSampling {
 public:
  explicit ThreadSampling(CpuSampler& sampler) : sampler_(sampler), attached_(sampler.attach_current_thread()) {}
  ~ThreadSampling() {
    if (attached_) sampler_.detach_current_thread();
  }
  ThreadSampling(const ThreadSampling&) = delete;
  ThreadSampling& operator=(const ThreadSampling&) = delete;
  bool attached() const noexcept { return attached_; }

 private:
  CpuSampler& sampler_;
  bool attached_;
};

/// Runs `operation` repeatedly until the running `sampler` has `min_samples` samples or
/// `max_cpu_seconds` of the calling thread's CPU time were spent; returns the repetitions.
/// Use it for operations too short to be sampled in one run.
std::uint64_t repeat_until_samples(const CpuSampler& sampler, const std::function<void()>& operation,
                                   std::uint64_t min_samples, double max_cpu_seconds);

}  // namespace ph::profilers
