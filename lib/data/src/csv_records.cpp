#include "csv_records.hpp"

namespace ph::csv {
namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

bool Records::next(std::vector<std::string>& cells) {
  while (pos_ < text_.size()) {
    cells.clear();
    record_line_ = line_;
    bool quoted_any = false;
    while (true) {
      cells.emplace_back();
      std::string& cell = cells.back();
      while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        quoted_any = true;
        read_quoted(cell, cells.size());
      } else {
        read_plain(cell);
      }
      if (pos_ >= text_.size()) break;
      const char end = text_[pos_++];
      if (end == '\n') {
        ++line_;
        break;
      }
      // end == ','
    }
    if (quoted_any || cells.size() > 1 || !cells.front().empty()) return true;
  }
  return false;
}

void Records::read_quoted(std::string& cell, std::size_t column) {
  const std::size_t open_line = line_;
  ++pos_;
  while (true) {
    const std::size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos)
      throw SyntaxError{open_line, column,
                        "a quoted cell is never closed; end it with \" (write \"\" for a quote inside a cell)"};
    for (std::size_t i = pos_; i < quote; ++i) line_ += text_[i] == '\n';
    cell.append(text_.substr(pos_, quote - pos_));
    pos_ = quote + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      cell += '"';
      ++pos_;
      continue;
    }
    break;
  }
  while (pos_ < text_.size() && blank(text_[pos_])) ++pos_;
  if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n')
    throw SyntaxError{line_, column,
                      "text follows the closing quote of a quoted cell; quote the whole cell and write \"\" for a "
                      "quote inside it"};
}

void Records::read_plain(std::string& cell) {
  std::size_t end = pos_;
  while (end < text_.size() && text_[end] != ',' && text_[end] != '\n') ++end;
  std::size_t last = end;
  while (last > pos_ && blank(text_[last - 1])) --last;
  cell.assign(text_.substr(pos_, last - pos_));
  pos_ = end;
}

}  // namespace ph::csv
