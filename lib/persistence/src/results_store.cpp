// Backtest results and their trades: save, fetch, list, rank, delete.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "connection.hpp"
#include "parameters_codec.hpp"
#include "row_reader.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/strategies/strategy.hpp"
#include "perfharness/common/utc_time.hpp"
#include "sql.hpp"

namespace ph::persistence {
namespace {

// `where` names the row in a message; it is only called when the row is bad.
using Where = std::function<std::string()>;

Date date_column(RowReader& row, const Where& where) {
  const char* column = row.name();
  const std::string_view text = row.text();
  const auto d = parse_iso_date(text);
  if (!d)
    throw RuntimeFailure(where() + ": '" + std::string(text) + "' in column " + column + " is not a YYYY-MM-DD date");
  return *d;
}

std::string where_result(const std::filesystem::path& file, std::int64_t id) {
  return file.string() + ": backtest result " + std::to_string(id);
}

// Overwrites every field of `s`, so one object can take row after row.
void read_result_row(RowReader row, const std::filesystem::path& file, StoredResult& s) {
  s.id = row.int64();
  if (row.null()) {
    row.skip();
    s.run_id.reset();
  } else {
    s.run_id = row.int64();
  }
  const Where where = [&file, id = s.id] { return where_result(file, id); };
  BacktestResult& r = s.result;
  r.symbol = row.text();
  r.strategy = row.text();
  r.parameters = decode_parameters(r.strategy, row.text(), where);
  r.start_date = date_column(row, where);
  r.end_date = date_column(row, where);
  r.bars = static_cast<Eigen::Index>(row.int64());
  Metrics& m = r.metrics;
  m.total_return = row.real_or_nan();
  m.annual_return = row.real_or_nan();
  m.sharpe_ratio = row.real_or_nan();
  m.sortino_ratio = row.real_or_nan();
  m.max_drawdown = row.real_or_nan();
  m.calmar_ratio = row.real_or_nan();
  m.total_trades = row.integer();
  m.winning_trades = row.integer();
  m.losing_trades = row.integer();
  m.win_rate = row.real_or_nan();
  if (row.null()) {
    row.skip();
    m.profit_factor.reset();
  } else {
    m.profit_factor = row.real();
  }
  m.avg_win = row.real_or_nan();
  m.avg_loss = row.real_or_nan();
  m.best_trade = row.real_or_nan();
  m.worst_trade = row.real_or_nan();
  m.exposure = row.real_or_nan();
  m.final_equity = row.real_or_nan();
  s.execution_time_s = row.real();
  s.created_at = row.text();
  r.trades.clear();
}

void bind_result(SQLite::Statement& q, std::optional<std::int64_t> run_id, const BacktestResult& r,
                 const std::string& parameters, double execution_time_s) {
  int i = 1;
  if (run_id)
    q.bind(i++, static_cast<std::int64_t>(*run_id));
  else
    q.bind(i++);
  q.bind(i++, r.symbol);
  q.bind(i++, r.strategy);
  q.bind(i++, parameters);
  q.bind(i++, format_iso_date(r.start_date));
  q.bind(i++, format_iso_date(r.end_date));
  q.bind(i++, static_cast<std::int64_t>(r.bars));
  const Metrics& m = r.metrics;
  for (double v : {m.total_return, m.annual_return, m.sharpe_ratio, m.sortino_ratio, m.max_drawdown, m.calmar_ratio})
    q.bind(i++, v);
  for (int v : {m.total_trades, m.winning_trades, m.losing_trades}) q.bind(i++, v);
  q.bind(i++, m.win_rate);
  if (m.profit_factor)
    q.bind(i++, *m.profit_factor);
  else
    q.bind(i++);
  for (double v : {m.avg_win, m.avg_loss, m.best_trade, m.worst_trade, m.exposure, m.final_equity}) q.bind(i++, v);
  q.bind(i++, static_cast<std::int64_t>(r.trades.size()));
  q.bind(i++, execution_time_s);
  q.bind(i++, utc_now_iso8601(TimePrecision::milliseconds));
}

struct RankedMetric {
  std::string name;
  std::string over_all;      // SQL over every result
  std::string of_strategy;   // SQL over one strategy's results
};

// The only place a column name enters SQL: from this fixed list, chosen by exact name match.
const std::vector<RankedMetric>& ranked_metrics() {
  static const std::vector<RankedMetric> table = [] {
    const std::vector<std::pair<const char*, const char*>> columns = {
        {"total_return", "DESC"}, {"annual_return", "DESC"},  {"sharpe_ratio", "DESC"}, {"sortino_ratio", "DESC"},
        {"max_drawdown", "DESC"}, {"calmar_ratio", "DESC"},   {"total_trades", "DESC"}, {"winning_trades", "DESC"},
        {"losing_trades", "ASC"}, {"win_rate", "DESC"},       {"profit_factor", "DESC"}, {"avg_win", "DESC"},
        {"avg_loss", "DESC"},     {"best_trade", "DESC"},     {"worst_trade", "DESC"},  {"exposure", "DESC"},
        {"final_equity", "DESC"}, {"execution_time_s", "ASC"}};
    std::vector<RankedMetric> out;
    for (const auto& [column, order] : columns) {
      // NULLs (no value: e.g. profit_factor with no losing trade) rank last either way.
      const std::string tail = std::string(" ORDER BY ") + column + " IS NULL, " + column + " " + order + ", id LIMIT ?";
      out.push_back({column, "SELECT " PH_RESULT_COLUMNS " FROM backtest_results" + tail,
                     "SELECT " PH_RESULT_COLUMNS " FROM backtest_results WHERE strategy = ?" + tail});
    }
    return out;
  }();
  return table;
}

}  // namespace

const std::vector<std::string>& rankable_metrics() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& m : ranked_metrics()) n.push_back(m.name);
    return n;
  }();
  return names;
}

