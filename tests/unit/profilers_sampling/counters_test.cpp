// perf_event counters: software counters measure what they claim, hardware counters are
// either real (> 0) or unavailable with a reason, never a silent 0.
#include <catch2/catch.hpp>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <fstream>

#include "cpu_burn.hpp"
#include "skip.hpp"
#include "perfharness/profilers/counters.hpp"

using namespace ph::profilers;

static __attribute__((noipa)) double counters_test_busy_leaf(int n) {
  double x = 1.0;
  for (int i = 0; i < n; ++i) x = x * 1.0000001 + 1e-9;
  return x;
}

TEST_CASE("perf_event_access reports the paranoid level", "[counters]") {
  const PerfEventAccess access = perf_event_access();
  CHECK_FALSE(access.description.empty());
  std::ifstream in("/proc/sys/kernel/perf_event_paranoid");
  int level = 0;
  if (in >> level) {
    REQUIRE(access.paranoid.has_value());
    CHECK(*access.paranoid == level);
    CHECK(access.description.find(std::to_string(level)) != std::string::npos);
  }
  WARN("perf access: " << access.description);
}

TEST_CASE("task-clock matches the thread's CPU time of a busy loop", "[counters]") {
  CounterSet set({Counter::task_clock});
  const CounterValue before = set.read(Counter::task_clock);
  REQUIRE(before.available());
  double cpu = 0.0;
  {
    CounterRegion region(set);
    const double start = ph_sampling_test::thread_cpu_seconds();
    ph_sampling_test::burn_for(0.3, counters_test_busy_leaf);
    cpu = ph_sampling_test::thread_cpu_seconds() - start;
  }
  const CounterValue v = set.read(Counter::task_clock);
  REQUIRE(v.available());
  CHECK(v.unavailable_reason.empty());
  CHECK_FALSE(v.multiplexed);  // software events are never multiplexed
  CHECK(v.time_enabled_ns > 0);
  const double counted = static_cast<double>(*v.value) * 1e-9;
  INFO("task-clock " << counted << " s, thread CPU " << cpu << " s");
  CHECK(counted == Approx(cpu).epsilon(0.2));
}

TEST_CASE("page faults rise when fresh memory is touched", "[counters]") {
  const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::size_t pages = 4096;
  void* mem = mmap(nullptr, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mem != MAP_FAILED);
  madvise(mem, pages * page, MADV_NOHUGEPAGE);  // one fault per page, not per 2 MB
  CounterSet set({Counter::page_faults, Counter::minor_faults, Counter::major_faults});
  {
    CounterRegion region(set);
    auto* bytes = static_cast<volatile unsigned char*>(mem);
    for (std::size_t i = 0; i < pages; ++i) bytes[i * page] = 1;
  }
  munmap(mem, pages * page);
  const CounterValue faults = set.read(Counter::page_faults);
  const CounterValue minor = set.read(Counter::minor_faults);
  REQUIRE(faults.available());
  REQUIRE(minor.available());
  INFO("page faults " << *faults.value << ", minor " << *minor.value << " for " << pages << " pages");
  CHECK(*faults.value >= pages * 9 / 10);
  CHECK(*minor.value >= pages * 9 / 10);
  CHECK(set.read(Counter::major_faults).available());
}

TEST_CASE("context switches are counted or explained", "[counters]") {
  CounterSet set({Counter::context_switches});
  {
    CounterRegion region(set);
    for (int i = 0; i < 20; ++i) {
      timespec t{0, 1000000};
      nanosleep(&t, nullptr);
    }
  }
  const CounterValue v = set.read(Counter::context_switches);
  if (v.available()) {
    CHECK(*v.value >= 10);  // each sleep blocks once
  } else {
    WARN("context-switches unavailable: " << v.unavailable_reason);
    CHECK_FALSE(v.unavailable_reason.empty());
    CHECK_FALSE(perf_event_access().kernel_allowed);
  }
}

TEST_CASE("hardware counters are real values or unavailable with a reason", "[counters]") {
  CounterSet set(hardware_counters());
  {
    CounterRegion region(set);
    ph_sampling_test::burn_for(0.05, counters_test_busy_leaf);
  }
  for (const CounterValue& v : set.read()) {
    INFO(v.name);
    CHECK(is_hardware_counter(v.counter));
    if (v.available()) {
      CHECK(v.unavailable_reason.empty());
      if (v.counter == Counter::instructions || v.counter == Counter::cycles) CHECK(*v.value > 0);
      if (v.multiplexed) CHECK(v.time_running_ns < v.time_enabled_ns);
    } else {
      WARN(v.name << ": " << v.unavailable_reason);
      CHECK_FALSE(v.unavailable_reason.empty());
      CHECK(v.raw == 0);
    }
  }
}

TEST_CASE("an unrequested counter reads as unavailable, not 0", "[counters]") {
  CounterSet set({Counter::task_clock});
  const CounterValue v = set.read(Counter::instructions);
  CHECK_FALSE(v.available());
  CHECK(v.unavailable_reason.find("not requested") != std::string::npos);
}

TEST_CASE("context switches are counted without the privilege perf_event needs for them", "[counters]") {
  // Unprivileged at paranoid level 2 the kernel refuses the context-switch event (it happens
  // in kernel mode); getrusage's switch counts stand in. Tested in a child that drops root.
  const PerfEventAccess access = perf_event_access();
  if (::geteuid() != 0 || !access.paranoid || *access.paranoid < 2) {
    ph_test::skip("needs root (to drop it) and kernel.perf_event_paranoid >= 2");
  }
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(pipe_fds[0]);
    long result[3] = {-1, -1, -1};  // available, from getrusage, switches counted
    if (::setgid(65534) == 0 && ::setuid(65534) == 0) {
      CounterSet set({Counter::context_switches});
      CounterRegion region(set);
      for (int i = 0; i < 5; ++i) ::usleep(2000);  // each sleep is a voluntary switch
      set.disable();
      const CounterValue v = set.read(Counter::context_switches);
      result[0] = v.available();
      result[1] = v.fallback == "getrusage";
      result[2] = v.value ? static_cast<long>(*v.value) : -1;
    }
    const ssize_t written = ::write(pipe_fds[1], result, sizeof result);
    ::_exit(written == static_cast<ssize_t>(sizeof result) ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  long result[3] = {0, 0, 0};
  const ssize_t got = ::read(pipe_fds[0], result, sizeof result);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(got == static_cast<ssize_t>(sizeof result));
  CHECK(result[0] == 1);
  CHECK(result[1] == 1);
  CHECK(result[2] >= 5);
}
