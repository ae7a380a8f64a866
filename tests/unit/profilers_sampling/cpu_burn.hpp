#pragma once
// CPU-burning helpers with distinctive names for the sampler tests. noipa keeps the compiler
// from inlining, cloning or merging them, so each is a real frame with its own symbol.
#include <ctime>

namespace ph_sampling_test {

inline double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// Burns at least `seconds` of the calling thread's CPU time in `leaf` (called repeatedly).
template <typename Leaf>
double burn_for(double seconds, Leaf leaf) {
  const double start = thread_cpu_seconds();
  double sink = 0.0;
  while (thread_cpu_seconds() - start < seconds) sink += leaf(200000);
  return sink;
}

}  // namespace ph_sampling_test
