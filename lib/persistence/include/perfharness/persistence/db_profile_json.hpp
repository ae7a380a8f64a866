#pragma once
// The JSON form of a DB profile and of a persistence workload, for reports.
#include <nlohmann/json.hpp>

#include "perfharness/persistence/db_profiler.hpp"
#include "perfharness/persistence/workload.hpp"

namespace ph::persistence {

/// {slow_query_count, statements: [{sql, count, total_ns, mean_ns, max_ns, clock_total_ns,
/// clock_mean_ns, clock_max_ns, slow_count}], slow_queries: [{sql, expanded_sql, ns}],
/// plans: [{sql, slow, bulk, rows: [{id, parent, detail}], error?}],
/// opportunities: [{table, table_rows, column, sql, message}]}
nlohmann::ordered_json db_profile_json(const DbProfile& p);

/// {saved_ids, save_ms, fetch_ms, bulk_ms, bulk_strategy, bulk_rows, slow_query_count, profile}
nlohmann::ordered_json workload_json(const PersistenceWorkloadResult& w);

}  // namespace ph::persistence
