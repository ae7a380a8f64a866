#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "perfharness/common/date.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/sha256.hpp"
#include "perfharness/data/csv.hpp"
#include "perfharness/data/series_cache.hpp"
#include "perfharness/data/series_view.hpp"
#include "perfharness/data/symbol.hpp"
#include "perfharness/data/synthetic.hpp"

using namespace ph;

TEST_CASE("ISO dates parse, format and reject impossible days", "[core][date]") {
  CHECK(parse_iso_date("1970-01-01") == 0);
  CHECK(parse_iso_date("2020-03-01").value() - parse_iso_date("2020-02-28").value() == 2);  // leap year
  CHECK(parse_iso_date("2023-03-01").value() - parse_iso_date("2023-02-28").value() == 1);
  CHECK(format_iso_date(*parse_iso_date("2023-12-31")) == "2023-12-31");
  CHECK_FALSE(parse_iso_date("2023-02-29"));
  CHECK_FALSE(parse_iso_date("2023-13-01"));
  CHECK_FALSE(parse_iso_date("2023-1-01"));
  CHECK_FALSE(parse_iso_date("20230101"));
  CHECK_FALSE(parse_iso_date("2023-01-0x"));
  for (Date d = -719000; d < 2900000; d += 997) CHECK(parse_iso_date(format_iso_date(d)) == d);  // years 0001..9900
}

TEST_CASE("synthetic data is deterministic, per-symbol and prefix-stable", "[core][synthetic]") {
  SyntheticSpec spec;
  const OhlcvSeries a = generate_synthetic("AAPL", spec);
  const OhlcvSeries b = generate_synthetic("AAPL", spec);
  const OhlcvSeries c = generate_synthetic("MSFT", spec);
  REQUIRE(a.size() == 1461);  // 2020-01-01..2023-12-31, calendar days
  CHECK(a.close == b.close);
  CHECK(a.volume == b.volume);
  CHECK(a.close != c.close);
  SyntheticSpec longer = spec;
  longer.last_date += 1000;
  const OhlcvSeries d = generate_synthetic("AAPL", longer);
  CHECK(d.close.head(a.size()) == a.close);
  SyntheticSpec reseeded = spec;
  reseeded.seed = 7;
  CHECK(generate_synthetic("AAPL", reseeded).close != a.close);
  // The seed's shape: high >= close >= low, open within 0.5% of close, integral volumes.
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    CHECK(a.high[i] > a.close[i]);
    CHECK(a.low[i] < a.close[i]);
    CHECK(std::fabs(a.open[i] / a.close[i] - 1) <= 0.005 + 1e-12);
    CHECK(a.volume[i] == std::floor(a.volume[i]));
  }
}

TEST_CASE("synthetic data is bit-identical to what it was when this test was written", "[core][synthetic]") {
  // "Every run and machine": the digest of every column's bytes, pinned. A change of libm, of the
  // generator or of the compiler's floating-point contraction that moves one last bit fails here.
  const OhlcvSeries a = generate_synthetic("AAPL", SyntheticSpec{});
  std::string bytes;
  for (const auto* column : {&a.open, &a.high, &a.low, &a.close, &a.adj_close, &a.volume})
    bytes.append(reinterpret_cast<const char*>(column->data()), static_cast<std::size_t>(column->size()) * sizeof(double));
  for (const auto d : a.dates) bytes.append(reinterpret_cast<const char*>(&d), sizeof d);
  CHECK(ph::sha256_hex(bytes) == "b95ea307608c1c77c98ae0aa3a7eb03c9dcac2acfef22bf2e9e63d93810880f8");
}

TEST_CASE("synthetic returns follow N(drift, volatility)", "[core][synthetic]") {
  SyntheticSpec spec;
  spec.last_date = spec.first_date + 199999;
  spec.drift = 0.0002;  // keeps 200k compounded bars finite
  const OhlcvSeries s = generate_synthetic("STATS", spec);
  double sum = 0, sum_sq = 0;
  const Eigen::Index n = s.size() - 1;
  for (Eigen::Index i = 1; i < s.size(); ++i) {
    const double r = s.close[i] / s.close[i - 1] - 1;
    sum += r;
    sum_sq += r * r;
  }
  const double mean = sum / n, sd = std::sqrt(sum_sq / n - mean * mean);
  CHECK(mean == Approx(0.0002).margin(0.0002));  // 4.5 standard errors
  CHECK(sd == Approx(0.02).epsilon(0.01));
}