std::int64_t Database::save_result(std::optional<std::int64_t> run_id, const BacktestResult& r,
                                   double execution_time_s) {
  validate_for_storage(r);
  if (!std::isfinite(execution_time_s) || execution_time_s < 0)
    throw InputError("the execution time of the result of '" + r.symbol + "' is " + std::to_string(execution_time_s) +
                     " s; give a finite time of 0 s or more");
  const std::string parameters = encode_parameters(*find_strategy(r.strategy), r.parameters);
  return guarded(path_, impl_->busy_timeout_ms, "saving a backtest result of " + r.symbol, [&] {
    ScopedTransaction tx(impl_->db, ScopedTransaction::Mode::Write);
    {
      auto insert = impl_->use(sql::kInsertResult);
      bind_result(insert.q, run_id, r, parameters, execution_time_s);
      insert.q.exec();
    }
    const std::int64_t id = impl_->db.getLastInsertRowid();
    auto trade = impl_->use(sql::kInsertTrade);
    std::int64_t number = 0;
    for (const Trade& t : r.trades) {
      trade.q.tryReset();
      int i = 1;
      trade.q.bind(i++, id);
      trade.q.bind(i++, ++number);
      trade.q.bind(i++, format_iso_date(t.entry_date));
      trade.q.bind(i++, format_iso_date(t.exit_date));
      for (double v : {t.entry_price, t.exit_price, t.size, t.pnl, t.ret}) trade.q.bind(i++, v);
      trade.q.exec();
    }
    tx.commit();
    return id;
  });
}

namespace {

void load_trades(Database::Impl& impl, const std::filesystem::path& file, StoredResult& s) {
  auto q = impl.use_raw(sql::kSelectTrades);
  q.q.bind(1, s.id);
  const Where where = [&file, id = s.id] { return where_result(file, id); };
  while (q.q.step()) {
    RowReader row = q.q.row();
    Trade t;
    t.entry_date = date_column(row, where);
    t.exit_date = date_column(row, where);
    t.entry_price = row.real();
    t.exit_price = row.real();
    t.size = row.real();
    t.pnl = row.real();
    t.ret = row.real();
    s.result.trades.push_back(t);
  }
}

// Binds `values` in order, then LIMIT (0: none), and reads every row.
std::vector<StoredResult> select_results(Database::Impl& impl, const std::filesystem::path& file, const char* sql,
                                         std::initializer_list<const std::string*> values, const ListOptions& o,
                                         const char* count_sql = nullptr) {
  if (o.limit < 0) throw InputError("a result list limit must be 0 (all) or positive, not " + std::to_string(o.limit));
  std::vector<StoredResult> out;
  const auto bind_values = [&](auto& q) {
    int i = 1;
    for (const std::string* v : values) q.bind(i++, *v);
    return i;
  };
  ScopedTransaction tx(impl.db, ScopedTransaction::Mode::Read);
  if (count_sql) {  // in the same read transaction as the list, so the count is exact
    auto c = impl.use_raw(count_sql);
    bind_values(c.q);
    if (c.q.step()) {
      const std::int64_t rows = c.q.row().int64();
      out.reserve(static_cast<std::size_t>(o.limit > 0 ? std::min<std::int64_t>(rows, o.limit) : rows));
    }
  }
  {
    auto q = impl.use_raw(sql);
    q.q.bind(bind_values(q.q), std::int64_t{o.limit == 0 ? -1 : o.limit});
    while (q.q.step()) read_result_row(q.q.row(), file, out.emplace_back());
  }
  if (o.with_trades)
    for (StoredResult& s : out) load_trades(impl, file, s);
  tx.commit();
  return out;
}

void visit_results(Database::Impl& impl, const std::filesystem::path& file, const char* sql,
                   std::initializer_list<const std::string*> values, const ListOptions& o,
                   const std::function<void(const StoredResult&)>& visit) {
  if (o.limit < 0) throw InputError("a result list limit must be 0 (all) or positive, not " + std::to_string(o.limit));
  ScopedTransaction tx(impl.db, ScopedTransaction::Mode::Read);
  {
    auto q = impl.use_raw(sql);
    int i = 1;
    for (const std::string* v : values) q.q.bind(i++, *v);
    q.q.bind(i, std::int64_t{o.limit == 0 ? -1 : o.limit});
    StoredResult s;
    while (q.q.step()) {
      read_result_row(q.q.row(), file, s);
      if (o.with_trades) load_trades(impl, file, s);
      visit(s);
    }
  }
  tx.commit();
}

}  // namespace

