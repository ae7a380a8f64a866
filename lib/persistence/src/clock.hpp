#pragma once
#include <string>

namespace ph::persistence {

/// Now as ISO-8601 UTC with milliseconds, "2024-05-01T12:00:00.123Z": sorts as text, and
/// SQLite's date functions read it.
std::string utc_now_iso8601();

}  // namespace ph::persistence