TEST_CASE("a view slices an inclusive date range without copying", "[core][data]") {
  SyntheticSpec spec;
  const OhlcvSeries s = generate_synthetic("X", spec);
  const SeriesView v = view_of(s, *parse_iso_date("2022-01-01"), *parse_iso_date("2023-12-31"));
  CHECK(v.size == 730);
  CHECK(v.dates[0] == *parse_iso_date("2022-01-01"));
  CHECK(v.close == s.close.data() + (*parse_iso_date("2022-01-01") - spec.first_date));
  CHECK(view_of(s, *parse_iso_date("2030-01-01"), *parse_iso_date("2031-01-01")).size == 0);
  CHECK(view_of(s, *parse_iso_date("2023-01-02"), *parse_iso_date("2023-01-01")).size == 0);
  CHECK(s.slice(*parse_iso_date("2023-06-01"), *parse_iso_date("2023-12-31")).size() == 214);
}

TEST_CASE("the series cache loads each symbol once", "[core][data]") {
  int loads = 0;
  SeriesCache cache([&](const std::string& sym) {
    ++loads;
    return generate_synthetic(sym, SyntheticSpec{});
  });
  auto a = cache.get("A");
  auto b = cache.get("A");
  cache.get("B");
  CHECK(a == b);
  CHECK(loads == 2);
}

