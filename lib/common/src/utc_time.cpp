#include "perfharness/common/utc_time.hpp"

#include <cstdio>
#include <ctime>

namespace ph {

std::string utc_iso8601(std::chrono::system_clock::time_point t, TimePrecision precision) {
  using namespace std::chrono;
  const std::time_t seconds = system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  int n = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                        tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (precision == TimePrecision::milliseconds) {
    const auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count() % 1000;
    n += std::snprintf(text + n, sizeof text - static_cast<std::size_t>(n), ".%03d", static_cast<int>(ms));
  }
  std::snprintf(text + n, sizeof text - static_cast<std::size_t>(n), "Z");
  return text;
}

std::string utc_now_iso8601(TimePrecision precision) { return utc_iso8601(std::chrono::system_clock::now(), precision); }

}  // namespace ph
