#pragma once
// An optimisation opportunity: what the seed suite's report called a finding worth fixing,
// with the figures that made it one.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace ph::report {

enum class Priority { high, medium };

constexpr std::string_view to_string(Priority p) noexcept { return p == Priority::high ? "High" : "Medium"; }

struct HotspotEvidence {
  double cumulative_time = 0, self_time = 0;  // seconds per repetition
  std::uint64_t call_count = 0;
  std::size_t rank = 0;  // 1: the top zone by cumulative time
};

struct MemoryEvidence {
  double peak_memory_mb = 0;
};

struct TableScanEvidence {
  std::string table, column, sql;
  std::int64_t table_rows = 0;
};

using Evidence = std::variant<HotspotEvidence, MemoryEvidence, TableScanEvidence>;

struct Opportunity {
  std::string operation;
  std::string function;  // zone or table; may be empty
  std::string issue;     // "High cumulative time", "High memory usage", "Full table scan"
  std::string figure;    // "1.230 s cumulative per repetition", "612.0 MB peak"
  Priority priority = Priority::medium;
  Evidence evidence;
};

}  // namespace ph::report
