#pragma once
// Long-only, all-in portfolio simulation of one symbol, filled at the close of
// the bar whose signal fires (docs/backtest.md, "Portfolio simulation").
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "perfharness/common/date.hpp"

namespace ph {

struct PortfolioConfig {
  double capital = 10000.0;
  double fees = 0.001;      // fraction of traded value
  double slippage = 0.001;  // fraction of price, against the trader
};

struct Trade {
  Date entry_date = 0;
  Date exit_date = 0;
  double entry_price = 0;  // fill, slippage included
  double exit_price = 0;
  double size = 0;         // units held
  double pnl = 0;          // cash back - cash in
  double ret = 0;          // pnl / cash in

  friend bool operator==(const Trade&, const Trade&) = default;
};

struct SimulationOutput {
  std::vector<Trade> trades;
  Eigen::Index bars_in_position = 0;  // bars at whose close a position is held
};

/// Runs the simulation over n bars. `equity` receives n values (cash + size·close
/// after each bar's orders). `out.trades` is cleared first and reused.
void simulate(const Date* dates, const double* close, const std::uint8_t* entries, const std::uint8_t* exits,
              Eigen::Index n, const PortfolioConfig& cfg, double* equity, SimulationOutput& out);

}  // namespace ph
