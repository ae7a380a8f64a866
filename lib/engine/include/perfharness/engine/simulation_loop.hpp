#pragma once
// The fill rules of simulate() as a loop that hands each bar's equity to a callback,
// so a caller can fold the equity curve into statistics in the same pass (the backtest
// does; see EquityStats) instead of writing it out and reading it back.
#include "perfharness/engine/portfolio.hpp"

namespace ph {

/// simulate()'s rules over n bars; calls on_bar(t, equity) after bar t's orders, or, for a
/// run of bars flat in cash on which nothing fills, on_flat(t, k, equity) once for bars
/// t..t+k-1 (all at that equity). `out.trades` is cleared first and reused.
template <class OnBar, class OnFlat>
void simulate_bars(const Date* dates, const double* close, const std::uint8_t* entries, const std::uint8_t* exits,
                   Eigen::Index n, const PortfolioConfig& cfg, SimulationOutput& out, OnBar&& on_bar, OnFlat&& on_flat) {
  out.trades.clear();
  Eigen::Index bars_in_position = 0;
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
    // A run of bars on which nothing can fill, short of the last bar (which may force an
    // exit): while flat only an entry (without an exit) acts, while long only an exit
    // (without an entry). These inner loops make no call, so their state stays in
    // registers (x86-64 has no callee-saved vector registers: one call in a loop spills
    // them all), and a strategy whose flags stay set for many bars in a row does not
    // leave them on every bar.
    if (long_position) {
      for (; t + 1 < n && !((exits[t] != 0) > (entries[t] != 0)); ++t) {
        ++bars_in_position;
        on_bar(t, cash + size * close[t]);
      }
    } else {
      // Flat, the equity is the cash on every bar (size is 0 and closes are finite), so the
      // run is handed over whole: its length is a scan of the flags alone.
      const Eigen::Index from = t;
      while (t + 1 < n && !((entries[t] != 0) > (exits[t] != 0))) ++t;
      if (t > from) on_flat(from, t - from, cash);
    }
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
    bars_in_position += long_position;
    if (long_position && t + 1 == n) close_position(t);
    on_bar(t, cash + size * close[t]);
  }
  out.bars_in_position = bars_in_position;
}

/// The same, with every bar handed to on_bar.
template <class OnBar>
void simulate_bars(const Date* dates, const double* close, const std::uint8_t* entries, const std::uint8_t* exits,
                   Eigen::Index n, const PortfolioConfig& cfg, SimulationOutput& out, OnBar&& on_bar) {
  simulate_bars(dates, close, entries, exits, n, cfg, out, on_bar, [&on_bar](Eigen::Index from, Eigen::Index k, double equity) {
    for (Eigen::Index t = from; t < from + k; ++t) on_bar(t, equity);
  });
}

}  // namespace ph
