#pragma once
// Performance metrics of one backtest (docs/backtest.md, "Metrics").
#include <optional>
#include <vector>

#include <Eigen/Core>

#include "perfharness/engine/portfolio.hpp"
#include "perfharness/metrics/equity_stats.hpp"

namespace ph {

struct Metrics {
  double total_return = 0;
  double annual_return = 0;
  double sharpe_ratio = 0;
  double sortino_ratio = 0;
  double max_drawdown = 0;  // <= 0
  double calmar_ratio = 0;
  int total_trades = 0;
  int winning_trades = 0;
  int losing_trades = 0;
  double win_rate = 0;
  std::optional<double> profit_factor;  // none when no trade lost
  double avg_win = 0;                   // mean pnl of winning trades
  double avg_loss = 0;                  // mean pnl of losing trades (<= 0)
  double best_trade = 0;                // highest trade return
  double worst_trade = 0;               // lowest trade return
  double exposure = 0;                  // share of bars in a position
  double final_equity = 0;

  friend bool operator==(const Metrics&, const Metrics&) = default;
};

/// Metrics from an equity curve of n bars and its trades; A = periods per year.
Metrics compute_metrics(const double* equity, Eigen::Index n, const SimulationOutput& sim, double capital,
                        double annualization);

/// The same metrics from statistics already fed every bar of the curve (the fused
/// simulation-and-metrics pass of a backtest), and its trades.
Metrics compute_metrics(EquityStats& stats, const SimulationOutput& sim, double capital, double annualization);

}  // namespace ph
