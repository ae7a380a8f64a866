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
  Metrics m;
  if (n == 0) {
    m.final_equity = capital;
    return m;
  }
  m.final_equity = equity[n - 1];
  m.total_return = m.final_equity / capital - 1.0;
  if (n >= 2) m.annual_return = std::pow(1.0 + m.total_return, annualization / static_cast<double>(n - 1)) - 1.0;

  // One pass for the return moments (Welford, for stability over long series) and the drawdown.
  double mean = 0, m2 = 0, downside_sq = 0, peak = equity[0], drawdown = 0;
  for (Eigen::Index t = 1; t < n; ++t) {
    const double r = equity[t] / equity[t - 1] - 1.0;
    const double k = static_cast<double>(t);
    const double delta = r - mean;
    mean += delta / k;
    m2 += delta * (r - mean);
    const double neg = std::min(r, 0.0);
    downside_sq += neg * neg;
    peak = std::max(peak, equity[t]);
    drawdown = std::min(drawdown, equity[t] / peak - 1.0);
  }
  const Eigen::Index returns = n - 1;
  const double root_a = std::sqrt(annualization);
  if (returns >= 2) m.sharpe_ratio = ratio(mean, std::sqrt(m2 / static_cast<double>(returns - 1))) * root_a;
  if (returns >= 1) m.sortino_ratio = ratio(mean * root_a, std::sqrt(downside_sq / static_cast<double>(returns)));
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