namespace {
std::string csv_error(const std::string& text) {
  try {
    parse_ohlcv_csv(text, "prices.csv", "SYM");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("CSV reading is header-driven", "[core][csv]") {
  const std::string text =
      "\xEF\xBB\xBF"
      "volume,CLOSE,date,Open,High,Low\r\n"
      "1000,10.5,2024-01-02,10,11,9.5\r\n"
      "\r\n"
      "2000,11,2024-01-03,10.5,11.5,10\r\n";
  const OhlcvSeries s = parse_ohlcv_csv(text, "prices.csv", "SYM");
  REQUIRE(s.size() == 2);
  CHECK(s.dates[1] == *parse_iso_date("2024-01-03"));
  CHECK(s.close[0] == 10.5);
  CHECK(s.adj_close[1] == 11);  // no Adj Close: the close stands in
  CHECK(s.volume[1] == 2000);
  const OhlcvSeries no_volume = parse_ohlcv_csv("Date,Open,High,Low,Close,Adj Close\n2024-01-02,1,2,0.5,1.5,1.4\n", "p.csv", "S");
  CHECK(no_volume.volume[0] == 0);
  CHECK(no_volume.adj_close[0] == 1.4);
}

TEST_CASE("CSV quoted cells follow RFC 4180: commas, doubled quotes and line breaks inside", "[core][csv]") {
  const std::string text =
      "\"Date\",\"Open\",High,Low,\"Close\",\"Adj Close\",Volume\r\n"
      "\"2024-01-02\",\"10\" , 11,9.5,\"10.5\",\"10.4\",\"1000\"\r\n"
      "2024-01-03, 10.5 ,11.5,10,11,\"11\",\"2000\"\n";
  const OhlcvSeries s = parse_ohlcv_csv(text, "prices.csv", "SYM");
  REQUIRE(s.size() == 2);
  CHECK(s.open[0] == 10);
  CHECK(s.adj_close[0] == 10.4);
  CHECK(s.volume[1] == 2000);

  // A header cell may hold a comma, a doubled quote or a line break; an unknown column is ignored,
  // and the line numbers of later rows still count the break.
  const std::string header = "Date,Open,High,Low,Close,\"note, \"\"a\"\"\nb\"\n";
  const OhlcvSeries noted = parse_ohlcv_csv(header + "2024-01-02,1,2,0.5,1,\"x,y\"\n", "p.csv", "S");
  CHECK(noted.close[0] == 1);
  CHECK_THAT(csv_error(header + "2024-01-02,1,2,0.5,1,x\n2024-01-02,1,2,0.5,1,x\n"), Catch::StartsWith("prices.csv:4:1:"));

  // A quoted number with a thousands separator is one cell, refused as a number with the reason.
  const std::string plain = "Date,Open,High,Low,Close\n";
  CHECK_THAT(csv_error(plain + "2024-01-02,1,2,0.5,\"1,234.5\"\n"),
             Catch::StartsWith("prices.csv:2:5: column 'Close': '1,234.5' is not a finite number; thousands separators"));
  CHECK_THAT(csv_error(plain + "2024-01-02,1,2,0.5,\"1\n"), Catch::StartsWith("prices.csv:2:5: a quoted cell is never closed"));
  CHECK_THAT(csv_error(plain + "2024-01-02,1,2,\"0.5\"x,1\n"),
             Catch::StartsWith("prices.csv:2:4: text follows the closing quote"));
}

TEST_CASE("CSV defects name file, line and column", "[core][csv]") {
  const std::string header = "Date,Open,High,Low,Close\n";
  CHECK_THAT(csv_error(header + "2024-01-02,1,2,0.5\n"),
             Catch::StartsWith("prices.csv:2:5: row has 4 fields but the header has 5: column 'Close' is missing"));
  CHECK_THAT(csv_error(header + "2024-01-02,1,2,0.5,1,9\n"),
             Catch::StartsWith("prices.csv:2:6: row has 6 fields but the header has 5: field 6 has no column"));
  CHECK_THAT(csv_error(header + "2024-01-03,1,2,0.5,1\n2024-01-02,1,2,0.5,1\n"),
             Catch::Contains("prices.csv:3:1") && Catch::Contains("sorted"));
  CHECK_THAT(csv_error(header + "2024-01-02,1,2,0.5,1\n2024-01-02,1,2,0.5,1\n"), Catch::Contains("repeats"));
  CHECK_THAT(csv_error(header + "2024-01-02,1,2,0.5,abc\n"), Catch::Contains("prices.csv:2:5") && Catch::Contains("'Close'"));
  CHECK_THAT(csv_error(header + "2024-01-02,1,2,0.5,nan\n"), Catch::Contains("not a finite number"));
  CHECK_THAT(csv_error(header + "2024-01-02,1,2,0.5,\n"), Catch::Contains("empty"));
  CHECK_THAT(csv_error(header + "2024-01-02,1,2,0.5,-3\n"), Catch::Contains("not positive"));
  CHECK_THAT(csv_error(header + "2024-01-02,0,2,0.5,1\n"), Catch::Contains("prices.csv:2:2"));
  CHECK_THAT(csv_error("Date,Open,High,Close\n2024-01-02,1,2,1\n"), Catch::Contains("'Low'"));
  CHECK_THAT(csv_error(header + "2024-13-02,1,2,0.5,1\n"), Catch::Contains("YYYY-MM-DD"));
  CHECK_THAT(csv_error(header + "2024-01-02,1,2\n"), Catch::Contains("3 fields"));
  CHECK_THAT(csv_error(header), Catch::Contains("no rows"));
  CHECK_THAT(csv_error(""), Catch::Contains("empty"));
  CHECK_THAT(csv_error(std::string("Date\0,Open", 10)), Catch::Contains("binary"));
  CHECK_THAT(csv_error(header + "2024-01-02,1,2,0.5,1\n") , Catch::Equals("no error"));
}

TEST_CASE("CSV messages escape the control bytes of cells and file names", "[core][csv]") {
  const std::string header = "Date,Open,High,Low,Close\n";
  // ESC [2J clears a terminal; the trailing CR is a line end and is trimmed.
  const std::string date = csv_error(header + "2023-01-02\x1b[2J\r,1,1,1,1\n");
  CHECK_THAT(date, Catch::Contains("prices.csv:2:1: column 'Date': '2023-01-02\\x1b[2J' is not a date"));
  CHECK(date.find('\x1b') == std::string::npos);
  CHECK_THAT(csv_error(header + "2024-01-02,1,2,0.5,1\x07\xff\n"), Catch::Contains("'Close': '1\\x07\\xff' is not"));
  const std::string long_cell = csv_error(header + "2024-01-02,1,2,0.5," + std::string(5000, '9') + "x\n");
  CHECK_THAT(long_cell, Catch::Contains("(5001 bytes)"));
  CHECK(long_cell.size() < 200);
  try {
    parse_ohlcv_csv("", "evil\x1b]0;title\x07.csv", "SYM");
    FAIL("an empty file was accepted");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("evil\\x1b]0;title\\x07.csv:1:"));
  }
  try {
    read_ohlcv_csv("no\nsuch.csv", "SYM");
    FAIL("a missing file was read");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("no\\nsuch.csv: CSV file not found"));
  }
}

TEST_CASE("a symbol is 1 to 32 letters, digits, '.', '-' or '_'", "[core][symbol]") {
  CHECK(valid_symbol("AAPL"));
  CHECK(valid_symbol("BRK.B"));
  CHECK(valid_symbol("es-1_x9"));
  CHECK(valid_symbol(std::string(32, 'A')));
  CHECK_FALSE(valid_symbol(std::string(33, 'A')));
  CHECK_FALSE(valid_symbol(""));
  CHECK_FALSE(valid_symbol("../../x"));
  CHECK_FALSE(valid_symbol("a b"));
  CHECK_FALSE(valid_symbol("A\x1b"));
  CHECK_FALSE(valid_symbol("Z\xC3\xBCrich"));  // ASCII only: it becomes a file name
}
