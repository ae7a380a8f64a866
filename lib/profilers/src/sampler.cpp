// CpuSampler control side: picks the sampling clock, arms and disarms it per thread,
// accounts the profiled CPU time, and turns the raw buffer into a SampleProfile.
#include "perfharness/profilers/sampler.hpp"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>

#include "counters_perf_event.hpp"
#include "sampler_capture.hpp"
#include "sampler_clocks.hpp"
#include "sampler_ring.hpp"
#include "sampler_symbols.hpp"
#include "perfharness/common/errors.hpp"

namespace ph::profilers {

void CpuSampler::Unmap::operator()(std::uintptr_t* words) const noexcept { ::munmap(words, bytes); }

namespace {

constexpr double kMaxFrequencyHz = 20000.0;
std::atomic<bool> g_sampler_running{false};

pid_t current_tid() { return static_cast<pid_t>(syscall(SYS_gettid)); }

}  // namespace

const char* to_string(SamplingMethod method) noexcept {
  switch (method) {
    case SamplingMethod::automatic: return "automatic";
    case SamplingMethod::perf_event_ring: return "perf_event ring";
    case SamplingMethod::perf_event_task_clock: return "perf_event task-clock";
    case SamplingMethod::timer_create_cpu_clock: return "timer_create";
  }
  return "unknown";
}

struct CpuSampler::Session {
  detail::SampleBuffer buffer;
  std::mutex mutex;
  std::vector<detail::ThreadSlot*> attached;
  SamplingMethod clock = SamplingMethod::perf_event_ring;  // the one this session uses
  bool signal_path = false;                                // handler installed, capture begun
  std::array<std::unique_ptr<detail::SampleRing>, detail::kMaxSampledThreads> rings;  // by slot
  detail::RingDrainer drainer;  // after the rings: destroyed (stopped) before them
  std::uint64_t period_ns = 0;
  double detached_cpu_seconds = 0.0;
};

CpuSampler::CpuSampler() : CpuSampler(SamplerOptions{}) {}

CpuSampler::CpuSampler(SamplerOptions options) : options_(options) {
  options_.max_stack_depth = std::clamp<std::size_t>(options_.max_stack_depth, 1, detail::kMaxStackDepth);
}

CpuSampler::~CpuSampler() { stop(); }

std::string CpuSampler::method() const {
  if (!session_ || !unavailable_reason_.empty()) return "none";
  return to_string(session_->clock);
}

bool CpuSampler::enter_signal_path(std::string& error) {
  Session& s = *session_;
  if (s.signal_path) return true;
  if (!detail::install_sample_handler(error)) return false;
  detail::begin_capture(&s.buffer);
  s.signal_path = true;
  return true;
}

void CpuSampler::leave_signal_path() {
  Session& s = *session_;
  if (!s.signal_path) return;
  detail::end_capture();
  detail::restore_sample_handler();
  s.signal_path = false;
}

bool CpuSampler::start() { return start(options_.frequency_hz); }

bool CpuSampler::start(double frequency_hz) {
  if (!(frequency_hz > 0.0 && frequency_hz <= kMaxFrequencyHz))
    throw InputError("sampling frequency " + std::to_string(frequency_hz) +
                     " Hz is out of range; use a value in (0, 20000] Hz (1000 is a good default)");
  if (running_) throw RuntimeFailure("CpuSampler::start called twice; stop() the running session first");
  bool expected = false;
  if (!g_sampler_running.compare_exchange_strong(expected, true))
    throw RuntimeFailure("another CpuSampler is already running in this process; only one can sample at a time");

  options_.frequency_hz = frequency_hz;
  unavailable_reason_.clear();
  fallback_reason_.clear();
  cpu_seconds_ = 0.0;
  session_ = std::make_unique<Session>();
  Session& s = *session_;
  s.period_ns = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(1e9 / frequency_hz + 0.5));
  const std::size_t words = std::max<std::size_t>(options_.buffer_bytes / sizeof(std::uintptr_t), 1024);
  if (storage_words() != words) {
    // Mapped, not allocated: only the pages samples use get faulted in, so starting a sampler
    // adds no megabytes of page faults to a measured region (nor, under ASan, a megabyte-sized
    // shadow to poison), and the heap profiler does not count the profiler's own buffer.
    storage_.reset();
    const std::size_t bytes = words * sizeof(std::uintptr_t);
    void* mapped = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapped == MAP_FAILED) {
      const int error = errno;
      session_.reset();
      g_sampler_running.store(false);
      errno = error;
      throw RuntimeFailure("could not reserve " + std::to_string(bytes >> 20) + " MB for stack samples: " +
                           std::strerror(errno) + "; lower the sampler's buffer size");
    }
    storage_ = std::unique_ptr<std::uintptr_t[], Unmap>(static_cast<std::uintptr_t*>(mapped), Unmap{bytes});
  }
  s.buffer.words = storage_.get();
  s.buffer.capacity = storage_words();
  s.buffer.max_depth = options_.max_stack_depth;

  std::string error;
#if !defined(__x86_64__) && !defined(__aarch64__)
  error = "stack sampling is implemented for x86-64 and AArch64 only";
