#pragma once
// The lower bound: an SMA-cross backtest (indicators, crossings, fills, metrics) as one
// hand-fused loop over the bars with no allocation and no intermediate vectors. It does
// the same arithmetic as the core in the same order, so its metrics must agree with
// ph::run_backtest_metrics on sma_cross; no implementation of this work can be much
// faster, which makes it the yardstick every strategy's ns/bar is divided by.
#include "perfharness/backtest/backtest.hpp"

namespace ph::bench {

/// Metrics of sma_cross(fast, slow) on `bars`, in one pass.
Metrics fused_sma_cross(const SeriesView& bars, int fast, int slow, const BacktestConfig& cfg) noexcept;

/// Largest relative difference over every metric (absolute below 1).
double max_metric_difference(const Metrics& a, const Metrics& b) noexcept;

}  // namespace ph::bench
