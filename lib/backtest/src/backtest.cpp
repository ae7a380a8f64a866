#include "perfharness/backtest/backtest.hpp"

#include <algorithm>

#include "perfharness/common/errors.hpp"
#include "perfharness/data/series_view.hpp"
#include "perfharness/engine/simulation_loop.hpp"
#include "perfharness/hooks/zone.hpp"

namespace ph {
namespace {

// Fills and metrics from the signals in ws.signals.
const Metrics& simulate_and_measure(const SeriesView& bars, const BacktestConfig& cfg, BacktestWorkspace& ws, Metrics& out) {
  if (ws.equity.size() < bars.size) ws.equity.resize(bars.size);
  // Fills and the per-bar metric statistics in one pass: the equity curve is still
  // written out (callers may read ws.equity) but never read back. The "simulation" zone
  // covers both; what is left of the metrics afterwards (a pass over the trades, a few
  // divisions) is too small for a zone of its own, whose enter and leave would cost more.
  EquityStats stats;
  {
    PH_ZONE("simulation");
    // A local whose address never leaves this block: its fields stay in registers across
    // the loop's (rare) calls into the trade vector, instead of a load and store per bar.
    EquityStats local;
    double* equity = ws.equity.data();
    simulate_bars(bars.dates, bars.close, ws.signals.entries.data(), ws.signals.exits.data(), bars.size,
                  cfg.portfolio, ws.simulation,
                  [equity, &local](Eigen::Index t, double e) {
                    equity[t] = e;
                    local.add(e);
                  },
                  [equity, &local](Eigen::Index from, Eigen::Index k, double e) {
                    std::fill(equity + from, equity + from + k, e);
                    local.add_repeated(e, k);
                  });
    stats = local;
  }
  out = compute_metrics(stats, ws.simulation, cfg.portfolio.capital, cfg.annualization);
  return out;
}

}  // namespace

const Metrics& run_backtest_metrics(const SeriesView& bars, const Parameters& params, const BacktestConfig& cfg,
                                    BacktestWorkspace& ws, Metrics& out) {
  PH_ZONE("backtest");
  params.strategy().generate(bars, params, ws.scratch, ws.signals);
  return simulate_and_measure(bars, cfg, ws, out);
}

const Metrics& run_backtest_metrics(const SeriesView& bars, const Parameters& params, const double* const* series,
                                    const BacktestConfig& cfg, BacktestWorkspace& ws, Metrics& out) {
  PH_ZONE("backtest");
  params.strategy().shared.generate(bars, params, series, ws.signals);
  return simulate_and_measure(bars, cfg, ws, out);
}

BacktestResult run_backtest(const OhlcvSeries& series, const Parameters& params, Date start, Date end,
                            const BacktestConfig& cfg, BacktestWorkspace& ws) {
  const SeriesView bars = view_of(series, start, end);
  if (bars.size == 0)
    throw InputError("symbol '" + series.symbol + "' has no bars from " + format_iso_date(start) + " to " +
                     format_iso_date(end) + "; choose a date range inside its data");
  BacktestResult r;
  r.symbol = series.symbol;
  r.strategy = params.strategy().name;
  r.parameters = params;
  r.start_date = bars.dates[0];
  r.end_date = bars.dates[bars.size - 1];
  r.bars = bars.size;
  run_backtest_metrics(bars, params, cfg, ws, r.metrics);
  r.trades = ws.simulation.trades;
  return r;
}

}  // namespace ph
