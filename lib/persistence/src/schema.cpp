#include "schema.hpp"

#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include "perfharness/common/errors.hpp"
#include "perfharness/persistence/database.hpp"

namespace ph::persistence {
namespace {

// "PHDB": marks a file as ours, so a foreign SQLite file is refused rather than altered.
constexpr int kApplicationId = 0x50484442;

struct Migration {
  int to_version;
  std::vector<const char*> statements;
};

// Append-only: a released step is never edited, a change is a new step.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> steps = {
      {1,
       {"CREATE TABLE runs ("
        " id INTEGER PRIMARY KEY,"
        " scenario_name TEXT NOT NULL,"
        " scenario_hash TEXT NOT NULL,"
        " tool_version TEXT NOT NULL,"
        " started_at TEXT NOT NULL,"
        " finished_at TEXT,"
        " verdict TEXT,"
        " figures TEXT,"
        " report TEXT)",
        // history --scenario NAME --last N
        "CREATE INDEX runs_by_scenario ON runs (scenario_name)",
        "CREATE TABLE backtest_results ("
        " id INTEGER PRIMARY KEY,"
        " run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,"
        " symbol TEXT NOT NULL CHECK (length(symbol) BETWEEN 1 AND 32),"
        " strategy TEXT NOT NULL,"
        " parameters TEXT NOT NULL,"
        " start_date TEXT NOT NULL,"
        " end_date TEXT NOT NULL,"
        " bars INTEGER NOT NULL,"
        " total_return REAL, annual_return REAL, sharpe_ratio REAL, sortino_ratio REAL,"
        " max_drawdown REAL, calmar_ratio REAL,"
        " total_trades INTEGER NOT NULL, winning_trades INTEGER NOT NULL, losing_trades INTEGER NOT NULL,"
        " win_rate REAL, profit_factor REAL, avg_win REAL, avg_loss REAL, best_trade REAL, worst_trade REAL,"
        " exposure REAL, final_equity REAL,"
        " trade_count INTEGER NOT NULL,"
        " execution_time_s REAL NOT NULL,"
        " created_at TEXT NOT NULL)",
        // list by strategy (and best by metric within a strategy)
        "CREATE INDEX backtest_results_by_strategy ON backtest_results (strategy)",
        // list by symbol, and by symbol and strategy
        "CREATE INDEX backtest_results_by_symbol_strategy ON backtest_results (symbol, strategy)",
        // history's per-run figures, and the foreign key check when a run is deleted
        "CREATE INDEX backtest_results_by_run ON backtest_results (run_id)",
        // The primary key is the index fetch-by-id and the cascade need.
        "CREATE TABLE trades ("
        " backtest_id INTEGER NOT NULL REFERENCES backtest_results (id) ON DELETE CASCADE,"
        " number INTEGER NOT NULL,"
        " entry_date TEXT NOT NULL,"
        " exit_date TEXT NOT NULL,"
        " entry_price REAL NOT NULL,"
        " exit_price REAL NOT NULL,"
        " size REAL NOT NULL,"
        " pnl REAL NOT NULL,"
        " \"return\" REAL NOT NULL,"
        " PRIMARY KEY (backtest_id, number)) WITHOUT ROWID"}},
  };
  return steps;
}

int pragma_int(SQLite::Database& db, const char* sql) {
  SQLite::Statement q(db, sql);
  q.executeStep();
  return q.getColumn(0).getInt();
}

std::string too_new(const std::filesystem::path& file, int version) {
  return file.string() + " has schema version " + std::to_string(version) + " but this perfharness knows versions up to " +
         std::to_string(kSchemaVersion) + "; upgrade perfharness to use this database";
}

void check_application(SQLite::Database& db, const std::filesystem::path& file) {
  const int app = pragma_int(db, "PRAGMA application_id");
  if (app != 0 && app != kApplicationId)
    throw RuntimeFailure(file.string() + " is not a perfharness database (it belongs to another application, id " +
                         std::to_string(app) + "); give --db a perfharness database or a new file name");
}

void check_fresh(SQLite::Database& db, const std::filesystem::path& file, int version) {
  if (version == 0 && pragma_int(db, "SELECT COUNT(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'") > 0)
    throw RuntimeFailure(file.string() + " is not a perfharness database (it holds other tables and no perfharness "
                         "schema); give --db a perfharness database or a new file name");
}

}  // namespace

void check_readable(SQLite::Database& db, const std::filesystem::path& file) {
  check_application(db, file);
  const int version = read_schema_version(db);
  if (version > kSchemaVersion) throw RuntimeFailure(too_new(file, version));
  check_fresh(db, file, version);  // another application's tables
  if (version == 0)
    throw RuntimeFailure(file.string() + " holds no perfharness results (no perfharness schema); give --db a "
                         "database that `perfharness run --db FILE` wrote");
  if (version < kSchemaVersion)
    throw RuntimeFailure(file.string() + " has schema version " + std::to_string(version) +
                         ", older than this perfharness's " + std::to_string(kSchemaVersion) +
                         ", and is opened read-only; run `perfharness run --db` on it once where it is writable "
                         "to upgrade it");
}

int read_schema_version(SQLite::Database& db) { return pragma_int(db, "PRAGMA user_version"); }

void migrate(SQLite::Database& db, const std::filesystem::path& file) {
  check_application(db, file);
  int version = read_schema_version(db);
  if (version > kSchemaVersion) throw RuntimeFailure(too_new(file, version));
  if (version == kSchemaVersion) return;
  // IMMEDIATE takes the write lock first, so of several processes opening a new file at once
  // exactly one migrates; the others wait, then find the work done.
  db.exec("BEGIN IMMEDIATE");
  try {
    version = read_schema_version(db);
    if (version > kSchemaVersion) throw RuntimeFailure(too_new(file, version));
    check_fresh(db, file, version);
    for (const Migration& step : migrations()) {
      if (step.to_version <= version) continue;
      for (const char* statement : step.statements) db.exec(statement);
      // PRAGMA takes no bound parameters; the number comes from the table above.
      db.exec("PRAGMA user_version = " + std::to_string(step.to_version));
      version = step.to_version;
    }
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("COMMIT");
  } catch (...) {
    if (sqlite3_get_autocommit(db.getHandle()) == 0) {
      try {
        db.exec("ROLLBACK");
      } catch (const SQLite::Exception&) {
        // The original failure is what the user needs to see.
      }
    }
    throw;
  }
}

}  // namespace ph::persistence
