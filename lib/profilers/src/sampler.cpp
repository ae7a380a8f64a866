// CpuSampler control side: picks the sampling clock, arms and disarms it per thread,
// accounts the profiled CPU time, and turns the raw buffer into a SampleProfile.
#include "perfharness/profilers/sampler.hpp"

#include <fcntl.h>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>

#include "counters_perf_event.hpp"
#include "sampler_capture.hpp"
#include "sampler_symbols.hpp"
#include "perfharness/common/errors.hpp"

namespace ph::profilers {

void CpuSampler::Unmap::operator()(std::uintptr_t* words) const noexcept { ::munmap(words, bytes); }

namespace {

constexpr double kMaxFrequencyHz = 20000.0;
std::atomic<bool> g_sampler_running{false};

pid_t current_tid() { return static_cast<pid_t>(syscall(SYS_gettid)); }

double clock_seconds(clockid_t clock) {
  timespec ts{};
  if (clock_gettime(clock, &ts) != 0) return 0.0;
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Arms a perf task-clock event on the calling thread. Returns 0 or an errno value.
int arm_perf_event(detail::ThreadSlot& slot, std::uint64_t period_ns) {
  perf_event_attr attr = detail::make_perf_attr(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
  attr.sample_period = period_ns;
  attr.disabled = 1;
  attr.exclude_kernel = 1;  // allowed at perf_event_paranoid 2; user-mode stacks are what we walk
  attr.exclude_hv = 1;
  const int fd = detail::perf_event_open_fd(attr, 0, -1);
  if (fd < 0) return -fd;
  f_owner_ex owner{F_OWNER_TID, slot.tid};
  if (fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK) != 0 || fcntl(fd, F_SETSIG, detail::kSampleSignal) != 0 ||
      fcntl(fd, F_SETOWN_EX, &owner) != 0) {
    const int err = errno;
    ::close(fd);
    return err;
  }
  slot.perf_fd = fd;
  slot.armed.store(true, std::memory_order_release);
  ioctl(fd, PERF_EVENT_IOC_RESET, 0);
  // Enable for one overflow; the handler re-arms it (REFRESH) after each sample.
  if (ioctl(fd, PERF_EVENT_IOC_REFRESH, 1) != 0) {
    const int err = errno;
    slot.armed.store(false);
    slot.perf_fd = -1;
    ::close(fd);
    return err;
  }
  return 0;
}

// Arms a POSIX timer on the calling thread's CPU clock, signalling this thread only.
int arm_cpu_timer(detail::ThreadSlot& slot, std::uint64_t period_ns) {
  sigevent sev{};
  sev.sigev_notify = SIGEV_THREAD_ID;
  sev.sigev_signo = detail::kSampleSignal;
  sev.sigev_value.sival_ptr = &slot;
  sev._sigev_un._tid = slot.tid;
  timer_t timer{};
  if (timer_create(CLOCK_THREAD_CPUTIME_ID, &sev, &timer) != 0) return errno;
  slot.timer = timer;
  slot.has_timer = true;
  slot.armed.store(true, std::memory_order_release);
  itimerspec spec{};
  spec.it_interval.tv_sec = static_cast<time_t>(period_ns / 1000000000ull);
  spec.it_interval.tv_nsec = static_cast<long>(period_ns % 1000000000ull);
  spec.it_value = spec.it_interval;
  if (timer_settime(timer, 0, &spec, nullptr) != 0) {
    const int err = errno;
    slot.armed.store(false);
    timer_delete(timer);
    slot.has_timer = false;
    return err;
  }
  return 0;
}

// Stops the clock; the fd stays open until no handler can still be using it.
void disarm(detail::ThreadSlot& slot) {
  slot.armed.store(false, std::memory_order_release);
  if (slot.perf_fd >= 0) ioctl(slot.perf_fd, PERF_EVENT_IOC_DISABLE, 0);
  if (slot.has_timer) {
    timer_delete(slot.timer);
    slot.has_timer = false;
  }
}

// CPU seconds the slot's thread spent since it was attached. The thread CPU clock, not the
// perf event's count: the event pauses between an overflow and its re-arm, so its count runs
// about 1% short and would overstate the frequency.
double cpu_seconds_of(const detail::ThreadSlot& slot) {
  if (pthread_equal(slot.thread, pthread_self())) return clock_seconds(CLOCK_THREAD_CPUTIME_ID) - slot.cpu_seconds_at_attach;
  clockid_t clock{};
  if (pthread_getcpuclockid(slot.thread, &clock) == 0) return clock_seconds(clock) - slot.cpu_seconds_at_attach;
  std::uint64_t ns = 0;  // thread gone: the event's count is the best remaining figure
  if (slot.perf_fd >= 0 && ::read(slot.perf_fd, &ns, sizeof ns) == static_cast<ssize_t>(sizeof ns))
    return static_cast<double>(ns) * 1e-9;
  return 0.0;
}

}  // namespace

const char* to_string(SamplingMethod method) noexcept {
  switch (method) {
    case SamplingMethod::automatic: return "automatic";
    case SamplingMethod::perf_event_task_clock: return "perf_event task-clock";
    case SamplingMethod::timer_create_cpu_clock: return "timer_create";
  }
  return "unknown";
}

struct CpuSampler::Session {
  detail::SampleBuffer buffer;
  std::mutex mutex;
  std::vector<detail::ThreadSlot*> attached;
  bool use_perf = false;
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
  return armed_perf_ ? to_string(SamplingMethod::perf_event_task_clock)
                     : to_string(SamplingMethod::timer_create_cpu_clock);
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
  if (error.empty() && detail::install_sample_handler(error)) {
    detail::begin_capture(&s.buffer);
    running_ = true;
    s.use_perf = options_.method != SamplingMethod::timer_create_cpu_clock;
    if (attach_thread(true, error)) {
      armed_perf_ = s.use_perf;
      return true;
    }
    detail::end_capture();
    detail::restore_sample_handler();
    running_ = false;
  }
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
  slot->cpu_seconds_at_attach = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
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
  if (s.use_perf) {
    const int err = arm_perf_event(*slot, s.period_ns);
    if (err != 0) {
      const std::string why = detail::perf_open_failure(err, false);
      // Only the first thread may switch clocks, so that one session uses one clock.
      if (!first || options_.method == SamplingMethod::perf_event_task_clock)
        return give_up("perf_event task-clock sampling unavailable: " + why);
      fallback_reason_ = "perf_event task-clock refused (" + why + "); using timer_create";
      s.use_perf = false;
    }
  }
  if (!s.use_perf && !slot->armed.load()) {
    const int err = arm_cpu_timer(*slot, s.period_ns);
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
  disarm(*slot);
  // Only this thread's handler uses this slot, and it cannot run while we are here.
  s.detached_cpu_seconds += cpu_seconds_of(*slot);
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
    for (auto* slot : s.attached) disarm(*slot);
    detail::end_capture();
    double cpu = s.detached_cpu_seconds;
    for (auto* slot : s.attached) {
      cpu += cpu_seconds_of(*slot);
      if (slot->perf_fd >= 0) ::close(slot->perf_fd);
      if (slot == detail::current_thread_slot()) detail::set_current_thread_slot(nullptr);
      detail::release_thread_slot(slot);
    }
    s.attached.clear();
    cpu_seconds_ = cpu;
    detail::restore_sample_handler();
  }
  running_ = false;
  g_sampler_running.store(false);
}

double CpuSampler::effective_frequency_hz() const noexcept {
  return cpu_seconds_ > 0.0 ? static_cast<double>(sample_count()) / cpu_seconds_ : 0.0;
}

std::uint64_t CpuSampler::sample_count() const noexcept {
  return session_ ? session_->buffer.samples.load(std::memory_order_acquire) : 0;
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
  detail::Symbolizer symbols;
  std::map<std::vector<std::string>, std::uint64_t> counts;
  std::vector<std::string> frames;
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
    // function even when the call was its last instruction.
    for (std::size_t i = depth; i-- > 1;) frames.push_back(symbols.function_name(pcs[i] - 1));
    if (add_caller) frames.push_back(symbols.function_name(candidate - 1));
    frames.push_back(symbols.function_name(pcs[0]));
    ++counts[frames];
    at += 2 + depth;
  }
  std::vector<CollapsedStack> stacks;
  stacks.reserve(counts.size());
  for (auto& [f, n] : counts) stacks.push_back({f, n});
  return SampleProfile(std::move(stacks));
}

std::uint64_t repeat_until_samples(const CpuSampler& sampler, const std::function<void()>& operation,
                                   std::uint64_t min_samples, double max_cpu_seconds) {
  const double start = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
  std::uint64_t repetitions = 0;
  do {
    operation();
    ++repetitions;
  } while (sampler.running() && !sampler.enough(min_samples) &&
           clock_seconds(CLOCK_THREAD_CPUTIME_ID) - start < max_cpu_seconds);
  return repetitions;
}

}  // namespace ph::profilers
