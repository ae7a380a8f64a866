#pragma once
// Exact comparison of backtest results, field by field: what a round trip through the
// database must preserve.
#include <string>

#include "perfharness/backtest/backtest.hpp"

namespace ph::persistence {

/// Empty when `a` and `b` are equal in every field (doubles bit for bit; NaN equals NaN),
/// else the first differing field with both values, e.g. "metrics.sharpe_ratio: 1.2 vs 1.3".
std::string first_difference(const BacktestResult& a, const BacktestResult& b);

}  // namespace ph::persistence
