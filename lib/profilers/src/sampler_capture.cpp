// Signal-handler side of the sampler. The handler runs on the sampled thread at an arbitrary
// instruction, so it only reads registers from the ucontext, walks validated frame pointers
// into a buffer reserved by compare-and-swap, and re-arms the perf event with one ioctl.
#include "sampler_capture.hpp"

#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <ucontext.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace ph::profilers::detail {
namespace {

std::atomic<bool> g_capturing{false};
std::atomic<int> g_in_handler{0};
std::atomic<SampleBuffer*> g_buffer{nullptr};
ThreadSlot g_slots[kMaxSampledThreads];
struct sigaction g_previous_action;
bool g_handler_installed = false;

// Initial-exec TLS in a static library: reading it in a signal handler needs no allocation.
thread_local ThreadSlot* t_slot = nullptr;

bool registers_of(const void* context, std::uintptr_t& pc, std::uintptr_t& fp, std::uintptr_t& sp) noexcept {
  const auto* uc = static_cast<const ucontext_t*>(context);
#if defined(__x86_64__)
  pc = static_cast<std::uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
  fp = static_cast<std::uintptr_t>(uc->uc_mcontext.gregs[REG_RBP]);
  sp = static_cast<std::uintptr_t>(uc->uc_mcontext.gregs[REG_RSP]);
  return true;
#elif defined(__aarch64__)
  pc = static_cast<std::uintptr_t>(uc->uc_mcontext.pc);
  fp = static_cast<std::uintptr_t>(uc->uc_mcontext.regs[29]);
  sp = static_cast<std::uintptr_t>(uc->uc_mcontext.sp);
  return true;
#else
  (void)uc;
  pc = fp = sp = 0;
  return false;
#endif
}

bool signal_is_ours(const siginfo_t* info, const ThreadSlot& slot) noexcept {
  if (slot.perf_fd >= 0) return info->si_code > 0 && info->si_fd == slot.perf_fd;
  return info->si_code == SI_TIMER && info->si_value.sival_ptr == &slot;
}

void on_sample_signal(int, siginfo_t* info, void* context) {
  const int saved_errno = errno;
  // Counted before checking g_capturing, so end_capture() can wait for us (see there).
  g_in_handler.fetch_add(1, std::memory_order_seq_cst);
  ThreadSlot* slot = t_slot;
  if (g_capturing.load(std::memory_order_seq_cst) && slot != nullptr &&
      slot->armed.load(std::memory_order_acquire) && signal_is_ours(info, *slot)) {
    SampleBuffer* buffer = g_buffer.load(std::memory_order_acquire);
    std::uintptr_t pc = 0, fp = 0, sp = 0;
    if (buffer != nullptr && registers_of(context, pc, fp, sp)) {
      std::uintptr_t frames[kMaxStackDepth];
      bool truncated = false;
      const std::size_t depth =
          walk_frames(pc, fp, sp, slot->stack_lo, slot->stack_hi, frames, buffer->max_depth, truncated);
      const std::uintptr_t candidate = leaf_caller_candidate(context, slot->stack_lo, slot->stack_hi);
      store_sample(*buffer, frames, depth, candidate, slot->index, truncated);
      if (slot->perf_fd < 0 && info->si_overrun > 0)
        buffer->overruns.fetch_add(static_cast<std::uint64_t>(info->si_overrun), std::memory_order_relaxed);
    }
    // The event disabled itself on overflow (event_limit 1); let it count one more period.
    if (slot->perf_fd >= 0) ioctl(slot->perf_fd, PERF_EVENT_IOC_REFRESH, 1);
  }
  g_in_handler.fetch_sub(1, std::memory_order_seq_cst);
  errno = saved_errno;
}

}  // namespace

void store_sample(SampleBuffer& b, const std::uintptr_t* frames, std::size_t depth, std::uintptr_t candidate,
                  std::uint32_t thread, bool truncated) noexcept {
  const std::size_t need = depth + 2;
  std::size_t at = b.used.load(std::memory_order_relaxed);
  do {
    if (at + need > b.capacity) {
      b.dropped.fetch_add(1, std::memory_order_relaxed);
      return;
    }
  } while (!b.used.compare_exchange_weak(at, at + need, std::memory_order_acq_rel, std::memory_order_relaxed));
  for (std::size_t i = 0; i < depth; ++i) b.words[at + 1 + i] = frames[i];
  b.words[at + 1 + depth] = candidate;
  std::uintptr_t header = depth | (static_cast<std::uintptr_t>(thread) << kHeaderThreadShift);
  if (truncated) header |= kHeaderTruncated;
  b.words[at] = header;
  if (truncated) b.truncated.fetch_add(1, std::memory_order_relaxed);
  b.samples.fetch_add(1, std::memory_order_release);
}

