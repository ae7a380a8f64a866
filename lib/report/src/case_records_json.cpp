#include "case_records_json.hpp"

#include <fmt/format.h>

#include <type_traits>

#include "perfharness/report/backtest_json.hpp"

namespace ph::report {
namespace detail {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

nlohmann::ordered_json outcome_json(const DataLoadOutcome& r) {
  return {{"bars", r.bars}, {"first_date", r.first_date}, {"last_date", r.last_date}, {"last_close", r.last_close}};
}

// FNV-1a: short, stable across platforms and releases (std::hash is neither).
std::string fnv1a_hex(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char ch : text) {
    h ^= ch;
    h *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace

nlohmann::ordered_json to_json(const Workload& workload) {
  return std::visit(
      Overloaded{
          [](std::monostate) { return nlohmann::ordered_json(); },
          [](const BacktestWorkload& w) -> nlohmann::ordered_json {
            return {{"strategy", w.parameters.strategy().name},
                    {"parameters", parameters_json(w.parameters)},
                    {"symbol", w.symbol},
                    {"range", w.range},
                    {"start_date", w.start_date},
                    {"end_date", w.end_date},
                    {"bars", w.bars}};
          },
          [](const DataLoadWorkload& w) -> nlohmann::ordered_json {
            return {{"symbol", w.symbol}, {"range", w.range}, {"start_date", w.start_date}, {"end_date", w.end_date}};
          },
          [](const SweepWorkload& w) -> nlohmann::ordered_json {
            return {{"strategy", w.strategy}, {"combinations", w.combinations}, {"skipped", w.skipped},
                    {"symbol", w.symbol},     {"range", w.range},               {"bars", w.bars}};
          },
          [](const PersistenceWorkload& w) -> nlohmann::ordered_json {
            return {{"source", w.source}, {"saves", w.saves}, {"fetches", w.fetches}};
          },
          [](const CommandWorkload& w) -> nlohmann::ordered_json {
            return {{"command", w.argv}, {"working_dir", w.working_dir}};
          }},
      workload);
}

// Columns, not objects: a 10,000-set grid stays a few hundred kilobytes. The five metrics are
// read straight from each set's figures (a sweep's report can hold millions of rows).
nlohmann::ordered_json sweep_grid_rows(const SweepOutcome& r) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  rows.get_ref<nlohmann::ordered_json::array_t&>().reserve(r.metrics.size());
  const std::size_t width = r.parameter_names.size();
  for (std::size_t i = 0; i < r.metrics.size(); ++i) {
    nlohmann::ordered_json::array_t row;
    row.reserve(width + 5);
    for (std::size_t k = 0; k < width && i * width + k < r.parameter_values.size(); ++k)
      row.emplace_back(r.parameter_values[i * width + k]);
    const Metrics& m = r.metrics[i];
    row.emplace_back(m.sharpe_ratio);
    row.emplace_back(m.total_return);
    row.emplace_back(m.max_drawdown);
    row.emplace_back(m.win_rate);
    row.emplace_back(m.total_trades);
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::ordered_json sweep_grid_json(const SweepOutcome& r, GridRows rows) {
  const nlohmann::ordered_json metrics = {"sharpe_ratio", "total_return", "max_drawdown", "win_rate", "total_trades"};
  return {{"parameters", r.parameter_names},
          {"metrics", metrics},
          {"rows", rows == GridRows::values ? sweep_grid_rows(r) : nlohmann::ordered_json()}};
}

nlohmann::ordered_json to_json(const CaseOutcome& outcome, GridRows rows) {
  return std::visit(
      Overloaded{
          [](std::monostate) { return nlohmann::ordered_json(); },
          [](const BacktestOutcome& r) -> nlohmann::ordered_json {
            return {{"metrics", metrics_json(r.metrics)}, {"trades", r.trades}};
          },
          [](const DataLoadOutcome& r) { return outcome_json(r); },
          [rows](const SweepOutcome& r) -> nlohmann::ordered_json {
            nlohmann::ordered_json best = nlohmann::ordered_json::array();
            for (const auto& [parameters, metrics] : r.best_by_sharpe)
              best.push_back({{"parameters", parameters_json(parameters)}, {"metrics", metrics_json(metrics)}});
            nlohmann::ordered_json result = {{"best_by_sharpe", std::move(best)}};
            if (!r.metrics.empty()) result["grid"] = sweep_grid_json(r, rows);
            return result;
          },
          [](const PersistenceOutcome& r) -> nlohmann::ordered_json {
            return {{"saved_ids", r.saved_ids},
                    {"fetched_and_verified", r.fetched_and_verified},
                    {"round_trips_verified", r.round_trips_verified},
                    {"bulk_rows", r.bulk_rows}};
          },
          [](const CommandOutcome& r) -> nlohmann::ordered_json { return {{"exit_code", r.exit_code}}; }},
      outcome);
}

}  // namespace detail

std::string results_digest(const BacktestResult& result) { return detail::fnv1a_hex(backtest_json(result).dump()); }

std::string results_digest(const DataLoadOutcome& outcome) { return detail::fnv1a_hex(detail::outcome_json(outcome).dump()); }

std::string results_digest(const std::vector<Metrics>& sweep) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const auto& m : sweep) all.push_back({m.total_return, m.sharpe_ratio, m.total_trades});
  return detail::fnv1a_hex(all.dump());
}

std::string results_digest(const CommandOutcome& outcome) {
  return detail::fnv1a_hex(nlohmann::ordered_json{{"exit_code", outcome.exit_code}}.dump());
}

std::string round_trip_digest(std::size_t saves, std::size_t fetches) {
  return detail::fnv1a_hex(nlohmann::ordered_json{{"saves", saves}, {"fetches", fetches}}.dump());
}

}  // namespace ph::report
