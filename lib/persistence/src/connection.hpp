#pragma once
// What Database holds, and the helpers its operations share: a cache of prepared
// statements, transactions that nest, and SQLite errors turned into messages a user can act on.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include "perfharness/persistence/database.hpp"
#include "raw_statement.hpp"

namespace ph::persistence {

struct Database::Impl {
  Impl(const std::filesystem::path& file, int flags, int busy_timeout_ms);

  /// One use of a cached prepared statement: no bindings on entry, reset on exit, so no
  /// statement holds a read snapshot open and the profiler sees each one finish.
  class Use {
   public:
    explicit Use(SQLite::Statement& q) : q(q) {}
    ~Use() { q.tryReset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    SQLite::Statement& q;
  };
  /// `sql` must be one of the constants in sql.hpp (or another text that lives as long).
  Use use(const char* sql);

  /// The same for the row-by-row read paths (raw_statement.hpp), reset on exit.
  class RawUse {
   public:
    explicit RawUse(RawStatement& q) : q(q) {}
    ~RawUse() { q.reset(); }
    RawUse(const RawUse&) = delete;
    RawUse& operator=(const RawUse&) = delete;
    RawStatement& q;
  };
  RawUse use_raw(const char* sql);

  SQLite::Database db;
  int busy_timeout_ms;

 private:
  // Keyed by the constant's address: every text in sql.hpp is prepared once per connection.
  std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
  std::unordered_map<const char*, std::unique_ptr<RawStatement>> raw_statements_;
};

/// Throws the RuntimeFailure a user sees for SQLite error `e` met while `action` (e.g. "saving a
/// backtest result") on `file`: locked, not a database, corrupt, full, read-only, or other.
[[noreturn]] void throw_database_error(const std::filesystem::path& file, int busy_timeout_ms,
                                       std::string_view action, const SQLite::Exception& e);

/// A write (BEGIN IMMEDIATE) or read (BEGIN DEFERRED) transaction, or a savepoint when the
/// caller already has one open; rolled back unless commit() is called.
class ScopedTransaction {
 public:
  enum class Mode { Read, Write };
  ScopedTransaction(SQLite::Database& db, Mode mode);
  ~ScopedTransaction();
  ScopedTransaction(const ScopedTransaction&) = delete;
  ScopedTransaction& operator=(const ScopedTransaction&) = delete;
  void commit();

 private:
  SQLite::Database& db_;
  bool nested_;
  bool done_ = false;
};

/// Runs `body`, turning SQLite errors into the RuntimeFailure throw_database_error describes.
template <typename Body>
auto guarded(const std::filesystem::path& file, int busy_timeout_ms, std::string_view action, Body&& body) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    throw_database_error(file, busy_timeout_ms, action, e);
  }
}

}  // namespace ph::persistence
