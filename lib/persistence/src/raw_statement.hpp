#pragma once
// A prepared statement used through SQLite's C API, for the read paths that go row by row over
// thousands of rows: SQLiteCpp's getColumn() copies a shared_ptr (two atomic operations) per
// column, a tenth of a 10,000-row list. Errors are thrown as SQLite::Exception, as SQLiteCpp
// does, so guarded() turns them into the same messages.
#include <cstdint>
#include <string_view>

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include "row_reader.hpp"

namespace ph::persistence {

class RawStatement {
 public:
  RawStatement(sqlite3* db, const char* sql) : db_(db) {
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
    if (rc != SQLITE_OK) throw SQLite::Exception(db, rc);
  }
  ~RawStatement() { sqlite3_finalize(statement_); }
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;

  /// Clears bindings and the previous step, so no read snapshot stays open.
  void reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  void bind(int index, std::string_view text) {
    check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
  }
  void bind(int index, std::int64_t value) { check(sqlite3_bind_int64(statement_, index, value)); }
  /// True with a row to read, false when done.
  bool step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    check(rc);
    return false;
  }
  RowReader row() const { return RowReader(statement_); }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
  }
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace ph::persistence
