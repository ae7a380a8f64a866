// The sampler's signal clocks per thread, and thread CPU time (see sampler_clocks.hpp).
#include "sampler_clocks.hpp"

#include <fcntl.h>
#include <linux/perf_event.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>

#include "counters_perf_event.hpp"

namespace ph::profilers::detail {

double clock_seconds(clockid_t clock) {
  timespec ts{};
  if (clock_gettime(clock, &ts) != 0) return 0.0;
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Arms a perf task-clock event on the calling thread. Returns 0 or an errno value.
int arm_perf_event(ThreadSlot& slot, std::uint64_t period_ns) {
  perf_event_attr attr = make_perf_attr(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
  attr.sample_period = period_ns;
  attr.disabled = 1;
  attr.exclude_kernel = 1;  // allowed at perf_event_paranoid 2; user-mode stacks are what we walk
  attr.exclude_hv = 1;
  const int fd = perf_event_open_fd(attr, 0, -1);
  if (fd < 0) return -fd;
  f_owner_ex owner{F_OWNER_TID, slot.tid};
  if (fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK) != 0 || fcntl(fd, F_SETSIG, kSampleSignal) != 0 ||
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
int arm_cpu_timer(ThreadSlot& slot, std::uint64_t period_ns) {
  sigevent sev{};
  sev.sigev_notify = SIGEV_THREAD_ID;
  sev.sigev_signo = kSampleSignal;
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
void disarm(ThreadSlot& slot) {
  slot.armed.store(false, std::memory_order_release);
  if (slot.perf_fd >= 0) ioctl(slot.perf_fd, PERF_EVENT_IOC_DISABLE, 0);
  if (slot.has_timer) {
    timer_delete(slot.timer);
    slot.has_timer = false;
  }
}

// CPU seconds the slot's thread spent since it was attached. The thread CPU clock, not the
// perf event's count: the signal path's event pauses between an overflow and its re-arm, so
// its count runs about 1% short and would overstate the frequency; neither counts kernel time.
double cpu_seconds_of(const ThreadSlot& slot, const SampleRing* ring) {
  if (pthread_equal(slot.thread, pthread_self())) return clock_seconds(CLOCK_THREAD_CPUTIME_ID) - slot.cpu_seconds_at_attach;
  clockid_t clock{};
  if (pthread_getcpuclockid(slot.thread, &clock) == 0) return clock_seconds(clock) - slot.cpu_seconds_at_attach;
  if (ring != nullptr) return static_cast<double>(ring->counted_ns()) * 1e-9;  // thread gone: the event's count
  std::uint64_t ns = 0;
  if (slot.perf_fd >= 0 && ::read(slot.perf_fd, &ns, sizeof ns) == static_cast<ssize_t>(sizeof ns))
    return static_cast<double>(ns) * 1e-9;
  return 0.0;
}

}  // namespace ph::profilers::detail
