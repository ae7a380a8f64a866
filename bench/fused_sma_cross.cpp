#include "fused_sma_cross.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ph::bench {
namespace {
double ratio(double num, double den) { return den == 0 ? 0.0 : num / den; }
}  // namespace

Metrics fused_sma_cross(const SeriesView& bars, int fast, int slow, const BacktestConfig& cfg) noexcept {
  const Eigen::Index n = bars.size;
  const double* c = bars.close;
  Metrics m;
  const double capital = cfg.portfolio.capital;
  if (n == 0) {
    m.final_equity = capital;
    return m;
  }
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const double inv_fast = 1.0 / fast, inv_slow = 1.0 / slow;
  const double buy_factor = 1.0 + cfg.portfolio.slippage, sell_factor = 1.0 - cfg.portfolio.slippage;
  const double buy_cost = 1.0 + cfg.portfolio.fees, sell_keep = 1.0 - cfg.portfolio.fees;

  double sum_fast = 0, sum_slow = 0, prev_fast = kNaN, prev_slow = kNaN;
  double cash = capital, size = 0, cash_in = 0;
  bool long_position = false;
  Eigen::Index in_position = 0;
  double win_sum = 0, loss_sum = 0, best = -std::numeric_limits<double>::infinity(),
         worst = std::numeric_limits<double>::infinity();
  // Return moments as plain sums: no division on the loop's critical path (Welford's
  // running mean has one). Daily returns have mean² ≪ variance, so nothing cancels.
  double prev_equity = 0, sum = 0, sum_sq = 0, downside_sq = 0, peak = 0, drawdown = 0;

  for (Eigen::Index t = 0; t < n; ++t) {
    // Running sums in the order of ind::sma, so both sides see the same doubles.
    sum_fast += c[t];
    sum_slow += c[t];
    double f = kNaN, s = kNaN;
    if (t >= fast - 1) {
      f = sum_fast * inv_fast;
      sum_fast -= c[t - fast + 1];
    }
    if (t >= slow - 1) {
      s = sum_slow * inv_slow;
      sum_slow -= c[t - slow + 1];
    }
    const bool enter = t > 0 && f > s && prev_fast <= prev_slow;
    const bool leave = t > 0 && f < s && prev_fast >= prev_slow;
    prev_fast = f;
    prev_slow = s;

    const bool last = t + 1 == n;
    if (!long_position && enter && !last) {
      const double fill = c[t] * buy_factor;
      cash_in = cash;
      size = cash / (fill * buy_cost);
      cash = 0;
      long_position = true;
    } else if (long_position && (leave || last)) {
      in_position += !leave;  // held through the last bar's close when it is the forced exit
      cash = size * (c[t] * sell_factor) * sell_keep;
      const double pnl = cash - cash_in, ret = pnl / cash_in;
      if (pnl > 0) {
        ++m.winning_trades;
        win_sum += pnl;
      } else if (pnl < 0) {
        ++m.losing_trades;
        loss_sum += pnl;
      }
      ++m.total_trades;
      best = std::max(best, ret);
      worst = std::min(worst, ret);
      size = 0;
      long_position = false;
    }
    in_position += long_position;
    const double equity = cash + size * c[t];

    if (t == 0) {
      peak = equity;
    } else {
      const double r = equity / prev_equity - 1.0;
      sum += r;
      sum_sq += r * r;
      const double neg = (r - std::fabs(r)) * 0.5;  // min(r, 0), branch-free
      downside_sq += neg * neg;
      peak = std::max(peak, equity);
      drawdown = std::min(drawdown, equity / peak - 1.0);
    }
    prev_equity = equity;
  }

  m.final_equity = prev_equity;
  m.total_return = m.final_equity / capital - 1.0;
  const double a = cfg.annualization;
  if (n >= 2) m.annual_return = std::pow(1.0 + m.total_return, a / static_cast<double>(n - 1)) - 1.0;
  const Eigen::Index returns = n - 1;
  const double count = static_cast<double>(returns > 0 ? returns : 1);
  const double mean = sum / count, m2 = std::max(0.0, sum_sq - sum * (sum / count));
  const double root_a = std::sqrt(a);
  if (returns >= 2) m.sharpe_ratio = ratio(mean, std::sqrt(m2 / static_cast<double>(returns - 1))) * root_a;
  if (returns >= 1) m.sortino_ratio = ratio(mean * root_a, std::sqrt(downside_sq / static_cast<double>(returns)));
  m.max_drawdown = drawdown;
  m.calmar_ratio = ratio(m.annual_return, std::fabs(drawdown));
  if (m.total_trades > 0) {
    m.best_trade = best;
    m.worst_trade = worst;
  }
  m.win_rate = ratio(m.winning_trades, m.total_trades);
  if (m.losing_trades > 0) m.profit_factor = win_sum / std::fabs(loss_sum);
  m.avg_win = ratio(win_sum, m.winning_trades);
  m.avg_loss = ratio(loss_sum, m.losing_trades);
  m.exposure = static_cast<double>(in_position) / static_cast<double>(n);
  return m;
}

double max_metric_difference(const Metrics& a, const Metrics& b) noexcept {
  double worst = 0;
  auto cmp = [&](double x, double y) {
    if (std::isnan(x) && std::isnan(y)) return;
    const double d = std::fabs(x - y) / std::max(1.0, std::max(std::fabs(x), std::fabs(y)));
    worst = std::max(worst, std::isnan(d) ? std::numeric_limits<double>::infinity() : d);
  };
  cmp(a.total_return, b.total_return);
  cmp(a.annual_return, b.annual_return);
  cmp(a.sharpe_ratio, b.sharpe_ratio);
  cmp(a.sortino_ratio, b.sortino_ratio);
  cmp(a.max_drawdown, b.max_drawdown);
  cmp(a.calmar_ratio, b.calmar_ratio);
  cmp(a.total_trades, b.total_trades);
  cmp(a.winning_trades, b.winning_trades);
  cmp(a.losing_trades, b.losing_trades);
  cmp(a.win_rate, b.win_rate);
  if (a.profit_factor.has_value() != b.profit_factor.has_value())
    worst = std::numeric_limits<double>::infinity();
  else if (a.profit_factor)
    cmp(*a.profit_factor, *b.profit_factor);
  cmp(a.avg_win, b.avg_win);
  cmp(a.avg_loss, b.avg_loss);
  cmp(a.best_trade, b.best_trade);
  cmp(a.worst_trade, b.worst_trade);
  cmp(a.exposure, b.exposure);
  cmp(a.final_equity, b.final_equity);
  return worst;
}

}  // namespace ph::bench
