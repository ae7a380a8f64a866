#include "perfharness/persistence/result_equality.hpp"

#include <cmath>
#include <cstdio>

namespace ph::persistence {
namespace {

std::string text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

std::string compare(const std::string& field, double a, double b) {
  return same(a, b) ? std::string() : field + ": " + text(a) + " vs " + text(b);
}

std::string compare_metrics(const Metrics& a, const Metrics& b) {
  const std::pair<const char*, double Metrics::*> reals[] = {
      {"total_return", &Metrics::total_return}, {"annual_return", &Metrics::annual_return},
      {"sharpe_ratio", &Metrics::sharpe_ratio}, {"sortino_ratio", &Metrics::sortino_ratio},
      {"max_drawdown", &Metrics::max_drawdown}, {"calmar_ratio", &Metrics::calmar_ratio},
      {"win_rate", &Metrics::win_rate},         {"avg_win", &Metrics::avg_win},
      {"avg_loss", &Metrics::avg_loss},         {"best_trade", &Metrics::best_trade},
      {"worst_trade", &Metrics::worst_trade},   {"exposure", &Metrics::exposure},
      {"final_equity", &Metrics::final_equity}};
  for (const auto& [name, field] : reals)
    if (auto d = compare(std::string("metrics.") + name, a.*field, b.*field); !d.empty()) return d;
  const std::pair<const char*, int Metrics::*> counts[] = {{"total_trades", &Metrics::total_trades},
                                                           {"winning_trades", &Metrics::winning_trades},
                                                           {"losing_trades", &Metrics::losing_trades}};
  for (const auto& [name, field] : counts)
    if (a.*field != b.*field)
      return std::string("metrics.") + name + ": " + std::to_string(a.*field) + " vs " + std::to_string(b.*field);
  if (a.profit_factor.has_value() != b.profit_factor.has_value())
    return std::string("metrics.profit_factor: ") + (a.profit_factor ? text(*a.profit_factor) : "null") + " vs " +
           (b.profit_factor ? text(*b.profit_factor) : "null");
  if (a.profit_factor) return compare("metrics.profit_factor", *a.profit_factor, *b.profit_factor);
  return {};
}

std::string compare_trade(std::size_t i, const Trade& a, const Trade& b) {
  const std::string at = "trades[" + std::to_string(i) + "].";
  if (a.entry_date != b.entry_date) return at + "entry_date: " + format_iso_date(a.entry_date) + " vs " + format_iso_date(b.entry_date);
  if (a.exit_date != b.exit_date) return at + "exit_date: " + format_iso_date(a.exit_date) + " vs " + format_iso_date(b.exit_date);
  const std::pair<const char*, double Trade::*> reals[] = {{"entry_price", &Trade::entry_price},
                                                           {"exit_price", &Trade::exit_price},
                                                           {"size", &Trade::size},
                                                           {"pnl", &Trade::pnl},
                                                           {"return", &Trade::ret}};
  for (const auto& [name, field] : reals)
    if (auto d = compare(at + name, a.*field, b.*field); !d.empty()) return d;
  return {};
}

}  // namespace

std::string first_difference(const BacktestResult& a, const BacktestResult& b) {
  if (a.symbol != b.symbol) return "symbol: '" + a.symbol + "' vs '" + b.symbol + "'";
  if (a.strategy != b.strategy) return "strategy: '" + a.strategy + "' vs '" + b.strategy + "'";
  const auto& pa = a.parameters.values();
  const auto& pb = b.parameters.values();
  if (pa.size() != pb.size())
    return "parameters: " + std::to_string(pa.size()) + " values vs " + std::to_string(pb.size());
  for (std::size_t i = 0; i < pa.size(); ++i)
    if (auto d = compare("parameters[" + std::to_string(i) + "]", pa[i], pb[i]); !d.empty()) return d;
  if (a.start_date != b.start_date) return "start_date: " + format_iso_date(a.start_date) + " vs " + format_iso_date(b.start_date);
  if (a.end_date != b.end_date) return "end_date: " + format_iso_date(a.end_date) + " vs " + format_iso_date(b.end_date);
  if (a.bars != b.bars) return "bars: " + std::to_string(a.bars) + " vs " + std::to_string(b.bars);
  if (auto d = compare_metrics(a.metrics, b.metrics); !d.empty()) return d;
  if (a.trades.size() != b.trades.size())
    return "trades: " + std::to_string(a.trades.size()) + " vs " + std::to_string(b.trades.size());
  for (std::size_t i = 0; i < a.trades.size(); ++i)
    if (auto d = compare_trade(i, a.trades[i], b.trades[i]); !d.empty()) return d;
  return {};
}

}  // namespace ph::persistence
