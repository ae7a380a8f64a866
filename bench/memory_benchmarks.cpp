// Heap memory of one backtest from a cold workspace (as a runner's case gets), per 1,000
// bars: the heap's peak rise above its starting level, measured by the heap interposer.
#include "memory_benchmarks.hpp"

#include <algorithm>

#include "bench_common.hpp"
#include "perfharness/backtest/backtest.hpp"
#include "perfharness/profilers/heap.hpp"

namespace ph::bench {
namespace {

void memory(benchmark::State& state, const StrategyInfo* strategy, Eigen::Index bars) {
  if (!profilers::heap_tracking_active()) {
    state.SkipWithError(profilers::heap_tracking_unavailable_reason());
    return;
  }
  const OhlcvSeries& s = long_series();
  const Parameters p = resolve_parameters(*strategy, std::vector<ParamAssignment>{});
  const Date start = s.dates.front(), end = s.dates[static_cast<std::size_t>(bars - 1)];
  std::int64_t peak = 0;
  std::uint64_t allocations = 0;
  for (auto _ : state) {
    profilers::HeapProbe probe;
    {
      BacktestWorkspace ws;
      BacktestResult r = run_backtest(s, p, start, end, BacktestConfig{}, ws);
      benchmark::DoNotOptimize(r);
    }
    const profilers::HeapRegion region = probe.stop();
    peak = std::max(peak, region.peak_growth_bytes());
    allocations = region.allocations;
  }
  const double kb_per_1k = static_cast<double>(peak) / 1024.0 / (static_cast<double>(bars) / 1000.0);
  state.counters["peak_kb_per_1k_bars"] = kb_per_1k;
  state.counters["peak_kb"] = static_cast<double>(peak) / 1024.0;
  state.counters["allocations"] = static_cast<double>(allocations);
  record("memory." + strategy->name + "." + std::to_string(bars) + ".kb_per_1k_bars", kb_per_1k);
}

}  // namespace

void register_memory_benchmarks() {
  for (const StrategyInfo& s : all_strategies())
    benchmark::RegisterBenchmark(("memory/" + s.name + "/10000_bars").c_str(), memory, &s, Eigen::Index{10'000})
        ->Unit(benchmark::kMicrosecond)->Iterations(3);
  const StrategyInfo* macd = find_strategy("macd");
  for (Eigen::Index bars : {Eigen::Index{731}, Eigen::Index{100'000}})
    benchmark::RegisterBenchmark(("memory/macd/" + std::to_string(bars) + "_bars").c_str(), memory, macd, bars)
        ->Unit(benchmark::kMicrosecond)->Iterations(3);
}

}  // namespace ph::bench
