// sweep operations: one strategy over a parameter grid on symbols × ranges,
// spread over --threads workers, each with its own workspace. Results land in
// grid order whatever the scheduling, so the report is deterministic.
#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "executor.hpp"
#include "perfharness/backtest/series_tiles.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/data/series_view.hpp"
#include "perfharness/hooks/zone.hpp"
#include "perfharness/profilers/callgrind.hpp"
#include "zone_capture.hpp"

namespace ph::runner {
namespace {

constexpr std::size_t kMaxCountedSets = 256;

class SweepExecutor : public OperationExecutor {
 public:
  SweepExecutor(const scenario::Operation& op, const scenario::SweepSpec& spec) : OperationExecutor(op), spec_(spec) {}

  void prepare(RunContext& ctx) override {
    std::size_t i = 0;
    for (const auto& symbol : spec_.symbols)
      for (const auto& range : spec_.ranges) {
        auto series = ctx.cache.get(symbol);
        const SeriesView bars = view_of(*series, range.start, range.end);
        if (bars.size == 0)
          throw InputError(op_.path + ": symbol '" + symbol + "' has no bars in range '" + range.label +
                           "'; choose a range inside its data");
        auto& c = case_result(i++, spec_.grid.front().strategy().name + " grid " + symbol + " " + range.label);
        c.bars = bars.size;
        c.workload = report::SweepWorkload{spec_.grid.front().strategy().name, spec_.grid.size(), spec_.grid_skipped, symbol,
                                           range.label, static_cast<std::int64_t>(bars.size)};
      }
    metrics_.resize(spec_.grid.size());
  }

  const std::vector<Parameters>* parameter_grid() const noexcept override { return &spec_.grid; }

  void run_once(RunContext& ctx, bool measured) override {
    std::size_t case_index = 0;
    double total_backtests = 0;
    const RegionSample total = measure_region([&] {
      for (const auto& symbol : spec_.symbols)
        for (const auto& range : spec_.ranges) {
          auto series = ctx.cache.get(symbol);
          const SeriesView bars = view_of(*series, range.start, range.end);
          const std::size_t index = case_index++;
          if (!runs_case(index)) continue;
          const auto [first, count] = grid_share(index, spec_.grid.size());
          auto& c = result_.cases[index];
          const RegionSample s = measure_case(c.label, [&] { sweep(ctx, index, bars, measured, c.parameter_set_seconds, first, count); });
          total_backtests += static_cast<double>(count);
          if (measured) {
            record_case(c, s);
            auto& per = figure_of(c.figures, figures::key::time_per_backtest);
            per.samples.push_back(s.time.wall_s / static_cast<double>(count));
            summarize_case(c, first, count);
          }
        }
    });
    if (measured) {
      record_total(total);
      auto& per = figure_of(result_.figures, figures::key::time_per_backtest);
      per.samples.push_back(total.time.wall_s / total_backtests);
      auto& throughput = result_.sweep ? *result_.sweep : result_.sweep.emplace();
      throughput.backtests_per_repetition = total_backtests;
      throughput.threads = threads_used_;
      throughput.backtests_per_s.push_back(total_backtests / total.time.wall_s);
    }
  }

 private:
  // Parameter sets [first, first + n) of the grid (all of it, but under --shard), tile by
  // tile: each tile's distinct indicator series first, then its sets reading them.
  void sweep(RunContext& ctx, std::size_t case_index, const SeriesView& bars, bool measured, std::vector<double>& set_seconds,
             std::size_t first_set, std::size_t n) {
    if (measured && set_seconds.size() != n) set_seconds.assign(n, std::numeric_limits<double>::infinity());
    const int threads = std::max(1, std::min<int>(ctx.threads, static_cast<int>(n)));
    threads_used_ = threads;
    const std::vector<SeriesTile>& tiles = tiles_of(case_index, first_set, n, bars.size);
    if (tiles.empty()) {  // a plugin's strategy: every set computes its own indicators
      run_sets(ctx, bars, measured, set_seconds, first_set, n, SeriesTile{first_set, n, {}}, nullptr, threads);
      return;
    }
    for (const SeriesTile& tile : tiles) {
      if (ctx.interrupted) return;
      // Not zero-filled: every value is written by compute_series, in parallel.
      const std::size_t values = tile.buffer_values(bars.size);
      if (series_capacity_ < values) {
        series_values_.reset(new double[values]);
        series_capacity_ = values;
      }
      double* buffer = series_values_.get();
      const int computing = std::max(1, std::min<int>(threads, static_cast<int>(tile.keys.size())));
      on_workers(ctx, measured, computing, [&](std::size_t worker, std::size_t step) {
        PH_ZONE("shared_series");
        for (std::size_t k = worker; k < tile.keys.size(); k += step) compute_tile_series(bars, tile, k, buffer);
      });
      run_sets(ctx, bars, measured, set_seconds, first_set, n, tile, buffer, threads);
    }
  }

