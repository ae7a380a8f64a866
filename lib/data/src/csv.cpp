#include "perfharness/data/csv.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <vector>

#include "perfharness/common/errors.hpp"
#include "perfharness/common/printable.hpp"
#include "perfharness/hooks/zone.hpp"

#include "csv_records.hpp"

namespace ph {
namespace {

enum Column { kDate, kOpen, kHigh, kLow, kClose, kAdjClose, kVolume, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kNames = {"Date", "Open", "High", "Low",
                                                               "Close", "Adj Close", "Volume"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// File names and cells are user text: escaped, so that a stray ESC or CR cannot rewrite the
// terminal or split the one-line message. Paths get more room than cells: they identify the file.
constexpr std::size_t kMaxPathText = 300;
constexpr std::size_t kMaxCellText = 40;

std::string cell_text(std::string_view cell) { return "'" + printable(cell, kMaxCellText) + "'"; }

[[noreturn]] void fail(std::string_view origin, std::size_t line, std::size_t column, const std::string& what) {
  std::ostringstream msg;
  msg << printable(origin, kMaxPathText) << ':' << line;
  if (column > 0) msg << ':' << column;
  msg << ": " << what;
  throw InputError(msg.str());
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

OhlcvSeries parse_ohlcv_csv(std::string_view text, std::string_view origin, std::string symbol) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);  // UTF-8 byte-order mark, as spreadsheet exports write it
  if (text.find('\0') != std::string_view::npos)
    fail(origin, 1, 0, "file holds binary data (a NUL byte); give a text CSV with a Date,Open,High,Low,Close header");

  csv::Records records(text);
  std::vector<std::string> fields;
  std::size_t line_no = 1;
  const auto next_record = [&] {
    try {
      const bool more = records.next(fields);
      line_no = records.line();
      return more;
    } catch (const csv::SyntaxError& e) {
      fail(origin, e.line, e.column, e.what);
    }
  };

  if (!next_record()) fail(origin, 1, 0, "file is empty; expected a header Date,Open,High,Low,Close[,Adj Close][,Volume]");
  std::array<int, kColumnCount> index;
  index.fill(-1);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string name = lower(fields[i]);
    for (int c = 0; c < kColumnCount; ++c) {
      if (name == lower(kNames[c]) || (c == kAdjClose && (name == "adj_close" || name == "adjclose"))) {
        if (index[c] >= 0) fail(origin, line_no, i + 1, "column '" + std::string(kNames[c]) + "' appears twice in the header");
        index[c] = static_cast<int>(i);
      }
    }
  }
  for (int c = kDate; c <= kClose; ++c) {
    if (index[c] < 0)
      fail(origin, line_no, 0, "header lacks the required column '" + std::string(kNames[c]) +
                                   "'; the header must name Date, Open, High, Low and Close");
  }
  const std::size_t columns = fields.size();
  const std::vector<std::string> header = fields;  // `fields` is reused per row

  OhlcvSeries s;
  s.symbol = std::move(symbol);
  std::vector<double> cols[kColumnCount];
  while (next_record()) {
    if (fields.size() < columns)
      fail(origin, line_no, fields.size() + 1,
           "row has " + std::to_string(fields.size()) + " fields but the header has " + std::to_string(columns) +
               ": column " + cell_text(std::string_view(header[fields.size()])) + " is missing; give every row a value for every column");
    if (fields.size() > columns)
      fail(origin, line_no, columns + 1,
           "row has " + std::to_string(fields.size()) + " fields but the header has " + std::to_string(columns) +
               ": field " + std::to_string(columns + 1) + " has no column (a stray comma?); remove it or name it in the header");
    const std::string& date_text = fields[static_cast<std::size_t>(index[kDate])];
    const auto date = parse_iso_date(date_text);
    if (!date)
      fail(origin, line_no, static_cast<std::size_t>(index[kDate]) + 1,
           "column 'Date': " + cell_text(date_text) + " is not a date; write dates as YYYY-MM-DD");
    if (!s.dates.empty() && *date <= s.dates.back())
      fail(origin, line_no, static_cast<std::size_t>(index[kDate]) + 1,
           "column 'Date': " + printable(date_text, kMaxCellText) +
               (*date == s.dates.back() ? " repeats the previous row's date" : " comes before the previous row's date") +
               "; rows must be sorted by date, one row per date");
    s.dates.push_back(*date);
    for (int c = kOpen; c < kColumnCount; ++c) {
      if (index[c] < 0) continue;
      const std::string& cell = fields[static_cast<std::size_t>(index[c])];
      const auto v = parse_number(cell);
      const std::size_t col = static_cast<std::size_t>(index[c]) + 1;
      if (!v)
        fail(origin, line_no, col,
             "column '" + std::string(kNames[c]) + "': " + cell_text(cell) + " is not a finite number" +
                 (cell.empty()                              ? " (the cell is empty)"
                  : cell.find(',') != std::string::npos ? "; thousands separators are not read, export plain numbers"
                                                           : ""));
      if (c == kVolume ? *v < 0 : *v <= 0)
        fail(origin, line_no, col,
             "column '" + std::string(kNames[c]) + "': " + printable(cell, kMaxCellText) +
                 (c == kVolume ? " is negative; volumes must be >= 0" : " is not positive; prices must be > 0"));
      cols[c].push_back(*v);
    }
  }
  if (s.dates.empty()) fail(origin, line_no, 0, "file has a header but no rows of data");

  const auto n = static_cast<Eigen::Index>(s.dates.size());
  auto to_vec = [n](const std::vector<double>& v) { return Eigen::Map<const Eigen::VectorXd>(v.data(), n).eval(); };
  s.open = to_vec(cols[kOpen]);
  s.high = to_vec(cols[kHigh]);
  s.low = to_vec(cols[kLow]);
  s.close = to_vec(cols[kClose]);
  s.adj_close = index[kAdjClose] >= 0 ? to_vec(cols[kAdjClose]) : s.close;
  s.volume = index[kVolume] >= 0 ? to_vec(cols[kVolume]) : Eigen::VectorXd::Zero(n);
  return s;
}

OhlcvSeries read_ohlcv_csv(const std::filesystem::path& file, std::string symbol) {
  PH_ZONE("data.csv");
  const std::string name = printable(file.string(), kMaxPathText);
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status))
    throw InputError(name + ": CSV file not found; check the path (relative paths start at the scenario file's folder)");
  if (!std::filesystem::is_regular_file(status))
    throw InputError(name + ": not a regular file; point the data source at a CSV file");
  const auto bytes = std::filesystem::file_size(file, ec);
  if (!ec && bytes > kMaxCsvBytes)
    throw InputError(name + ": file is " + std::to_string(bytes >> 20) + " MiB, over the 512 MiB limit; split it or trim its date range");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(name + ": cannot be read (permission denied?); make it readable");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(name + ": read failed; check the file");
  return parse_ohlcv_csv(text, file.string(), std::move(symbol));
}

}  // namespace ph
