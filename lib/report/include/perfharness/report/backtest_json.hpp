#pragma once
// The JSON form of a backtest result, shared by `backtest`, reports and persistence.
#include <nlohmann/json.hpp>

#include "perfharness/backtest/backtest.hpp"

namespace ph {

nlohmann::ordered_json parameters_json(const Parameters& p);
nlohmann::ordered_json metrics_json(const Metrics& m);
nlohmann::ordered_json trades_json(const std::vector<Trade>& trades);
/// symbol, strategy, parameters, start_date, end_date, bars, metrics, trades.
nlohmann::ordered_json backtest_json(const BacktestResult& r);

}  // namespace ph
