#include "perfharness/persistence/db_profiler.hpp"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <map>
#include <unordered_map>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include "perfharness/common/errors.hpp"
#include "perfharness/persistence/database.hpp"

namespace ph::persistence {

struct DbProfiler::State {
  DbProfilerOptions options;
  std::int64_t slow_ns = 0;
  std::unordered_map<std::string, StatementStats> stats;
  std::unordered_map<sqlite3_stmt*, std::chrono::steady_clock::time_point> started;
  std::int64_t slow_count = 0;
  std::vector<SlowQuery> slow;
  bool overflowed = false;  // memory ran out inside the callback: figures are incomplete
};

namespace {

constexpr std::size_t kMaxExpandedChars = 2000;

// SQLITE_TRACE_STMT: a statement starts running (x: its text; "--..." for a trigger's subprogram).
void on_start(DbProfiler::State& state, sqlite3_stmt* stmt, const char* text) {
  if (text && text[0] == '-' && text[1] == '-') return;
  state.started[stmt] = std::chrono::steady_clock::now();
}

// SQLITE_TRACE_PROFILE: a statement finished (ran to its end, was reset or finalized);
// ns is SQLite's own measure of its run time.
void on_finish(DbProfiler::State& state, sqlite3_stmt* stmt, std::int64_t ns) {
  const auto now = std::chrono::steady_clock::now();
  const char* text = sqlite3_sql(stmt);
  if (!text) return;
  StatementStats& s = state.stats[text];
  if (s.count == 0) s.sql = text;
  ++s.count;
  s.total_ns += ns;
  s.max_ns = std::max(s.max_ns, ns);
  if (const auto it = state.started.find(stmt); it != state.started.end()) {
    const std::int64_t clock_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now - it->second).count();
    s.clock_total_ns += clock_ns;
    s.clock_max_ns = std::max(s.clock_max_ns, clock_ns);
    state.started.erase(it);
  }
  if (ns >= state.slow_ns) {
    ++s.slow_count;
    ++state.slow_count;
    if (state.slow.size() < state.options.max_slow_samples) {
      char* expanded = sqlite3_expanded_sql(stmt);
      std::string e = expanded ? expanded : text;
      sqlite3_free(expanded);
      if (e.size() > kMaxExpandedChars) e = e.substr(0, kMaxExpandedChars) + "...";
      state.slow.push_back({text, std::move(e), ns});
    }
  }
}

// Must not throw into SQLite's C code.
int on_trace(unsigned type, void* context, void* p, void* x) noexcept {
  auto* state = static_cast<DbProfiler::State*>(context);
  auto* stmt = static_cast<sqlite3_stmt*>(p);
  try {
    if (type == SQLITE_TRACE_STMT) on_start(*state, stmt, static_cast<const char*>(x));
    if (type == SQLITE_TRACE_PROFILE) on_finish(*state, stmt, *static_cast<const sqlite3_int64*>(x));
  } catch (...) {
    state->overflowed = true;
  }
  return 0;
}

bool explainable(const std::string& sql) {
  std::string head;
  for (char c : sql.substr(0, 8)) head += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* verb : {"SELECT ", "INSERT ", "UPDATE ", "DELETE ", "WITH "})
    if (head.starts_with(verb)) return true;
  return false;
}

std::string opportunity_message(const ScanOpportunity& o) {
  std::string m = "`" + o.sql + "` reads all " + std::to_string(o.table_rows) + " rows of table " + o.table;
  if (o.column.empty()) return m + "; fetch fewer rows (filter or LIMIT) to avoid the full scan";
  return m + "; an index on " + o.table + "(" + o.column + ") would let it search instead";
}

}  // namespace

DbProfiler::DbProfiler(Database& db, const DbProfilerOptions& options) : db_(db), state_(std::make_unique<State>()) {
  if (!(options.slow_query_ms >= 0)) throw InputError("the slow-query threshold must be >= 0 ms");
  state_->options = options;
  state_->slow_ns = static_cast<std::int64_t>(options.slow_query_ms * 1e6);
  const int rc = sqlite3_trace_v2(db_.connection().getHandle(), SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, &on_trace, state_.get());
  if (rc != SQLITE_OK)
    throw RuntimeFailure(db_.path().string() + ": cannot trace statements (" + sqlite3_errstr(rc) + ")");
  tracing_ = true;
}

DbProfiler::~DbProfiler() { stop(); }

void DbProfiler::stop() noexcept {
  if (!tracing_) return;
  sqlite3_trace_v2(db_.connection().getHandle(), 0, nullptr, nullptr);
  tracing_ = false;
}

DbProfile DbProfiler::finish() {
  stop();
  if (state_->overflowed) throw RuntimeFailure("the database profiler ran out of memory; its figures are incomplete");
  DbProfile out;
  out.slow_query_count = state_->slow_count;
  out.slow_queries = std::move(state_->slow);
  for (auto& [text, s] : state_->stats) out.statements.push_back(std::move(s));
  std::sort(out.statements.begin(), out.statements.end(), [](const StatementStats& a, const StatementStats& b) {
    return a.total_ns != b.total_ns ? a.total_ns > b.total_ns : a.sql < b.sql;
  });

  SQLite::Database& db = db_.connection();
  std::map<std::string, std::int64_t> table_rows;  // counted once per table
  for (const StatementStats& s : out.statements) {
    QueryPlan plan;
    plan.sql = s.sql;
    plan.slow = s.slow_count > 0;
    plan.bulk = Database::is_bulk_query(s.sql);
    if (!(plan.slow || plan.bulk) || !explainable(s.sql)) continue;
    try {
      plan.rows = explain_query_plan(db, s.sql);
    } catch (const SQLite::Exception& e) {
      plan.error = e.what();
    }
    for (const PlanRow& row : plan.rows) {
      const auto table = full_scan_table(row.detail);
      if (!table) continue;
      auto counted = table_rows.find(*table);
      if (counted == table_rows.end()) {
        std::optional<std::int64_t> n;
        try {
          n = count_rows(db, *table);
        } catch (const SQLite::Exception& e) {
          throw RuntimeFailure(db_.path().string() + ": counting the rows of " + *table + " failed (" + e.what() + ")");
        }
        if (!n) continue;  // not one of our tables
        counted = table_rows.emplace(*table, *n).first;
      }
      if (counted->second <= state_->options.full_scan_rows) continue;
      ScanOpportunity o;
      o.sql = s.sql;
      o.table = *table;
      o.table_rows = counted->second;
      o.column = index_column_for(s.sql);
      o.message = opportunity_message(o);
      out.opportunities.push_back(std::move(o));
    }
    out.plans.push_back(std::move(plan));
  }
  return out;
}

}  // namespace ph::persistence
