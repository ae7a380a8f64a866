#pragma once
// One backtest end to end: slice, signals, simulation, metrics.
#include <string>
#include <vector>

#include "perfharness/data/ohlcv.hpp"
#include "perfharness/engine/portfolio.hpp"
#include "perfharness/metrics/metrics.hpp"
#include "perfharness/strategies/strategy.hpp"

namespace ph {

struct BacktestConfig {
  PortfolioConfig portfolio;
  double annualization = 252;
};

/// The accepted range of each setting, for the scenario's `defaults` and `perfharness backtest`'s
/// options alike: outside it the figures stop meaning anything (a capital of 1e300 overflows
/// the equity curve, fees of 60% eat every trade).
struct SettingRange {
  double min, max;
};
inline constexpr SettingRange kCapitalRange{1e-6, 1e15};
inline constexpr SettingRange kFeesRange{0, 0.5};
inline constexpr SettingRange kSlippageRange{0, 0.5};
inline constexpr SettingRange kAnnualizationRange{1, 100000};

struct BacktestResult {
  std::string symbol;
  std::string strategy;
  Parameters parameters;
  Date start_date = 0;  // first bar actually used
  Date end_date = 0;    // last bar actually used
  Eigen::Index bars = 0;
  Metrics metrics;
  std::vector<Trade> trades;
};

/// Reusable state of a thread that runs many backtests.
struct BacktestWorkspace {
  Workspace scratch;
  Signals signals;
  SimulationOutput simulation;
  Eigen::VectorXd equity;
};

/// Backtests `params` on the bars of `series` from start to end inclusive.
/// Throws InputError when the range holds no bars.
BacktestResult run_backtest(const OhlcvSeries& series, const Parameters& params, Date start, Date end,
                            const BacktestConfig& cfg, BacktestWorkspace& ws);

/// The metrics alone, with no result object built: what sweeps and benchmarks call.
const Metrics& run_backtest_metrics(const SeriesView& bars, const Parameters& params, const BacktestConfig& cfg,
                                    BacktestWorkspace& ws, Metrics& out);

/// The same from indicator series computed beforehand: series[i] is the i-th of the keys
/// params.strategy().shared.keys gives for params, over `bars` (a sweep shares them
/// across its grid). The results are identical to the form above.
const Metrics& run_backtest_metrics(const SeriesView& bars, const Parameters& params, const double* const* series,
                                    const BacktestConfig& cfg, BacktestWorkspace& ws, Metrics& out);

}  // namespace ph
