#include "perfharness/persistence/query_plan.hpp"

#include <algorithm>
#include <cctype>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "sql.hpp"

namespace ph::persistence {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

// The first identifier of `clause` that is not a keyword, without its "table." prefix.
std::string first_column(std::string_view clause, bool skip_id) {
  static const std::vector<std::string> keywords = {"NOT", "NULL", "IS", "AND", "OR", "IN", "LIKE",
                                                    "BETWEEN", "ASC", "DESC", "COLLATE", "ID"};
  std::size_t i = 0;
  while (i < clause.size()) {
    if (!ident_char(clause[i]) || std::isdigit(static_cast<unsigned char>(clause[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < clause.size() && ident_char(clause[j])) ++j;
    std::string word(clause.substr(i, j - i));
    if (const auto dot = word.rfind('.'); dot != std::string::npos) word = word.substr(dot + 1);
    const std::string key = upper(word);
    const bool keyword = std::find(keywords.begin(), keywords.end(), key) != keywords.end();
    if (!word.empty() && (!keyword || (key == "ID" && !skip_id))) return word;
    i = j;
  }
  return {};
}

std::string_view clause_after(std::string_view sql, const std::string& upper_sql, const char* keyword) {
  const auto at = upper_sql.find(keyword);
  if (at == std::string::npos) return {};
  std::size_t end = sql.size();
  for (const char* stop : {" ORDER BY ", " GROUP BY ", " LIMIT ", ")"}) {
    const auto s = upper_sql.find(stop, at + 1);
    if (s != std::string::npos && s < end && std::string_view(stop) != keyword) end = s;
  }
  const std::size_t from = at + std::string_view(keyword).size();
  return from < end ? sql.substr(from, end - from) : std::string_view{};
}

}  // namespace

std::vector<PlanRow> explain_query_plan(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + sql);
  std::vector<PlanRow> rows;
  while (q.executeStep()) rows.push_back({q.getColumn(0).getInt(), q.getColumn(1).getInt(), q.getColumn(3).getString()});
  return rows;
}

std::optional<std::string> full_scan_table(std::string_view detail) {
  if (!detail.starts_with("SCAN ")) return std::nullopt;
  if (detail.find("USING INDEX") != std::string_view::npos ||
      detail.find("USING COVERING INDEX") != std::string_view::npos ||
      detail.find("USING PRIMARY KEY") != std::string_view::npos)
    return std::nullopt;
  const std::string_view rest = detail.substr(5);
  if (rest.starts_with("(") || rest.starts_with("CONSTANT ROW")) return std::nullopt;
  const auto end = rest.find(' ');
  return std::string(rest.substr(0, end));
}

std::string index_column_for(std::string_view sql) {
  const std::string u = upper(sql);
  if (auto where = clause_after(sql, u, " WHERE "); !where.empty()) {
    if (auto column = first_column(where, false); !column.empty()) return column;
  }
  const auto order = u.find(" ORDER BY ");
  if (order == std::string::npos) return {};
  std::string_view tail = sql.substr(order + 10);
  const auto limit = upper(tail).find(" LIMIT ");
  if (limit != std::string::npos) tail = tail.substr(0, limit);
  // The rowid order (id) is free; an index is only worth it for another column.
  while (!tail.empty()) {
    const auto comma = tail.find(',');
    const std::string column = first_column(tail.substr(0, comma), true);
    if (!column.empty()) return column;
    if (comma == std::string_view::npos) break;
    tail = tail.substr(comma + 1);
  }
  return {};
}

std::optional<std::int64_t> count_rows(SQLite::Database& db, std::string_view table) {
  const char* sql = nullptr;
  if (table == "runs") sql = sql::kCountRuns;
  if (table == "backtest_results") sql = sql::kCountResults;
  if (table == "trades") sql = sql::kCountTrades;
  if (!sql) return std::nullopt;
  SQLite::Statement q(db, sql);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace ph::persistence
