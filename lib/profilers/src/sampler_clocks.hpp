#pragma once
// The signal clocks of the sampler, armed and disarmed per thread (the control side of
// sampler_capture), and the CPU time a profiled thread spent.
#include <ctime>
#include <cstdint>

#include "sampler_capture.hpp"
#include "sampler_ring.hpp"

namespace ph::profilers::detail {

/// The clock's reading in seconds, 0 when it cannot be read.
double clock_seconds(clockid_t clock);
/// Arms a perf task-clock event on the calling thread that signals it every period. Returns 0
/// or an errno value.
int arm_perf_event(ThreadSlot& slot, std::uint64_t period_ns);
/// Arms a POSIX timer on the calling thread's CPU clock, signalling this thread only.
int arm_cpu_timer(ThreadSlot& slot, std::uint64_t period_ns);
/// Stops the slot's signal clock; the fd stays open until no handler can still be using it.
void disarm(ThreadSlot& slot);
/// CPU seconds the slot's thread spent since it was attached (`ring`: its event, if any).
double cpu_seconds_of(const ThreadSlot& slot, const SampleRing* ring);

}  // namespace ph::profilers::detail
