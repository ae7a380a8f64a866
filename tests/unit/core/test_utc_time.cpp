// Time stamps: one spelling for the report, JUnit and the database.
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>

#include "perfharness/common/utc_time.hpp"

using namespace std::chrono;

TEST_CASE("UTC time stamps are ISO 8601 with Z, to the second or the millisecond", "[time]") {
  // 2026-11-29T10:00:00.123Z: 20786 days after 1970-01-01, 10 h, 123 ms.
  const system_clock::time_point t{days(20786) + hours(10) + milliseconds(123)};
  CHECK(ph::utc_iso8601(t) == "2026-11-29T10:00:00Z");
  CHECK(ph::utc_iso8601(t, ph::TimePrecision::milliseconds) == "2026-11-29T10:00:00.123Z");
  CHECK(ph::utc_iso8601(system_clock::time_point{}, ph::TimePrecision::milliseconds) == "1970-01-01T00:00:00.000Z");
  CHECK(std::regex_match(ph::utc_now_iso8601(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
}