  // The tiles of a case's sets, planned once per case (the grid and bars do not change).
  const std::vector<SeriesTile>& tiles_of(std::size_t case_index, std::size_t first_set, std::size_t n, Eigen::Index bars) {
    if (tiles_.size() <= case_index) tiles_.resize(case_index + 1);
    auto& planned = tiles_[case_index];
    if (!planned) planned = plan_series_tiles(spec_.grid, first_set, n, bars);
    return *planned;
  }

  // fn(worker, workers) on `threads` threads (on this one when 1), each recording its zones
  // and, when several, sampled.
  template <class Fn>
  void on_workers(RunContext& ctx, bool measured, int threads, Fn&& fn) {
    auto worker = [&](std::size_t index, std::size_t step) {
      ZoneCapture::Worker zones(ctx.zones, measured);
      const bool sampled = threads > 1 && ctx.sampler && ctx.sampler->attach_current_thread();
      fn(index, step);
      if (sampled) ctx.sampler->detach_current_thread();
    };
    if (threads == 1) {
      worker(0, 1);
      return;
    }
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker, static_cast<std::size_t>(t), static_cast<std::size_t>(threads));
    for (auto& th : pool) th.join();
  }

  // Backtests the tile's sets; `series` holds its series (nullptr: the sets compute their own).
  void run_sets(RunContext& ctx, const SeriesView& bars, bool measured, std::vector<double>& set_seconds, std::size_t first_set,
                std::size_t case_sets, const SeriesTile& tile, const double* series, int threads) {
    const BacktestConfig& cfg = ctx.scenario.defaults.backtest;
    const std::size_t begin = tile.first - first_set, end = begin + tile.count;
    on_workers(ctx, measured, threads, [&](std::size_t worker, std::size_t step) {
      BacktestWorkspace ws;
      // Under callgrind (one thread), each parameter set is counted apart: a change of part of
      // the grid's work names its parameters. Each costs a callgrind dump (a file of every
      // function's counts), so only grids of up to kMaxCountedSets sets.
      const bool counted = threads == 1 && case_sets <= kMaxCountedSets && profilers::running_on_valgrind();
      // One clock reading per backtest, and only in measured repetitions: each set's time runs
      // from the previous reading, so the hot loop pays for one read, not two.
      auto last = measured ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
      for (std::size_t k = begin + worker; k < end && !ctx.interrupted; k += step) {
        const std::size_t i = first_set + k;  // the set's index in the whole grid
        std::optional<profilers::InstructionPart> part;
        if (counted) part.emplace(std::to_string(i));
        if (series) {
          const double* read[SharedSignals::kMaxSeries];
          shared_series_of(tile, spec_.grid[i], series, bars.size, read);
          run_backtest_metrics(bars, spec_.grid[i], read, cfg, ws, metrics_[i]);
        } else {
          run_backtest_metrics(bars, spec_.grid[i], cfg, ws, metrics_[i]);
        }
        if (measured) {
          const auto now = std::chrono::steady_clock::now();
          // Each set is one thread's, so its slot is written by that thread alone.
          set_seconds[k] = std::min(set_seconds[k], std::chrono::duration<double>(now - last).count());
          last = now;
        }
      }
    });
  }

  // The results of parameter sets [first, first + n): the best five, every set's figures, a digest.
  void summarize_case(report::CaseResult& c, std::size_t first, std::size_t n) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = first + i;
    const std::size_t top = std::min<std::size_t>(5, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                      [&](std::size_t a, std::size_t b) {
                        return metrics_[a].sharpe_ratio != metrics_[b].sharpe_ratio ? metrics_[a].sharpe_ratio > metrics_[b].sharpe_ratio : a < b;
                      });
    report::SweepOutcome best;
    for (std::size_t k = 0; k < top; ++k) best.best_by_sharpe.emplace_back(spec_.grid[order[k]], metrics_[order[k]]);
    for (const auto& p : spec_.grid.front().strategy().params) best.parameter_names.push_back(p.name);
    best.parameter_values.reserve(n * best.parameter_names.size());
    for (std::size_t i = first; i < first + n; ++i)
      best.parameter_values.insert(best.parameter_values.end(), spec_.grid[i].values().begin(), spec_.grid[i].values().end());
    best.metrics.assign(metrics_.begin() + static_cast<std::ptrdiff_t>(first), metrics_.begin() + static_cast<std::ptrdiff_t>(first + n));
    const std::string digest = report::results_digest(best.metrics);
    if (!c.results_digest.empty() && c.results_digest != digest)
      result_.warnings.push_back("sweep '" + c.label + "' gave different results across repetitions");
    c.results_digest = digest;
    c.results = std::move(best);
  }


  const scenario::SweepSpec& spec_;
  std::vector<Metrics> metrics_;
  std::vector<std::optional<std::vector<SeriesTile>>> tiles_;  // by case
  std::unique_ptr<double[]> series_values_;                    // the series of the tile in progress
  std::size_t series_capacity_ = 0;
  int threads_used_ = 1;
};

}  // namespace

std::unique_ptr<OperationExecutor> make_sweep_executor(const scenario::Operation& op, const scenario::SweepSpec& spec) {
  return std::make_unique<SweepExecutor>(op, spec);
}

}  // namespace ph::runner
