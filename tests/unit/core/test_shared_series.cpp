// A sweep's shared indicator series (strategies/shared_series.hpp, backtest/series_tiles.hpp)
// and the simulation's flat runs (EquityStats::add_repeated) change how results are computed,
// never what they are: every strategy's grid backtested from shared series, in one tile or
// in many, equals the same grid backtested set by set, to the last bit; and the fused
// statistics of a backtest equal those of its equity curve fed bar by bar.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "perfharness/backtest/backtest.hpp"
#include "perfharness/backtest/series_tiles.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/data/series_view.hpp"
#include "perfharness/data/synthetic.hpp"
#include "perfharness/metrics/equity_stats.hpp"

using namespace ph;

namespace {

OhlcvSeries test_bars() {
  SyntheticSpec spec;
  spec.first_date = date_from_civil(2021, 1, 1);
  spec.last_date = date_from_civil(2022, 12, 31);  // 730 bars
  return generate_synthetic("GRID", spec);
}

// A grid over every parameter of the strategy: its minimum, half its default, its default and
// one and a half times it (whole numbers for periods), every combination its rules accept.
std::vector<Parameters> grid_of(const StrategyInfo& strategy) {
  std::vector<std::vector<double>> values;
  for (const ParamSpec& p : strategy.params) {
    std::vector<double> v{p.min, p.default_value * 0.5, p.default_value, p.default_value * 1.5};
    for (double& x : v) {
      if (p.type == ParamType::Integer) x = std::round(x);
      x = std::clamp(x, p.min, p.max);
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    values.push_back(v);
  }
  std::vector<Parameters> grid;
  std::vector<std::size_t> at(values.size(), 0);
  for (;;) {
    std::vector<std::pair<std::string, double>> point;
    for (std::size_t i = 0; i < values.size(); ++i) point.emplace_back(strategy.params[i].name, values[i][at[i]]);
    try {
      grid.push_back(resolve_parameters(strategy, point));
    } catch (const InputError&) {  // breaks a rule such as fast < slow: a sweep skips it too
    }
    std::size_t i = 0;
    while (i < at.size() && ++at[i] == values[i].size()) at[i++] = 0;
    if (i == at.size()) break;
  }
  return grid;
}

std::vector<Metrics> set_by_set(const SeriesView& bars, const std::vector<Parameters>& grid) {
  BacktestWorkspace ws;
  std::vector<Metrics> out(grid.size());
  for (std::size_t i = 0; i < grid.size(); ++i) run_backtest_metrics(bars, grid[i], BacktestConfig{}, ws, out[i]);
  return out;
}

// How a sweep runs the grid: tile by tile, each tile's series computed once.
std::vector<Metrics> from_shared_series(const SeriesView& bars, const std::vector<Parameters>& grid, std::size_t max_bytes,
                                        std::size_t* tile_count = nullptr) {
  const std::vector<SeriesTile> tiles = plan_series_tiles(grid, 0, grid.size(), bars.size, max_bytes);
  if (tile_count) *tile_count = tiles.size();
  BacktestWorkspace ws;
  std::vector<Metrics> out(grid.size());
  std::vector<double> buffer;
  for (const SeriesTile& tile : tiles) {
    buffer.assign(tile.buffer_values(bars.size), std::nan(""));
    for (std::size_t k = 0; k < tile.keys.size(); ++k) compute_tile_series(bars, tile, k, buffer.data());
    for (std::size_t i = tile.first; i < tile.first + tile.count; ++i) {
      const double* series[SharedSignals::kMaxSeries];
      shared_series_of(tile, grid[i], buffer.data(), bars.size, series);
      run_backtest_metrics(bars, grid[i], series, BacktestConfig{}, ws, out[i]);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every strategy's grid backtests identically from shared series", "[core][shared_series]") {
  const OhlcvSeries series = test_bars();
  const SeriesView bars = view_of(series);
  for (const StrategyInfo& strategy : all_strategies()) {
    if (!strategy.built_in()) continue;
    INFO("strategy " << strategy.name);
    REQUIRE(strategy.shared.keys != nullptr);
    const std::vector<Parameters> grid = grid_of(strategy);
    REQUIRE(grid.size() >= 8);
    const std::vector<Metrics> expected = set_by_set(bars, grid);
    std::size_t tiles = 0;
    const std::vector<Metrics> shared = from_shared_series(bars, grid, kSharedSeriesBytes, &tiles);
    CHECK(tiles == 1);
    int traded = 0;
    for (std::size_t i = 0; i < grid.size(); ++i) {
      INFO("parameters " << describe(grid[i]));
      REQUIRE(shared[i] == expected[i]);
      traded += expected[i].total_trades > 0;
    }
    CHECK(traded > 0);  // a grid that never trades would compare nothing of the signals
  }
}

TEST_CASE("a grid cut into tiles by the memory cap gives the same results", "[core][shared_series]") {
  const OhlcvSeries series = test_bars();
  const SeriesView bars = view_of(series);
  const std::size_t series_bytes = static_cast<std::size_t>(bars.size) * sizeof(double);
  for (const char* name : {"sma_cross", "breakout", "volume_momentum", "macd"}) {
    INFO("strategy " << name);
    const std::vector<Parameters> grid = grid_of(strategy_or_throw(name));
    const std::size_t cap = 3 * series_bytes;
    const auto tiles = plan_series_tiles(grid, 0, grid.size(), bars.size, cap);
    REQUIRE(tiles.size() > 1);
    std::size_t next = 0;
    for (const SeriesTile& tile : tiles) {
      CHECK(tile.first == next);
      CHECK(tile.count > 0);
      CHECK(tile.keys.size() <= std::max<std::size_t>(3, SharedSignals::kMaxSeries));
      CHECK(std::is_sorted(tile.keys.begin(), tile.keys.end()));
      next = tile.first + tile.count;
    }
    CHECK(next == grid.size());
    REQUIRE(from_shared_series(bars, grid, cap) == set_by_set(bars, grid));
  }
}

TEST_CASE("a slice of a grid is planned from its first set on", "[core][shared_series]") {
  const OhlcvSeries series = test_bars();
  const std::vector<Parameters> grid = grid_of(strategy_or_throw("rsi"));
  const auto tiles = plan_series_tiles(grid, 3, 5, series.size());
  REQUIRE(tiles.size() == 1);
  CHECK(tiles[0].first == 3);
  CHECK(tiles[0].count == 5);
  CHECK(plan_series_tiles(grid, 3, 0, series.size()).empty());
}

TEST_CASE("a run of equal equity adds exactly what bar-by-bar adds do", "[core][metrics]") {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> move(0.0, 0.01);
  std::uniform_int_distribution<int> run(1, 400);  // runs across the 128-bar blocks
  EquityStats by_bar, by_run;
  double equity = 10000;
  for (int segment = 0; segment < 60; ++segment) {
    const int k = run(rng);
    if (segment % 2 == 0) {  // flat in cash: one equity for k bars
      for (int i = 0; i < k; ++i) by_bar.add(equity);
      by_run.add_repeated(equity, k);
    } else {  // in a position: the equity moves every bar
      for (int i = 0; i < k; ++i) {
        equity *= 1.0 + move(rng);
        by_bar.add(equity);
        by_run.add(equity);
      }
    }
  }
  CHECK(by_run.bars() == by_bar.bars());
  CHECK(by_run.mean() == by_bar.mean());
  CHECK(by_run.m2() == by_bar.m2());
  CHECK(by_run.downside_sq() == by_bar.downside_sq());
  CHECK(by_run.max_drawdown() == by_bar.max_drawdown());
  CHECK(by_run.last() == by_bar.last());
  CHECK(by_bar.m2() > 0);
  CHECK(by_bar.max_drawdown() < 0);
}

TEST_CASE("a backtest's fused statistics equal those of its equity curve", "[core][metrics]") {
  const OhlcvSeries series = test_bars();
  const SeriesView bars = view_of(series);
  const BacktestConfig cfg;
  for (const StrategyInfo& strategy : all_strategies()) {
    if (!strategy.built_in()) continue;
    INFO("strategy " << strategy.name);
    const Parameters p = resolve_parameters(strategy, std::vector<std::pair<std::string, double>>{});
    BacktestWorkspace ws;
    Metrics fused;
    run_backtest_metrics(bars, p, cfg, ws, fused);
    // The same signals simulated bar by bar, the curve written out and measured afterwards.
    std::vector<double> equity(static_cast<std::size_t>(bars.size));
    SimulationOutput sim;
    simulate(bars.dates, bars.close, ws.signals.entries.data(), ws.signals.exits.data(), bars.size, cfg.portfolio,
             equity.data(), sim);
    const Metrics from_curve = compute_metrics(equity.data(), bars.size, sim, cfg.portfolio.capital, cfg.annualization);
    CHECK(fused == from_curve);
    CHECK(fused.exposure < 1.0);  // flat runs were taken
  }
}
