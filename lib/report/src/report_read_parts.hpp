#pragma once
// The profilers' sections of a report and its environment, read back (report_read.cpp).
#include "json_field.hpp"
#include "perfharness/report/run_result.hpp"

namespace ph::report::detail {

Environment read_environment(const JsonField& j);
MemorySnapshot read_memory(const JsonField& j);
CountersProfile read_counters(const JsonField& j);
SamplingProfile read_sampling(const JsonField& j);
DatabaseProfile read_database(const JsonField& j);

}  // namespace ph::report::detail
