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

/// Where an operation's time goes: a zone's self time, or a function's share of the samples.
struct ShareEvidence {
  enum class Source { zones, sampler };
  Source source = Source::zones;
  double share = 0;           // of the operation's time (zones) or of its samples (sampler)
  double self_time = 0;       // seconds per repetition (zones only)
  double operation_time = 0;  // seconds per repetition (zones only)
  std::uint64_t samples = 0;  // sampler only
};

/// Heap allocations of a backtest case against its bars.
struct AllocationEvidence {
  std::string case_label;
  double allocations = 0;  // median per repetition
  std::int64_t bars = 0;
  double per_bar = 0;
};

/// A sweep whose backtests recompute signals their parameter sets share.
struct RepeatedWorkEvidence {
  double signals_share = 0;  // of the backtests' time
  std::size_t parameter_sets = 0;
  std::string parameter;  // the most repeated one
  std::size_t distinct_values = 0;
};

using Evidence = std::variant<HotspotEvidence, MemoryEvidence, TableScanEvidence, ShareEvidence, AllocationEvidence,
                              RepeatedWorkEvidence>;

struct Opportunity {
  std::string operation;
  std::string function;  // zone or table; may be empty
  std::string issue;     // "High cumulative time", "High memory usage", "Full table scan"
  std::string figure;    // "1.230 s cumulative per repetition", "612.0 MB peak"
  Priority priority = Priority::medium;
  Evidence evidence;
};

}  // namespace ph::report