#endif
  s.clock = options_.method == SamplingMethod::automatic ? SamplingMethod::perf_event_ring : options_.method;
  if (error.empty() && s.clock == SamplingMethod::perf_event_ring) {
    if (const int err = s.drainer.start(&s.buffer); err != 0) {
      const std::string why = std::string("cannot start the ring drainer thread: ") + std::strerror(err);
      if (options_.method == SamplingMethod::perf_event_ring) error = why;
      fallback_reason_ = why + "; using signals";
      s.clock = SamplingMethod::perf_event_task_clock;
    }
  }
  if (error.empty() && (s.clock == SamplingMethod::perf_event_ring || enter_signal_path(error))) {
    running_ = true;
    if (attach_thread(true, error)) return true;
    running_ = false;
  }
  s.drainer.stop();
  leave_signal_path();
  unavailable_reason_ = error.empty() ? "sampling clock could not be armed" : error;
  g_sampler_running.store(false);
  return false;
}

bool CpuSampler::attach_current_thread() {
  std::string ignored;
  return attach_thread(false, ignored);
}

bool CpuSampler::attach_thread(bool first, std::string& error) {
  if (!running_ || !session_) return false;
  Session& s = *session_;
  std::lock_guard lock(s.mutex);
  detail::ThreadSlot* const current = detail::current_thread_slot();
  if (current != nullptr && std::find(s.attached.begin(), s.attached.end(), current) != s.attached.end())
    return true;
  detail::ThreadSlot* slot = detail::claim_thread_slot();
  if (slot == nullptr) {
    error = "all " + std::to_string(detail::kMaxSampledThreads) + " thread slots are in use";
    return false;
  }
  slot->tid = current_tid();
  slot->thread = pthread_self();
  slot->cpu_seconds_at_attach = detail::clock_seconds(CLOCK_THREAD_CPUTIME_ID);
  if (!detail::current_stack_bounds(slot->stack_lo, slot->stack_hi)) {
    detail::release_thread_slot(slot);
    error = "cannot read the thread's stack bounds (pthread_getattr_np failed)";
    return false;
  }
  detail::set_current_thread_slot(slot);
  auto give_up = [&](std::string why) {
    detail::set_current_thread_slot(nullptr);
    detail::release_thread_slot(slot);
    error = std::move(why);
    return false;
  };
  // Only the first thread may switch clocks, so that one session uses one clock.
  const bool may_fall_back = first && options_.method == SamplingMethod::automatic;
  auto fall_back = [&](const std::string& why) {
    fallback_reason_ += (fallback_reason_.empty() ? "" : "; ") + why;
  };
  if (s.clock == SamplingMethod::perf_event_ring) {
    auto ring = std::make_unique<detail::SampleRing>();
    const int err = ring->open(s.period_ns, options_.max_stack_depth);
    if (err == 0) {
      s.drainer.add(ring.get(), slot->index);
      ring->enable();
      s.rings[slot->index] = std::move(ring);
      s.attached.push_back(slot);
      return true;
    }
    const std::string why = detail::perf_open_failure(err, false);
    if (!may_fall_back) return give_up("perf_event ring sampling unavailable: " + why);
    fall_back("perf_event ring refused (" + why + "); using signals");
    s.drainer.stop();
    s.clock = SamplingMethod::perf_event_task_clock;
    if (!enter_signal_path(error)) return give_up(error);
  }
  if (s.clock == SamplingMethod::perf_event_task_clock) {
    const int err = detail::arm_perf_event(*slot, s.period_ns);
    if (err != 0) {
      const std::string why = detail::perf_open_failure(err, false);
      if (!may_fall_back) return give_up("perf_event task-clock sampling unavailable: " + why);
      fall_back("perf_event task-clock refused (" + why + "); using timer_create");
      s.clock = SamplingMethod::timer_create_cpu_clock;
    }
  }
  if (s.clock == SamplingMethod::timer_create_cpu_clock && !slot->armed.load()) {
    const int err = detail::arm_cpu_timer(*slot, s.period_ns);
    if (err != 0)
      return give_up(std::string("timer_create(CLOCK_THREAD_CPUTIME_ID) failed: ") + std::strerror(err) +
                     (fallback_reason_.empty() ? "" : "; " + fallback_reason_));
  }
  s.attached.push_back(slot);
  return true;
}

void CpuSampler::detach_current_thread() {
  if (!session_) return;
  Session& s = *session_;
  std::lock_guard lock(s.mutex);
  detail::ThreadSlot* slot = detail::current_thread_slot();
  auto it = std::find(s.attached.begin(), s.attached.end(), slot);
  if (slot == nullptr || it == s.attached.end()) return;
  detail::disarm(*slot);
  auto& ring = s.rings[slot->index];
  if (ring) {
    ring->disable();
    s.drainer.remove(ring.get());
  }
  // Only this thread's handler uses this slot, and it cannot run while we are here.
  s.detached_cpu_seconds += detail::cpu_seconds_of(*slot, ring.get());
  ring.reset();
  if (slot->perf_fd >= 0) ::close(slot->perf_fd);
  detail::set_current_thread_slot(nullptr);
  detail::release_thread_slot(slot);
  s.attached.erase(it);
}

