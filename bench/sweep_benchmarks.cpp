// Sweep throughput: the 10,000-combination sma_cross grid on 1,860 bars, on one thread
// and on every core, and the scaling between them.
#include "sweep_benchmarks.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "bench_common.hpp"
#include "sweep_grid.hpp"

namespace ph::bench {
namespace {

void sweep(benchmark::State& state, bool all_cores) {
  const unsigned threads = all_cores ? std::max(1u, std::thread::hardware_concurrency()) : 1u;
  const SeriesView bars = sweep_view(kSweepBars);
  const std::vector<Parameters>& grid = sweep_grid();
  std::vector<Metrics> metrics;
  std::vector<double> seconds;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    run_sweep(bars, grid, threads, metrics);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    benchmark::DoNotOptimize(metrics.data());
  }
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds[seconds.size() / 2];
  const double bps = static_cast<double>(grid.size()) / median;
  state.counters["threads"] = threads;
  state.counters["backtests_per_s"] = bps;
  state.counters["us_per_backtest"] = 1e6 / bps;
  const std::string key = all_cores ? "sweep.all_cores" : "sweep.one_thread";
  record(key + ".backtests_per_s", bps);
  if (all_cores) {
    const double scaling = bps / recorded("sweep.one_thread.backtests_per_s");
    state.counters["scaling_vs_1_thread"] = scaling;
    record("sweep.all_cores.threads", threads);
    record("sweep.scaling", scaling);
  }
}

}  // namespace

void register_sweep_benchmarks() {
  // Wall time: all-core throughput is what a user waits for.
  benchmark::RegisterBenchmark("sweep/sma_cross_10000/1860_bars/1_thread", sweep, false)
      ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);
  benchmark::RegisterBenchmark("sweep/sma_cross_10000/1860_bars/all_cores", sweep, true)
      ->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);
}

}  // namespace ph::bench