__attribute__((no_sanitize_address, no_sanitize("undefined")))
std::uintptr_t leaf_caller_candidate(const void* context, std::uintptr_t lo, std::uintptr_t hi) noexcept {
  const auto* uc = static_cast<const ucontext_t*>(context);
#if defined(__x86_64__)
  const auto sp = static_cast<std::uintptr_t>(uc->uc_mcontext.gregs[REG_RSP]);
  if (sp < lo || hi < sizeof(std::uintptr_t) || sp > hi - sizeof(std::uintptr_t) || (sp & 7) != 0) return 0;
  return *reinterpret_cast<const std::uintptr_t*>(sp);
#elif defined(__aarch64__)
  (void)lo;
  (void)hi;
  return static_cast<std::uintptr_t>(uc->uc_mcontext.regs[30]);
#else
  (void)uc;
  (void)lo;
  (void)hi;
  return 0;
#endif
}

__attribute__((no_sanitize_address, no_sanitize("undefined")))
std::size_t walk_frames(std::uintptr_t pc, std::uintptr_t fp, std::uintptr_t sp, std::uintptr_t lo,
                        std::uintptr_t hi, std::uintptr_t* out, std::size_t max_depth, bool& truncated) noexcept {
  truncated = false;
  if (max_depth == 0) return 0;
  std::size_t n = 0;
  out[n++] = pc;
  // Frames live between the interrupted stack pointer and the top of the thread's stack;
  // memory there is mapped, so reading a wrong-but-in-range pointer cannot fault.
  const std::uintptr_t floor = sp > lo ? sp : lo;
  constexpr std::uintptr_t kFrameRecord = 2 * sizeof(std::uintptr_t);
  while (hi >= kFrameRecord && fp >= floor && fp <= hi - kFrameRecord && (fp & (sizeof(std::uintptr_t) - 1)) == 0) {
    const auto* record = reinterpret_cast<const std::uintptr_t*>(fp);
    const std::uintptr_t next = record[0];
    const std::uintptr_t ret = record[1];
    if (ret < 0x1000) break;  // not a code address: the chain is broken
    if (n == max_depth) {
      truncated = true;
      break;
    }
    out[n++] = ret;
    if (next <= fp) break;  // frames must move toward the stack top; also ends at the outermost (0)
    fp = next;
  }
  return n;
}

bool install_sample_handler(std::string& error) {
  if (g_handler_installed) return true;
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_sigaction = on_sample_signal;
  action.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&action.sa_mask);
  if (sigaction(kSampleSignal, &action, &g_previous_action) != 0) {
    error = std::string("sigaction(SIGPROF) failed: ") + std::strerror(errno);
    return false;
  }
  g_handler_installed = true;
  return true;
}

void restore_sample_handler() {
  if (!g_handler_installed) return;
  if (!(g_previous_action.sa_flags & SA_SIGINFO) && g_previous_action.sa_handler == SIG_DFL) {
    struct sigaction ignore;
    std::memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(kSampleSignal, &ignore, nullptr);
  } else {
    sigaction(kSampleSignal, &g_previous_action, nullptr);
  }
  g_handler_installed = false;
}

void begin_capture(SampleBuffer* buffer) {
  g_buffer.store(buffer, std::memory_order_release);
  g_capturing.store(true, std::memory_order_seq_cst);
}

void end_capture() {
  g_capturing.store(false, std::memory_order_seq_cst);
  // A handler that incremented g_in_handler after this point sees g_capturing == false
  // (both seq_cst), so once the count reads 0 no handler can touch the buffer or the fds.
  while (g_in_handler.load(std::memory_order_seq_cst) != 0) std::this_thread::yield();
  g_buffer.store(nullptr, std::memory_order_release);
}

ThreadSlot* claim_thread_slot() {
  for (std::size_t i = 0; i < kMaxSampledThreads; ++i) {
    bool expected = false;
    if (g_slots[i].in_use.compare_exchange_strong(expected, true)) {
      ThreadSlot& s = g_slots[i];
      s.index = static_cast<std::uint32_t>(i);
      s.perf_fd = -1;
      s.has_timer = false;
      s.armed.store(false);
      return &s;
    }
  }
  return nullptr;
}

void release_thread_slot(ThreadSlot* slot) {
  if (slot == nullptr) return;
  slot->armed.store(false);
  slot->perf_fd = -1;
  slot->has_timer = false;
  slot->in_use.store(false);
}

ThreadSlot* thread_slot(std::size_t index) { return index < kMaxSampledThreads ? &g_slots[index] : nullptr; }

void set_current_thread_slot(ThreadSlot* slot) noexcept {
  std::atomic_signal_fence(std::memory_order_seq_cst);
  t_slot = slot;
  std::atomic_signal_fence(std::memory_order_seq_cst);
}

ThreadSlot* current_thread_slot() noexcept { return t_slot; }

bool current_stack_bounds(std::uintptr_t& lo, std::uintptr_t& hi) {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return false;
  void* addr = nullptr;
  std::size_t size = 0;
  const bool ok = pthread_attr_getstack(&attr, &addr, &size) == 0;
  pthread_attr_destroy(&attr);
  if (!ok) return false;
  lo = reinterpret_cast<std::uintptr_t>(addr);
  hi = lo + size;
  return true;
}

}  // namespace ph::profilers::detail
