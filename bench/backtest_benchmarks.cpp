// ns per bar of each strategy's full backtest on a million bars, its ratio to the
// hand-fused lower bound, and the latency of one seed-sized backtest.
#include "backtest_benchmarks.hpp"

#include "bench_common.hpp"
#include "fused_sma_cross.hpp"
#include "perfharness/backtest/backtest.hpp"

namespace ph::bench {
namespace {

Parameters defaults_of(const StrategyInfo& s) { return resolve_parameters(s, std::vector<ParamAssignment>{}); }

void lower_bound(benchmark::State& state) {
  const SeriesView bars = view_of(long_series());
  const BacktestConfig cfg;
  const Parameters p = defaults_of(strategy_or_throw("sma_cross"));
  // The bound only counts if it does the real work: same metrics as the core's sma_cross.
  BacktestWorkspace ws;
  Metrics real;
  run_backtest_metrics(bars, p, cfg, ws, real);
  const double difference = max_metric_difference(real, fused_sma_cross(bars, p.integer(0), p.integer(1), cfg));
  if (!(difference <= 1e-9)) {
    state.SkipWithError("fused loop disagrees with the core's sma_cross metrics");
    return;
  }
  IterationClock clock;
  for (auto _ : state) {
    clock.start();
    Metrics m = fused_sma_cross(bars, p.integer(0), p.integer(1), cfg);
    benchmark::DoNotOptimize(m);
    clock.stop();
  }
  const double ns_per_bar = clock.median_ns() / static_cast<double>(bars.size);
  state.counters["ns_per_bar"] = ns_per_bar;
  state.counters["max_rel_diff_vs_core"] = difference;
  state.counters["trades"] = real.total_trades;
  record("bound.ns_per_bar", ns_per_bar);
}

void strategy_long(benchmark::State& state, const StrategyInfo* strategy) {
  const SeriesView bars = view_of(long_series());
  const BacktestConfig cfg;
  const Parameters p = defaults_of(*strategy);
  BacktestWorkspace ws;
  Metrics m;
  run_backtest_metrics(bars, p, cfg, ws, m);  // sizes the workspace, as a sweep's first backtest does
  IterationClock clock;
  for (auto _ : state) {
    clock.start();
    run_backtest_metrics(bars, p, cfg, ws, m);
    benchmark::DoNotOptimize(m);
    clock.stop();
  }
  const double ns_per_bar = clock.median_ns() / static_cast<double>(bars.size);
  const double ratio = ns_per_bar / recorded("bound.ns_per_bar");
  state.counters["ns_per_bar"] = ns_per_bar;
  state.counters["ratio_to_bound"] = ratio;
  state.counters["trades"] = m.total_trades;
  record("strategy." + strategy->name + ".ns_per_bar", ns_per_bar);
  record("strategy." + strategy->name + ".ratio_to_bound", ratio);
}

// What a runner does for one seed-suite backtest: the full result object, trades copied.
void seed_latency(benchmark::State& state, const StrategyInfo* strategy) {
  const OhlcvSeries& s = sweep_series();
  const Date start = s.dates.front(), end = s.dates[kSeedBars - 1];
  const BacktestConfig cfg;
  const Parameters p = defaults_of(*strategy);
  BacktestWorkspace ws;
  IterationClock clock;
  for (auto _ : state) {
    clock.start();
    BacktestResult r = run_backtest(s, p, start, end, cfg, ws);
    benchmark::DoNotOptimize(r);
    clock.stop();
  }
  const double us = clock.median_ns() / 1e3;
  state.counters["latency_us"] = us;
  state.counters["bars"] = static_cast<double>(kSeedBars);
  record("seed_latency." + strategy->name + ".us", us);
}

}  // namespace

void register_backtest_benchmarks() {
  benchmark::RegisterBenchmark("bound/fused_sma_cross/1M_bars", lower_bound)->Unit(benchmark::kMillisecond)->MinTime(0.5);
  for (const StrategyInfo& s : all_strategies())
    benchmark::RegisterBenchmark(("backtest/" + s.name + "/1M_bars").c_str(), strategy_long, &s)
        ->Unit(benchmark::kMillisecond)
        ->MinTime(0.5);
  for (const StrategyInfo& s : all_strategies())
    benchmark::RegisterBenchmark(("seed_backtest/" + s.name + "/731_bars").c_str(), seed_latency, &s)
        ->Unit(benchmark::kMicrosecond)
        ->MinTime(0.1);
}

}  // namespace ph::bench
