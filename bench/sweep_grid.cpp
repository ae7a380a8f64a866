#include "sweep_grid.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "perfharness/backtest/series_tiles.hpp"

namespace ph::bench {

const std::vector<Parameters>& sweep_grid() {
  static const std::vector<Parameters> grid = [] {
    const StrategyInfo& s = strategy_or_throw("sma_cross");
    std::vector<Parameters> g;
    g.reserve(kGridSide * kGridSide);
    for (int fast = 1; fast <= kGridSide; ++fast)
      for (int slow = kGridSide + 1; slow <= 2 * kGridSide; ++slow)
        g.push_back(resolve_parameters(s, std::vector<std::pair<std::string, double>>{{"fast_period", fast}, {"slow_period", slow}}));
    return g;
  }();
  return grid;
}

namespace {

// fn() on `threads` threads (this one when 1).
template <class Fn>
void on_threads(unsigned threads, Fn&& fn) {
  if (threads <= 1) {
    fn();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(fn);
  for (auto& t : pool) t.join();
}

}  // namespace

void run_sweep_shared(const SeriesView& bars, const std::vector<Parameters>& grid, unsigned threads,
                      std::vector<Metrics>& metrics) {
  metrics.resize(grid.size());
  const BacktestConfig cfg;
  std::vector<double> buffer;
  for (const SeriesTile& tile : plan_series_tiles(grid, 0, grid.size(), bars.size)) {
    buffer.resize(tile.buffer_values(bars.size));
    std::atomic<std::size_t> next_key{0};
    on_threads(threads, [&] {
      for (std::size_t k; (k = next_key.fetch_add(1, std::memory_order_relaxed)) < tile.keys.size();)
        compute_tile_series(bars, tile, k, buffer.data());
    });
    constexpr std::size_t kChunk = 32;
    std::atomic<std::size_t> next{tile.first};
    const std::size_t end = tile.first + tile.count;
    on_threads(threads, [&] {
      BacktestWorkspace ws;
      for (;;) {
        const std::size_t from = next.fetch_add(kChunk, std::memory_order_relaxed);
        if (from >= end) return;
        for (std::size_t i = from; i < std::min(end, from + kChunk); ++i) {
          const double* series[SharedSignals::kMaxSeries];
          shared_series_of(tile, grid[i], buffer.data(), bars.size, series);
          run_backtest_metrics(bars, grid[i], series, cfg, ws, metrics[i]);
        }
      }
    });
  }
}

void run_sweep(const SeriesView& bars, const std::vector<Parameters>& grid, unsigned threads,
               std::vector<Metrics>& metrics) {
  metrics.resize(grid.size());
  const BacktestConfig cfg;
  // Workers claim small chunks so a thread slowed by a neighbour does not hold up the end.
  constexpr std::size_t kChunk = 32;
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    BacktestWorkspace ws;
    for (;;) {
      const std::size_t from = next.fetch_add(kChunk, std::memory_order_relaxed);
      if (from >= grid.size()) return;
      const std::size_t to = std::min(grid.size(), from + kChunk);
      for (std::size_t i = from; i < to; ++i) run_backtest_metrics(bars, grid[i], cfg, ws, metrics[i]);
    }
  };
  on_threads(threads, worker);
}

}  // namespace ph::bench
