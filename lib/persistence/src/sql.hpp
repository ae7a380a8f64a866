#pragma once
// Every statement perfharness runs on a results database. Constants only: values
// from input are bound to `?` parameters, never spliced into these texts.
namespace ph::persistence::sql {

// The columns of a result row, in the order read_result_row() expects (trade_count is not
// read back: the trades themselves are, when asked for).
#define PH_RESULT_COLUMNS                                                                                   \
  "id, run_id, symbol, strategy, parameters, start_date, end_date, bars, total_return, annual_return, "    \
  "sharpe_ratio, sortino_ratio, max_drawdown, calmar_ratio, total_trades, winning_trades, losing_trades, " \
  "win_rate, profit_factor, avg_win, avg_loss, best_trade, worst_trade, exposure, final_equity, "          \
  "execution_time_s, created_at"

inline constexpr const char* kInsertResult =
    "INSERT INTO backtest_results (run_id, symbol, strategy, parameters, start_date, end_date, bars, "
    "total_return, annual_return, sharpe_ratio, sortino_ratio, max_drawdown, calmar_ratio, total_trades, "
    "winning_trades, losing_trades, win_rate, profit_factor, avg_win, avg_loss, best_trade, worst_trade, "
    "exposure, final_equity, trade_count, execution_time_s, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char* kInsertTrade =
    "INSERT INTO trades (backtest_id, number, entry_date, exit_date, entry_price, exit_price, size, pnl, "
    "\"return\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char* kSelectResultById = "SELECT " PH_RESULT_COLUMNS " FROM backtest_results WHERE id = ?";
inline constexpr const char* kSelectTrades =
    "SELECT entry_date, exit_date, entry_price, exit_price, size, pnl, \"return\" FROM trades "
    "WHERE backtest_id = ? ORDER BY number";
// How many rows each list will return, so the list is allocated once: growing a vector of
// 10,000 results by doubling touched twice the memory, cold, and cost a third of the query.
inline constexpr const char* kCountByStrategy = "SELECT count(*) FROM backtest_results WHERE strategy = ?";
inline constexpr const char* kCountBySymbol = "SELECT count(*) FROM backtest_results WHERE symbol = ?";
inline constexpr const char* kCountBySymbolAndStrategy =
    "SELECT count(*) FROM backtest_results WHERE symbol = ? AND strategy = ?";
inline constexpr const char* kSelectByStrategy =
    "SELECT " PH_RESULT_COLUMNS " FROM backtest_results WHERE strategy = ? ORDER BY id LIMIT ?";
inline constexpr const char* kSelectBySymbol =
    "SELECT " PH_RESULT_COLUMNS " FROM backtest_results WHERE symbol = ? ORDER BY id LIMIT ?";
inline constexpr const char* kSelectBySymbolAndStrategy =
    "SELECT " PH_RESULT_COLUMNS " FROM backtest_results WHERE symbol = ? AND strategy = ? ORDER BY id LIMIT ?";
inline constexpr const char* kDeleteResult = "DELETE FROM backtest_results WHERE id = ?";

inline constexpr const char* kInsertRun =
    "INSERT INTO runs (scenario_name, scenario_hash, tool_version, started_at) VALUES (?, ?, ?, ?)";
inline constexpr const char* kFinishRun =
    "UPDATE runs SET finished_at = ?, verdict = ?, report = ?, figures = ? WHERE id = ?";
inline constexpr const char* kSelectRunReport = "SELECT report FROM runs WHERE id = ?";
// A history baseline's candidates (runs_by_scenario); the runs' primary key orders them.
inline constexpr const char* kSelectReportsOfScenario =
    "SELECT id, report FROM runs WHERE scenario_name = ? AND finished_at IS NOT NULL AND report IS NOT NULL "
    "ORDER BY id DESC";
#define PH_RUN_SUMMARY_COLUMNS                                                                   \
  "r.id, r.scenario_name, r.scenario_hash, r.tool_version, r.started_at, r.finished_at, r.verdict, " \
  "r.figures, (SELECT COUNT(*) FROM backtest_results b WHERE b.run_id = r.id), "                  \
  "(SELECT AVG(b.execution_time_s) FROM backtest_results b WHERE b.run_id = r.id), "       \
  "(julianday(r.finished_at) - julianday(r.started_at)) * 86400.0"
// The newest N, re-sorted oldest first so a trend reads top to bottom.
inline constexpr const char* kSelectRecentRuns =
    "SELECT * FROM (SELECT " PH_RUN_SUMMARY_COLUMNS " FROM runs r ORDER BY r.id DESC LIMIT ?) ORDER BY 1";
inline constexpr const char* kSelectRecentRunsOfScenario =
    "SELECT * FROM (SELECT " PH_RUN_SUMMARY_COLUMNS
    " FROM runs r WHERE r.scenario_name = ? ORDER BY r.id DESC LIMIT ?) ORDER BY 1";

inline constexpr const char* kCountRuns = "SELECT COUNT(*) FROM runs";
inline constexpr const char* kCountResults = "SELECT COUNT(*) FROM backtest_results";
inline constexpr const char* kCountTrades = "SELECT COUNT(*) FROM trades";

#undef PH_RUN_SUMMARY_COLUMNS

}  // namespace ph::persistence::sql
