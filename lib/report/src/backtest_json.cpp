#include "perfharness/report/backtest_json.hpp"

#include <cmath>

namespace ph {

nlohmann::ordered_json parameters_json(const Parameters& p) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  const auto& specs = p.strategy().params;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].type == ParamType::Integer)
      j[specs[i].name] = static_cast<long long>(p[i]);
    else
      j[specs[i].name] = p[i];
  }
  return j;
}

nlohmann::ordered_json metrics_json(const Metrics& m) {
  nlohmann::ordered_json j;
  j["total_return"] = m.total_return;
  j["annual_return"] = m.annual_return;
  j["sharpe_ratio"] = m.sharpe_ratio;
  j["sortino_ratio"] = m.sortino_ratio;
  j["max_drawdown"] = m.max_drawdown;
  j["calmar_ratio"] = m.calmar_ratio;
  j["total_trades"] = m.total_trades;
  j["winning_trades"] = m.winning_trades;
  j["losing_trades"] = m.losing_trades;
  j["win_rate"] = m.win_rate;
  j["profit_factor"] = m.profit_factor ? nlohmann::ordered_json(*m.profit_factor) : nlohmann::ordered_json();
  j["avg_win"] = m.avg_win;
  j["avg_loss"] = m.avg_loss;
  j["best_trade"] = m.best_trade;
  j["worst_trade"] = m.worst_trade;
  j["exposure"] = m.exposure;
  j["final_equity"] = m.final_equity;
  return j;
}

nlohmann::ordered_json trades_json(const std::vector<Trade>& trades) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const Trade& t : trades) {
    nlohmann::ordered_json j;
    j["entry_date"] = format_iso_date(t.entry_date);
    j["exit_date"] = format_iso_date(t.exit_date);
    j["entry_price"] = t.entry_price;
    j["exit_price"] = t.exit_price;
    j["size"] = t.size;
    j["pnl"] = t.pnl;
    j["return"] = t.ret;
    a.push_back(std::move(j));
  }
  return a;
}

nlohmann::ordered_json backtest_json(const BacktestResult& r) {
  nlohmann::ordered_json j;
  j["symbol"] = r.symbol;
  j["strategy"] = r.strategy;
  j["parameters"] = parameters_json(r.parameters);
  j["start_date"] = format_iso_date(r.start_date);
  j["end_date"] = format_iso_date(r.end_date);
  j["bars"] = r.bars;
  j["metrics"] = metrics_json(r.metrics);
  j["trades"] = trades_json(r.trades);
  return j;
}

}  // namespace ph
