#include "perfharness/engine/portfolio.hpp"

#include "perfharness/hooks/zone.hpp"

namespace ph {

void simulate(const Date* dates, const double* close, const std::uint8_t* entries, const std::uint8_t* exits,
              Eigen::Index n, const PortfolioConfig& cfg, double* equity, SimulationOutput& out) {
  PH_ZONE("simulation");
  out.trades.clear();
  out.bars_in_position = 0;
  double cash = cfg.capital, size = 0, cash_in = 0;
  bool long_position = false;
  Trade open{};
  const double buy_factor = 1.0 + cfg.slippage, sell_factor = 1.0 - cfg.slippage;
  const double buy_cost = 1.0 + cfg.fees, sell_keep = 1.0 - cfg.fees;

  auto close_position = [&](Eigen::Index t) {
    const double fill = close[t] * sell_factor;
    cash = size * fill * sell_keep;
    open.exit_date = dates[t];
    open.exit_price = fill;
    open.pnl = cash - cash_in;
    open.ret = open.pnl / cash_in;
    out.trades.push_back(open);
    size = 0;
    long_position = false;
  };

  for (Eigen::Index t = 0; t < n; ++t) {
    const bool enter = entries[t] && !exits[t];
    const bool leave = exits[t] && !entries[t];
    // An entry on the last bar is not taken: the position could be held for no time at all.
    if (!long_position && enter && t + 1 < n) {
      const double fill = close[t] * buy_factor;
      cash_in = cash;
      size = cash / (fill * buy_cost);
      cash = 0;
      long_position = true;
      open = Trade{dates[t], 0, fill, 0, size, 0, 0};
    } else if (long_position && leave) {
      close_position(t);
    }
    out.bars_in_position += long_position;
    if (long_position && t + 1 == n) close_position(t);
    equity[t] = cash + size * close[t];
  }
}

}  // namespace ph
