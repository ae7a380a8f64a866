#pragma once
// Reads the columns of the current row left to right straight from SQLite. SQLiteCpp's
// getColumn() copies a shared_ptr (two atomic operations) per column; on a 10,000-row list
// of 28 columns that was a tenth of the query. Each column is fetched once as a value and
// read with sqlite3_value_*: every sqlite3_column_* call re-enters the statement (bounds
// check, error-state exit), which for a type test plus a read was ~1 ms per 10,000 rows.
// SQLite calls such use of an unprotected value "not threadsafe"; a connection is only
// ever used from one thread here (it is opened SQLITE_OPEN_NOMUTEX).
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace ph::persistence {

class RowReader {
 public:
  explicit RowReader(sqlite3_stmt* statement) : statement_(statement) {}

  bool null() const { return sqlite3_value_type(value()) == SQLITE_NULL; }
  /// The current column's name, for messages.
  const char* name() const { return sqlite3_column_name(statement_, column_); }

  std::int64_t int64() { return sqlite3_value_int64(next()); }
  int integer() { return sqlite3_value_int(next()); }
  double real() { return sqlite3_value_double(next()); }
  /// SQLite stores NaN as NULL; reading NULL back as NaN keeps such a metric what it was.
  double real_or_nan() {
    sqlite3_value* v = next();
    return sqlite3_value_type(v) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN() : sqlite3_value_double(v);
  }
  /// Valid until the statement steps or resets.
  std::string_view text() {
    sqlite3_value* v = next();
    const auto* data = reinterpret_cast<const char*>(sqlite3_value_text(v));
    const int bytes = sqlite3_value_bytes(v);  // after _text, as SQLite asks
    return data ? std::string_view(data, static_cast<std::size_t>(bytes)) : std::string_view();
  }
  void skip() { ++column_; }

 private:
  sqlite3_value* value() const { return sqlite3_column_value(statement_, column_); }
  sqlite3_value* next() { return sqlite3_column_value(statement_, column_++); }

  sqlite3_stmt* statement_;
  int column_ = 0;
};

}  // namespace ph::persistence
