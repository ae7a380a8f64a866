#include "connection.hpp"
#include "database_file.hpp"

#include <sqlite3.h>

#include "perfharness/common/errors.hpp"

namespace ph::persistence {

Database::Impl::Impl(const std::filesystem::path& file, int flags, int busy_timeout)
    : db(file, flags, busy_timeout), busy_timeout_ms(busy_timeout) {}

Database::Impl::Use Database::Impl::use(const char* sql) {
  auto& slot = statements_[sql];
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(db, sql);
  } else {
    slot->tryReset();
    slot->clearBindings();
  }
  return Use(*slot);
}

Database::Impl::RawUse Database::Impl::use_raw(const char* sql) {
  auto& slot = raw_statements_[sql];
  if (!slot) slot = std::make_unique<RawStatement>(db.getHandle(), sql);
  return RawUse(*slot);
}

void throw_database_error(const std::filesystem::path& file, int busy_timeout_ms, std::string_view action,
                          const SQLite::Exception& e) {
  const std::string name = file.string();
  const std::string what = e.what();
  const std::string during = " while " + std::string(action);
  switch (e.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw RuntimeFailure(name + " is locked by another process (" + what + ") after waiting " +
                           std::to_string(busy_timeout_ms) + " ms" + during +
                           "; retry when the other perfharness run has finished, or raise --busy-timeout");
    case SQLITE_NOTADB:
      throw RuntimeFailure(name + " is not a perfharness database (" + what +
                           "): give --db a perfharness database or a new file name");
    case SQLITE_CORRUPT:
      throw RuntimeFailure(name + " is corrupt (" + what + ")" + during +
                           "; restore it from a backup or start a new database");
    case SQLITE_FULL:
      throw RuntimeFailure(name + ": the disk is full (" + what + ")" + during + "; free some space and retry");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      if (on_read_only_file_system(file))
        throw RuntimeFailure(name + " is on a read-only file system (" + what + ")" + during +
                             "; give --db a file on a writable disk (`perfharness history` can read it there)");
      throw RuntimeFailure(name + " cannot be opened for writing (" + what + ")" + during +
                           "; check the file's and its directory's permissions");
    default:
      throw RuntimeFailure(name + ": database error" + during + " (" + what + ")");
  }
}

ScopedTransaction::ScopedTransaction(SQLite::Database& db, Mode mode)
    : db_(db), nested_(sqlite3_get_autocommit(db.getHandle()) == 0) {
  if (nested_)
    db_.exec("SAVEPOINT ph_scope");
  else
    // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
    // writes could meet another writer's newer snapshot and fail without waiting.
    db_.exec(mode == Mode::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

ScopedTransaction::~ScopedTransaction() {
  if (done_) return;
  try {
    if (nested_)
      db_.exec("ROLLBACK TO ph_scope; RELEASE ph_scope");
    else if (sqlite3_get_autocommit(db_.getHandle()) == 0)
      db_.exec("ROLLBACK");
  } catch (const SQLite::Exception&) {
    // Already unwinding from the failure that matters; SQLite rolls back on close anyway.
  }
}

void ScopedTransaction::commit() {
  db_.exec(nested_ ? "RELEASE ph_scope" : "COMMIT");
  done_ = true;
}

}  // namespace ph::persistence
