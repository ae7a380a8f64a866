// Sweep throughput: the 10,000-combination sma_cross grid on 1,860 bars, on one thread
// and on every core, and the scaling between them.
#include "sweep_benchmarks.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <string>
#include <thread>

#include "bench_common.hpp"
#include "sweep_grid.hpp"

namespace ph::bench {
namespace {

double process_cpu_s() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Wall time gives throughput and scaling as a user sees them, but only on a quiet machine;
// the CPU time of all the process's threads gives throughput per CPU-second, which a busy
// machine barely moves. Both are reported.
void sweep(benchmark::State& state, bool all_cores, bool shared) {
  const unsigned threads = all_cores ? std::max(1u, std::thread::hardware_concurrency()) : 1u;
  const SeriesView bars = sweep_view(kSweepBars);
  const std::vector<Parameters>& grid = sweep_grid();
  std::vector<Metrics> metrics;
  std::vector<double> seconds, cpu_seconds;
  for (auto _ : state) {
    const double cpu0 = process_cpu_s();
    const auto t0 = std::chrono::steady_clock::now();
    (shared ? run_sweep_shared : run_sweep)(bars, grid, threads, metrics);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    cpu_seconds.push_back(process_cpu_s() - cpu0);
    benchmark::DoNotOptimize(metrics.data());
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double n = static_cast<double>(grid.size());
  const double bps = n / median(seconds), bpcpu = n / median(cpu_seconds);
  state.counters["threads"] = threads;
  state.counters["backtests_per_s"] = bps;
  state.counters["backtests_per_cpu_s"] = bpcpu;
  state.counters["ns_per_bar_cpu"] = 1e9 / bpcpu / static_cast<double>(bars.size);
  const std::string key = std::string(shared ? "sweep.shared." : "sweep.") + (all_cores ? "all_cores" : "one_thread");
  record(key + ".backtests_per_s", bps);
  record(key + ".backtests_per_cpu_s", bpcpu);
  if (all_cores) {
    const std::string one = std::string(shared ? "sweep.shared." : "sweep.") + "one_thread";
    const double scaling = bps / recorded(one + ".backtests_per_s");
    // Per-CPU-second throughput of the threads against one thread's: below 1 when threads
    // slow each other down (shared caches, memory bandwidth, false sharing).
    const double efficiency = bpcpu / recorded(one + ".backtests_per_cpu_s");
    state.counters["scaling_vs_1_thread"] = scaling;
    state.counters["cpu_efficiency_vs_1_thread"] = efficiency;
    const std::string prefix = shared ? "sweep.shared." : "sweep.";
    record(prefix + "all_cores.threads", threads);
    record(prefix + "scaling", scaling);
    record(prefix + "cpu_efficiency", efficiency);
  }
}

}  // namespace

void register_sweep_benchmarks() {
  // Wall time: all-core throughput is what a user waits for.
  // Each backtest computing its own indicators, then the grid's indicators shared (a run's sweep).
  benchmark::RegisterBenchmark("sweep/sma_cross_10000/1860_bars/1_thread", sweep, false, false)
      ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);
  benchmark::RegisterBenchmark("sweep/sma_cross_10000/1860_bars/all_cores", sweep, true, false)
      ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);
  benchmark::RegisterBenchmark("sweep/sma_cross_10000/1860_bars/shared_series/1_thread", sweep, false, true)
      ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);
  benchmark::RegisterBenchmark("sweep/sma_cross_10000/1860_bars/shared_series/all_cores", sweep, true, true)
      ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);
}

}  // namespace ph::bench
