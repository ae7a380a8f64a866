#pragma once
// Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian):
// cheap to store in vectors, compare and subtract.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ph {

using Date = std::int32_t;

/// Day number of a civil date; month 1..12, day 1..31 (not validated here).
Date date_from_civil(int year, unsigned month, unsigned day) noexcept;

struct CivilDate {
  int year;
  unsigned month;
  unsigned day;
};
CivilDate civil_from_date(Date d) noexcept;

/// Parses exactly YYYY-MM-DD (a real calendar date, years 0001..9999); nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view text) noexcept;

/// Formats as YYYY-MM-DD.
std::string format_iso_date(Date d);

}  // namespace ph