void CpuSampler::stop() {
  if (!running_ || !session_) return;
  Session& s = *session_;
  {
    std::lock_guard lock(s.mutex);
    for (auto* slot : s.attached) {
      detail::disarm(*slot);
      if (s.rings[slot->index]) s.rings[slot->index]->disable();
    }
    s.drainer.stop();  // after a last drain
    if (s.signal_path) detail::end_capture();
    double cpu = s.detached_cpu_seconds;
    for (auto* slot : s.attached) {
      cpu += detail::cpu_seconds_of(*slot, s.rings[slot->index].get());
      s.rings[slot->index].reset();
      if (slot->perf_fd >= 0) ::close(slot->perf_fd);
      if (slot == detail::current_thread_slot()) detail::set_current_thread_slot(nullptr);
      detail::release_thread_slot(slot);
    }
    s.attached.clear();
    cpu_seconds_ = cpu;
    leave_signal_path();
  }
  running_ = false;
  g_sampler_running.store(false);
}

double CpuSampler::effective_frequency_hz() const noexcept {
  return cpu_seconds_ > 0.0 ? static_cast<double>(sample_count()) / cpu_seconds_ : 0.0;
}

std::uint64_t CpuSampler::sample_count() const noexcept {
  if (!session_) return 0;
  // The kernel's rings are emptied every few tens of milliseconds; a caller waiting for a
  // count (repeat_until_samples) should not run that much longer than it needs.
  if (running_ && session_->clock == SamplingMethod::perf_event_ring) session_->drainer.drain_now();
  return session_->buffer.samples.load(std::memory_order_acquire);
}

std::uint64_t CpuSampler::dropped_samples() const noexcept {
  return session_ ? session_->buffer.dropped.load(std::memory_order_relaxed) : 0;
}

std::uint64_t CpuSampler::coalesced_periods() const noexcept {
  return session_ ? session_->buffer.overruns.load(std::memory_order_relaxed) : 0;
}

std::uint64_t CpuSampler::truncated_stacks() const noexcept {
  return session_ ? session_->buffer.truncated.load(std::memory_order_relaxed) : 0;
}

SampleProfile CpuSampler::profile() const {
  if (running_) throw RuntimeFailure("CpuSampler::profile called while sampling; call stop() first");
  if (!session_) return SampleProfile{};
  const detail::SampleBuffer& b = session_->buffer;
  const std::size_t used = std::min(b.used.load(std::memory_order_acquire), b.capacity);
  const detail::SymbolizerLease lease;
  detail::Symbolizer& symbols = *lease;
  std::map<std::vector<std::string>, std::uint64_t> counts;
  LeafLines leaf_lines;
  std::vector<std::string> frames;
  auto push = [&](const std::vector<detail::SourceFrame>& at) {
    for (const auto& f : at) frames.push_back(f.function);
  };
  for (std::size_t at = 0; at < used;) {
    const std::size_t depth = b.words[at] & detail::kHeaderDepthMask;
    if (depth == 0 || at + 2 + depth > used) break;  // cannot happen once stopped; never read past
    const std::uintptr_t* pcs = &b.words[at + 1];
    const std::uintptr_t candidate = b.words[at + 1 + depth];
    // A leaf sampled before its frame record exists (frameless, prologue, epilogue) hides its
    // caller from the frame-pointer walk; the candidate word restores it when it checks out.
    const bool add_caller = candidate != 0 && (depth < 2 || candidate != pcs[1]) &&
                            symbols.returns_from_call_to(candidate, pcs[0]);
    frames.clear();
    // Root first. Return addresses point after the call; pc - 1 lies inside the calling
    // function (and its inlined calls) even when the call was its last instruction.
    for (std::size_t i = depth; i-- > 1;) push(symbols.frames_at(pcs[i] - 1));
    if (add_caller) push(symbols.frames_at(candidate - 1));
    const auto& leaf = symbols.frames_at(pcs[0]);
    push(leaf);
    if (!leaf.back().location.empty()) ++leaf_lines[leaf.back().function][leaf.back().location];
    ++counts[frames];
    at += 2 + depth;
  }
  std::vector<CollapsedStack> stacks;
  stacks.reserve(counts.size());
  for (auto& [f, n] : counts) stacks.push_back({f, n});
  return SampleProfile(std::move(stacks), std::move(leaf_lines));
}

std::uint64_t repeat_until_samples(const CpuSampler& sampler, const std::function<void()>& operation,
                                   std::uint64_t min_samples, double max_cpu_seconds) {
  const double start = detail::clock_seconds(CLOCK_THREAD_CPUTIME_ID);
  std::uint64_t repetitions = 0;
  do {
    operation();
    ++repetitions;
  } while (sampler.running() && !sampler.enough(min_samples) &&
           detail::clock_seconds(CLOCK_THREAD_CPUTIME_ID) - start < max_cpu_seconds);
  return repetitions;
}

}  // namespace ph::profilers
