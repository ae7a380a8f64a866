// Opening a results database: connection settings, ownership and version checks, migration.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "connection.hpp"
#include "database_file.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/persistence/database.hpp"
#include "perfharness/strategies/strategy.hpp"
#include "schema.hpp"
#include "sql.hpp"

namespace ph::persistence {

void validate_for_storage(const BacktestResult& r) {
  if (r.symbol.empty()) throw InputError("a backtest result has an empty symbol; give every result a symbol");
  if (r.symbol.size() > kMaxSymbolLength)
    throw InputError("symbol '" + r.symbol + "' is " + std::to_string(r.symbol.size()) +
                     " characters long; the results database stores symbols of at most " +
                     std::to_string(kMaxSymbolLength) + " characters: use a shorter symbol");
  if (r.strategy.empty())
    throw InputError("the backtest result of '" + r.symbol + "' has no strategy name; set its strategy");
  const StrategyInfo* info = find_strategy(r.strategy);
  if (!info)
    throw InputError("strategy '" + r.strategy + "' of the result of '" + r.symbol +
                     "' is not a known strategy; see `perfharness list strategies`");
  if (r.parameters.values().size() != info->params.size())
    throw InputError("the result of '" + r.symbol + "' has " + std::to_string(r.parameters.values().size()) +
                     " parameter values but strategy '" + r.strategy + "' has " +
                     std::to_string(info->params.size()) + " parameters; resolve them with resolve_parameters");
}

// A Database is used from one thread at a time (database.hpp), so SQLite's per-call mutex
// only costs: two lock/unlock pairs per column read, a tenth of a bulk query's time.
constexpr int kNoMutex = SQLITE_OPEN_NOMUTEX;

// Switching a new file to WAL answers SQLITE_BUSY at once, without the busy handler, while
// another process opening the same new file holds a lock (about 1 in 20 four-process races on
// a fresh file): retry it for the busy timeout, as the handler would.
void use_wal(SQLite::Database& db, int busy_timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (auto pause = std::chrono::milliseconds(1);; pause = std::min(pause * 2, std::chrono::milliseconds(50))) {
    const int rc = sqlite3_exec(db.getHandle(), "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() + pause > deadline)
      throw SQLite::Exception(db.getHandle(), rc);
    std::this_thread::sleep_for(pause);
  }
}

Database::Database(const std::filesystem::path& file, const DatabaseOptions& options) : path_(file) {
  const bool in_memory = file == ":memory:";
  const bool create = options.create && !options.read_only;
  if (!create && !in_memory && !std::filesystem::exists(file))
    throw InputError(file.string() + " does not exist; give --db a database that `perfharness run --db FILE` wrote");
  if (!in_memory) check_database_location(file, create);
  if (options.read_only) {
    guarded(path_, options.busy_timeout_ms, "opening it to read", [&] {
      if (!in_memory && on_read_only_file_system(file))
        impl_ = std::make_unique<Impl>(immutable_uri(file), SQLite::OPEN_READONLY | SQLite::OPEN_URI | kNoMutex,
                                       options.busy_timeout_ms);
      else
        impl_ = std::make_unique<Impl>(file, SQLite::OPEN_READONLY | kNoMutex, options.busy_timeout_ms);
      check_readable(impl_->db, path_);
    });
    return;
  }
  const int flags = SQLite::OPEN_READWRITE | (create ? SQLite::OPEN_CREATE : 0) | kNoMutex;
  guarded(path_, options.busy_timeout_ms, "opening it", [&] {
    impl_ = std::make_unique<Impl>(file, flags, options.busy_timeout_ms);
    SQLite::Database& db = impl_->db;
    db.exec("PRAGMA foreign_keys = ON");
    // WAL lets readers work while one process writes; NORMAL sync keeps every committed
    // transaction intact when a process dies (only a power cut may lose the latest ones).
    use_wal(db, options.busy_timeout_ms);
    db.exec("PRAGMA synchronous = NORMAL");
    migrate(db, path_);
  });
}

Database::~Database() = default;

int Database::schema_version() const {
  return guarded(path_, impl_->busy_timeout_ms, "reading its schema version",
                 [&] { return read_schema_version(impl_->db); });
}

SQLite::Database& Database::connection() noexcept { return impl_->db; }

bool Database::is_bulk_query(std::string_view sql) noexcept {
  for (const char* bulk : {sql::kSelectByStrategy, sql::kSelectBySymbol, sql::kSelectBySymbolAndStrategy})
    if (sql == bulk) return true;
  return sql.starts_with("SELECT " PH_RESULT_COLUMNS " FROM backtest_results ORDER BY") ||
         sql.starts_with("SELECT " PH_RESULT_COLUMNS " FROM backtest_results WHERE strategy = ? ORDER BY");
}

}  // namespace ph::persistence
