#include "perfharness/metrics/metrics.hpp"

#include <algorithm>
#include <cmath>

#include "perfharness/hooks/zone.hpp"

namespace ph {
namespace {
double ratio(double num, double den) { return den == 0 ? 0.0 : num / den; }
}  // namespace

Metrics compute_metrics(const double* equity, Eigen::Index n, const SimulationOutput& sim, double capital,
                        double annualization) {
  PH_ZONE("metrics");
  EquityStats stats;
  for (Eigen::Index t = 0; t < n; ++t) stats.add(equity[t]);
  return compute_metrics(stats, sim, capital, annualization);
}

Metrics compute_metrics(EquityStats& stats, const SimulationOutput& sim, double capital, double annualization) {
  Metrics m;
  const std::int64_t n = stats.bars();
  if (n == 0) {
    m.final_equity = capital;
    return m;
  }
  m.final_equity = stats.last();
  m.total_return = m.final_equity / capital - 1.0;
  if (n >= 2) m.annual_return = std::pow(1.0 + m.total_return, annualization / static_cast<double>(n - 1)) - 1.0;

  const std::int64_t returns = n - 1;
  const double mean = stats.mean(), m2 = stats.m2(), drawdown = stats.max_drawdown();
  const double root_a = std::sqrt(annualization);
  if (returns >= 2) m.sharpe_ratio = ratio(mean, std::sqrt(m2 / static_cast<double>(returns - 1))) * root_a;
  if (returns >= 1) m.sortino_ratio = ratio(mean * root_a, std::sqrt(stats.downside_sq() / static_cast<double>(returns)));
  m.max_drawdown = drawdown;
  m.calmar_ratio = ratio(m.annual_return, std::fabs(drawdown));

  double win_sum = 0, loss_sum = 0;
  m.total_trades = static_cast<int>(sim.trades.size());
  for (const Trade& tr : sim.trades) {
    if (tr.pnl > 0) {
      ++m.winning_trades;
      win_sum += tr.pnl;
    } else if (tr.pnl < 0) {
      ++m.losing_trades;
      loss_sum += tr.pnl;
    }
  }
  if (!sim.trades.empty()) {
    auto by_return = [](const Trade& a, const Trade& b) { return a.ret < b.ret; };
    m.best_trade = std::max_element(sim.trades.begin(), sim.trades.end(), by_return)->ret;
    m.worst_trade = std::min_element(sim.trades.begin(), sim.trades.end(), by_return)->ret;
  }
  m.win_rate = ratio(m.winning_trades, m.total_trades);
  if (m.losing_trades > 0) m.profit_factor = win_sum / std::fabs(loss_sum);
  m.avg_win = ratio(win_sum, m.winning_trades);
  m.avg_loss = ratio(loss_sum, m.losing_trades);
  m.exposure = static_cast<double>(sim.bars_in_position) / static_cast<double>(n);
  return m;
}

}  // namespace ph
