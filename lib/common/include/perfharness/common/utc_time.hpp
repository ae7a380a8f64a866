#pragma once
// Wall-clock time stamps, as every output writes them: ISO 8601, UTC, "Z".
#include <chrono>
#include <string>

namespace ph {

enum class TimePrecision { seconds, milliseconds };

/// "2026-11-29T10:00:00Z", or "2026-11-29T10:00:00.123Z" with milliseconds (sorts as text;
/// SQLite's date functions read both).
std::string utc_iso8601(std::chrono::system_clock::time_point t, TimePrecision precision = TimePrecision::seconds);
std::string utc_now_iso8601(TimePrecision precision = TimePrecision::seconds);

}  // namespace ph
