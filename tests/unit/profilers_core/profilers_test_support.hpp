#pragma once
// Helpers shared by the profilers_core tests.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <string>

#include "perfharness/profilers/heap.hpp"
#include "skip.hpp"

namespace ph_test {

/// Makes `p` observable so the compiler cannot drop an allocation it thinks unused.
inline void escape(const void* p) { asm volatile("" : : "g"(p) : "memory"); }

/// Spins until `seconds` of wall time have passed.
inline void spin_wall(double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
  }
}

inline double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// Computes until this thread has used `seconds` of CPU time, whatever else the machine runs.
/// The CPU clock is a system call, so it is read only every few hundred µs of arithmetic: the
/// time is then almost all user time.
inline void spin_cpu(double seconds) {
  const double until = thread_cpu_s() + seconds;
  volatile double sink = 1.0;
  while (thread_cpu_s() < until) {
    for (int i = 0; i < 200'000; ++i) sink = sink * 1.0000001 + 1e-9;
  }
}

}  // namespace ph_test

/// Heap assertions need the interposer; sanitizer builds run without it (test_heap checks that
/// this happens exactly in sanitizer builds), so there the test is reported as skipped.
#define PH_REQUIRE_HEAP_TRACKING()                                                            \
  do {                                                                                        \
    if (!::ph::profilers::heap_tracking_active())                                             \
      ::ph_test::skip(std::string("heap tracking inactive: ") +                               \
                      ::ph::profilers::heap_tracking_unavailable_reason());                   \
  } while (false)