std::optional<StoredResult> Database::fetch_result(std::int64_t id) {
  return guarded(path_, impl_->busy_timeout_ms, "fetching backtest result " + std::to_string(id), [&] {
    std::optional<StoredResult> out;
    ScopedTransaction tx(impl_->db, ScopedTransaction::Mode::Read);
    {
      auto q = impl_->use_raw(sql::kSelectResultById);
      q.q.bind(1, id);
      if (q.q.step()) read_result_row(q.q.row(), path_, out.emplace());
    }
    if (out) load_trades(*impl_, path_, *out);
    tx.commit();
    return out;
  });
}

std::vector<StoredResult> Database::list_by_strategy(const std::string& strategy, const ListOptions& options) {
  return guarded(path_, impl_->busy_timeout_ms, "listing the results of strategy " + strategy,
                 [&] { return select_results(*impl_, path_, sql::kSelectByStrategy, {&strategy}, options, sql::kCountByStrategy); });
}

void Database::for_each_by_strategy(const std::string& strategy,
                                    const std::function<void(const StoredResult&)>& visit, const ListOptions& options) {
  guarded(path_, impl_->busy_timeout_ms, "reading the results of strategy " + strategy,
          [&] { visit_results(*impl_, path_, sql::kSelectByStrategy, {&strategy}, options, visit); });
}

std::vector<StoredResult> Database::list_by_symbol(const std::string& symbol, const ListOptions& options) {
  return guarded(path_, impl_->busy_timeout_ms, "listing the results of symbol " + symbol,
                 [&] { return select_results(*impl_, path_, sql::kSelectBySymbol, {&symbol}, options, sql::kCountBySymbol); });
}

std::vector<StoredResult> Database::list_by_symbol_and_strategy(const std::string& symbol,
                                                                const std::string& strategy,
                                                                const ListOptions& options) {
  return guarded(path_, impl_->busy_timeout_ms, "listing the results of " + symbol + " with " + strategy, [&] {
    return select_results(*impl_, path_, sql::kSelectBySymbolAndStrategy, {&symbol, &strategy}, options,
                          sql::kCountBySymbolAndStrategy);
  });
}

std::vector<StoredResult> Database::best_by_metric(const std::string& metric, int limit,
                                                   const std::optional<std::string>& strategy) {
  const RankedMetric* ranked = nullptr;
  for (const auto& m : ranked_metrics())
    if (m.name == metric) ranked = &m;
  if (!ranked) {
    std::string known;
    for (const auto& n : rankable_metrics()) known += (known.empty() ? "" : ", ") + n;
    throw InputError("metric '" + metric + "' cannot rank results; use one of " + known);
  }
  if (limit < 1) throw InputError("best_by_metric: limit must be at least 1, not " + std::to_string(limit));
  return guarded(path_, impl_->busy_timeout_ms, "ranking results by " + metric, [&] {
    const ListOptions options{false, limit};
    if (strategy) return select_results(*impl_, path_, ranked->of_strategy.c_str(), {&*strategy}, options);
    return select_results(*impl_, path_, ranked->over_all.c_str(), {}, options);
  });
}

bool Database::delete_result(std::int64_t id) {
  return guarded(path_, impl_->busy_timeout_ms, "deleting backtest result " + std::to_string(id), [&] {
    ScopedTransaction tx(impl_->db, ScopedTransaction::Mode::Write);
    int changed = 0;
    {
      auto q = impl_->use(sql::kDeleteResult);
      q.q.bind(1, id);
      changed = q.q.exec();
    }
    tx.commit();
    return changed > 0;
  });
}

}  // namespace ph::persistence
