#include "sweep_grid.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

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
  if (threads <= 1) {
    worker();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
}

}  // namespace ph::bench
