#pragma once
// CSV records as RFC 4180 reads them: a cell in double quotes may hold commas, line breaks and
// `""` for one quote. Spreadsheet exports quote cells this way ("1,234.5", "Adj Close").
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ph::csv {

/// A malformed quoted cell: where it is and what to do about it.
struct SyntaxError {
  std::size_t line = 0, column = 0;
  std::string what;
};

class Records {
 public:
  explicit Records(std::string_view text) : text_(text) {}

  /// The next record's cells, trimmed of spaces and tabs around them (inside quotes kept).
  /// Blank lines are skipped. False at the end of the text; throws SyntaxError.
  bool next(std::vector<std::string>& cells);

  /// The line the last record started on (1-based).
  std::size_t line() const { return record_line_; }

 private:
  void read_quoted(std::string& cell, std::size_t column);
  void read_plain(std::string& cell);

  std::string_view text_;
  std::size_t pos_ = 0, line_ = 1, record_line_ = 0;
};

}  // namespace ph::csv
