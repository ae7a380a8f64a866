#pragma once
// Real backtest results for the persistence tests, and a scratch directory per test.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "scratch_folder.hpp"
#include "perfharness/backtest/backtest.hpp"
#include "perfharness/data/synthetic.hpp"
#include "perfharness/strategies/strategy.hpp"

namespace ph::test {

inline BacktestResult make_result(const std::string& symbol, const std::string& strategy,
                                  const std::vector<std::pair<std::string, double>>& params = {},
                                  Date start = date_from_civil(2023, 1, 1), Date end = date_from_civil(2023, 12, 31)) {
  SyntheticSpec spec;
  const OhlcvSeries series = generate_synthetic(symbol, spec);
  const Parameters p = resolve_parameters(strategy_or_throw(strategy), params);
  BacktestWorkspace ws;
  return run_backtest(series, p, start, end, BacktestConfig{}, ws);
}

/// A directory removed with everything in it when the test ends.
using ScratchDir = ph_test::ScratchFolder;

}  // namespace ph::test
