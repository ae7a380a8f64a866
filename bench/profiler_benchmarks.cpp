// Overhead of each profiler on a backtest: the same batch of seed-sized backtests with the
// profiler on and off, alternated round by round within one benchmark so that a busy
// machine slows both sides alike; the ratio is of the median round times (thread CPU time,
// which includes the kernel time a profiler's signals and system calls cost this thread).
// The zones benchmark runs first: its "off" rounds are the baseline the interposer's
// estimate is taken against.
#include "profiler_benchmarks.hpp"

#include <algorithm>
#include <functional>
#include <optional>

#include "bench_common.hpp"
#include "perfharness/backtest/backtest.hpp"
#include "perfharness/profilers/counters.hpp"
#include "perfharness/profilers/heap.hpp"
#include "perfharness/profilers/sampler.hpp"
#include "perfharness/profilers/zones.hpp"

extern "C" {
// glibc's allocator under its exported internal names: what malloc costs without the interposer.
void* __libc_malloc(std::size_t size) noexcept;
void __libc_free(void* block) noexcept;
}

namespace ph::bench {
namespace {

namespace pf = ph::profilers;

// One round: a batch of backtests as a runner's cases run them: seed-sized (731 bars),
// each with a fresh workspace and its full result object.
void run_batch(int backtests) {
  const OhlcvSeries& s = sweep_series();
  static const Parameters p = resolve_parameters(strategy_or_throw("sma_cross"), std::vector<ParamAssignment>{});
  const Date start = s.dates.front(), end = s.dates[kSeedBars - 1];
  for (int i = 0; i < backtests; ++i) {
    BacktestWorkspace ws;
    BacktestResult r = run_backtest(s, p, start, end, BacktestConfig{}, ws);
    benchmark::DoNotOptimize(r);
  }
}

// Switching a profiler on and off happens outside the timed region, as the runner opens
// its probes, counters and sampler before its stopwatch starts; that fixed cost per
// profiled region is reported on its own (fixed_us).
struct Switch {
  std::function<void()> on, off;
};

// Rounds of `batch` backtests with the profiler off and on, alternated (and the order
// flipped every round, so neither side always runs on a warmer cache); `baseline`, when
// given, is what "off" means (e.g. zones without heap figures).
void overhead(benchmark::State& state, const std::string& name, int batch, const Switch& profiler,
              const Switch& baseline = {}) {
  IterationClock off, on, fixed;
  bool flip = false;
  for (auto _ : state) {
    for (int side = 0; side < 2; ++side) {
      const bool profiled = (side == 0) == flip;
      const Switch& sw = profiled ? profiler : baseline;
      if (profiled) fixed.start();
      if (sw.on) sw.on();
      if (profiled) fixed.stop();
      IterationClock& clock = profiled ? on : off;
      clock.start();
      run_batch(batch);
      clock.stop();
      if (profiled) fixed.start();
      if (sw.off) sw.off();
      if (profiled) fixed.stop();
    }
    flip = !flip;
  }
  const double ratio = on.median_ns() / off.median_ns();
  state.counters["ratio_on_off"] = ratio;
  state.counters["overhead_pct"] = (ratio - 1) * 100;
  state.counters["us_per_backtest_off"] = off.median_ns() / batch / 1e3;
  state.counters["us_per_backtest_on"] = on.median_ns() / batch / 1e3;
  state.counters["fixed_us"] = 2 * fixed.median_ns() / 1e3;  // switching on and off, per region
  record("profiler." + name + ".ratio", ratio);
  record("profiler." + name + ".fixed_us", 2 * fixed.median_ns() / 1e3);
  record("profiler.baseline_us_per_backtest", off.median_ns() / batch / 1e3);
}

void zones(benchmark::State& state) {
  pf::ZoneRecorder recorder(pf::ZoneRecorderOptions{false, false});
  std::optional<pf::ZoneRecording> recording;
  overhead(state, "zones", 10, {[&] { recording.emplace(recorder); }, [&] { recording.reset(); }});
  std::uint64_t calls = 0;
  for (const auto& node : recorder.tree().nodes()) calls += node.calls;
  const std::uint32_t backtest = recorder.tree().find_path("backtest");
  if (backtest != pf::ZoneNode::none && recorder.tree().node(backtest).calls > 0)
    state.counters["zones_per_backtest"] =
        static_cast<double>(calls) / static_cast<double>(recorder.tree().node(backtest).calls);
}

// Zones switched off (no recorder installed, as in any run that does not profile zones): each
// PH_ZONE is then a thread-local load and a branch. Timed on its own, since the difference is far
// below a backtest's noise; the estimate is that cost times the zones of one backtest over the
// backtest's time.
void zones_off(benchmark::State& state) {
  constexpr int kZones = 1000;
  IterationClock clock;
  for (auto _ : state) {
    clock.start();
    for (int i = 0; i < kZones; ++i) {
      PH_ZONE("bench.off");
      benchmark::ClobberMemory();
    }
    clock.stop();
  }
  pf::ZoneRecorder recorder(pf::ZoneRecorderOptions{false, false});
  {
    pf::ZoneRecording recording(recorder);
    run_batch(1);
  }
  std::uint64_t zones_per_backtest = 0;
  for (const auto& node : recorder.tree().nodes()) zones_per_backtest += node.calls;
  IterationClock backtest;
  for (int i = 0; i < 200; ++i) {
    backtest.start();
    run_batch(1);
    backtest.stop();
  }
  const double ns_per_zone = clock.median_ns() / kZones;
  const double ratio = 1 + ns_per_zone * static_cast<double>(zones_per_backtest) / backtest.median_ns();
  state.counters["ns_per_zone_off"] = ns_per_zone;
  state.counters["zones_per_backtest"] = static_cast<double>(zones_per_backtest);
  state.counters["est_ratio_on_off"] = ratio;
  record("profiler.zones_off.ns_per_zone", ns_per_zone);
  record("profiler.zones_off.est_ratio", ratio);
}

// Heap tracking as a run switches it on: a heap probe around the region and the zone
// recorder's per-zone heap figures, against the zone recorder without them. (The
// interposer counts every allocation either way; its own cost is the next benchmark.)
void heap(benchmark::State& state) {
  pf::ZoneRecorder with_heap(pf::ZoneRecorderOptions{true, false});
  pf::ZoneRecorder without_heap(pf::ZoneRecorderOptions{false, false});
  std::optional<pf::ZoneRecording> recording;
  std::optional<pf::HeapProbe> probe;
  overhead(state, "heap", 10,
           {[&] {
              probe.emplace();
              recording.emplace(with_heap);
            },
            [&] {
              recording.reset();
              benchmark::DoNotOptimize(probe->stop());
              probe.reset();
            }},
           {[&] { recording.emplace(without_heap); }, [&] { recording.reset(); }});
  state.counters["heap_tracking_active"] = pf::heap_tracking_active();
}

// What the always-linked interposer adds to one malloc/free pair, against glibc's own entry
// points; and so, estimated, to one cold-workspace backtest from the allocations it makes.
void heap_interposer(benchmark::State& state) {
  constexpr int kPairs = 1000;
  IterationClock interposed, direct;
  for (auto _ : state) {
    interposed.start();
    for (int i = 0; i < kPairs; ++i) {
      void* p = std::malloc(static_cast<std::size_t>(64 + (i & 7) * 512));
      benchmark::DoNotOptimize(p);
      std::free(p);
    }
    interposed.stop();
    direct.start();
    for (int i = 0; i < kPairs; ++i) {
      void* p = __libc_malloc(static_cast<std::size_t>(64 + (i & 7) * 512));
      benchmark::DoNotOptimize(p);
      __libc_free(p);
    }
    direct.stop();
  }
  const double extra_ns = std::max(0.0, (interposed.median_ns() - direct.median_ns()) / kPairs);
  pf::HeapProbe probe;
  run_batch(10);
  const pf::HeapRegion region = probe.stop();
  const double allocations_per_backtest = static_cast<double>(region.allocations) / 10;
  const double ratio = 1 + extra_ns * allocations_per_backtest / (recorded("profiler.baseline_us_per_backtest") * 1e3);
  state.counters["ns_per_pair_interposed"] = interposed.median_ns() / kPairs;
  state.counters["ns_per_pair_glibc"] = direct.median_ns() / kPairs;
  state.counters["allocations_per_backtest"] = allocations_per_backtest;
  state.counters["extra_ns_per_backtest"] = extra_ns * allocations_per_backtest;
  state.counters["est_ratio_on_off"] = ratio;
  record("profiler.heap_interposer.extra_ns_per_pair", extra_ns);
  record("profiler.heap_interposer.allocations_per_backtest", allocations_per_backtest);
  record("profiler.heap_interposer.est_ratio", ratio);
}

// The sampler at the runner's rate (4 kHz of CPU time), on each perf_event clock: the kernel's
// stack walks (and, for the signal, the handler's) land on this thread's CPU time. Longer
// rounds, so each holds a few samples.
void sampling(benchmark::State& state, pf::SamplingMethod method, const std::string& name) {
  pf::SamplerOptions options{4000};
  options.method = method;
  pf::CpuSampler sampler(options);
  bool started = false;
  double samples = 0, rounds = 0;
  overhead(state, name, 200, {[&] { started = sampler.start(); }, [&] {
                                if (!started) return;
                                sampler.stop();
                                samples += static_cast<double>(sampler.sample_count());
                                ++rounds;
                              }});
  // What one sample costs the sampled thread: a round's extra time over its mean samples.
  const double per_round = rounds > 0 ? samples / rounds : 0;
  state.counters["samples_per_round"] = per_round;
  if (per_round > 0) {
    const double us = (state.counters["us_per_backtest_on"] - state.counters["us_per_backtest_off"]) * 200 / per_round;
    state.counters["us_per_sample"] = us;
    record("profiler." + name + ".us_per_sample", us);
  }
  state.SetLabel(sampler.unavailable_reason().empty() ? sampler.method()
                                                      : "sampler unavailable: " + sampler.unavailable_reason());
}

// Counters as a run uses them: every counter, reset and enabled before the region,
// disabled and read after it.
void counters(benchmark::State& state) {
  pf::CounterSet set(pf::all_counters());
  overhead(state, "counters", 10, {[&] {
                                     set.reset();
                                     set.enable();
                                   },
                                   [&] {
                                     set.disable();
                                     benchmark::DoNotOptimize(set.read());
                                   }});
  int available = 0;
  for (const auto& v : set.read()) available += v.available();
  state.counters["counters_available"] = available;
}

}  // namespace

void register_profiler_benchmarks() {
  const auto reg = [](const char* name, void (*fn)(benchmark::State&)) {
    benchmark::RegisterBenchmark(name, fn)->Unit(benchmark::kMicrosecond)->MinTime(1.0);
  };
  reg("profiler_overhead/zones/sma_cross_731_bars_x10", zones);
  reg("profiler_overhead/zones_off/1000_zones", zones_off);
  reg("profiler_overhead/heap/sma_cross_731_bars_x10", heap);
  reg("profiler_overhead/heap_interposer/malloc_free", heap_interposer);
  benchmark::RegisterBenchmark("profiler_overhead/sampling_4kHz_ring/sma_cross_731_bars_x200", [](benchmark::State& s) {
    sampling(s, pf::SamplingMethod::perf_event_ring, "sampling_ring");
  })->Unit(benchmark::kMicrosecond)->MinTime(1.0);
  benchmark::RegisterBenchmark("profiler_overhead/sampling_4kHz_signal/sma_cross_731_bars_x200", [](benchmark::State& s) {
    sampling(s, pf::SamplingMethod::perf_event_task_clock, "sampling_signal");
  })->Unit(benchmark::kMicrosecond)->MinTime(1.0);
  reg("profiler_overhead/counters/sma_cross_731_bars_x10", counters);
}

}  // namespace ph::bench
