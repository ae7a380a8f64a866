#pragma once
// Reads the columns of the current row left to right straight from SQLite. SQLiteCpp's
// getColumn() copies a shared_ptr (two atomic operations) per column; on a 10,000-row list
// of 28 columns that was a tenth of the query.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace ph::persistence {

class RowReader {
 public:
  explicit RowReader(sqlite3_stmt* statement) : statement_(statement) {}

  bool null() const { return sqlite3_column_type(statement_, column_) == SQLITE_NULL; }
  /// The current column's name, for messages.
  const char* name() const { return sqlite3_column_name(statement_, column_); }

  std::int64_t int64() { return sqlite3_column_int64(statement_, column_++); }
  int integer() { return sqlite3_column_int(statement_, column_++); }
  double real() { return sqlite3_column_double(statement_, column_++); }
  /// SQLite stores NaN as NULL; reading NULL back as NaN keeps such a metric what it was.
  double real_or_nan() {
    if (null()) {
      ++column_;
      return std::numeric_limits<double>::quiet_NaN();
    }
    return real();
  }
  /// Valid until the statement steps or resets.
  std::string_view text() {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column_));
    const int bytes = sqlite3_column_bytes(statement_, column_++);  // after _text, as SQLite asks
    return data ? std::string_view(data, static_cast<std::size_t>(bytes)) : std::string_view();
  }
  void skip() { ++column_; }

 private:
  sqlite3_stmt* statement_;
  int column_ = 0;
};

}  // namespace ph::persistence
