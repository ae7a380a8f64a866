#pragma once
// The persistence workload the runner's `persistence` operation runs: save, fetch back
// by the returned ids, bulk query by strategy, each timed, under the DB profiler.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "perfharness/backtest/backtest.hpp"
#include "perfharness/persistence/database.hpp"
#include "perfharness/persistence/db_profiler.hpp"

namespace ph::persistence {

struct PersistenceWorkloadResult {
  std::vector<std::int64_t> saved_ids;  // as save_result returned them
  std::vector<double> save_ms;          // wall time of each save_result call
  std::vector<double> fetch_ms;         // wall time of each fetch_result call
  double bulk_ms = 0;                   // wall time of the list_by_strategy call
  std::string bulk_strategy;            // the strategy queried
  std::size_t bulk_rows = 0;            // rows it returned (>= saved results of that strategy)
  std::int64_t slow_query_count = 0;    // statements at least options.slow_query_ms long
  DbProfile profile;                    // statement statistics, slow queries, plans, scan opportunities
};

/// Saves `saves` results (cycling through `results`), fetches `fetches` of them back by their
/// returned ids (cycling through those) and checks each equals what was saved in every field,
/// then lists `bulk_strategy` (empty: the first result's strategy) and checks it returns at least
/// as many rows as were saved with that strategy. Saves carry `run_id` (none: unattached).
/// Throws InputError for bad counts or an empty `results`, RuntimeFailure for a failed query or
/// a result that did not round-trip.
PersistenceWorkloadResult run_persistence_workload(Database& db, const std::vector<BacktestResult>& results,
                                                   int saves, int fetches, const std::string& bulk_strategy,
                                                   const DbProfilerOptions& options,
                                                   std::optional<std::int64_t> run_id = std::nullopt);

/// Fetches every id in `saved_ids` (as run_persistence_workload returned them for `results`) and
/// checks each equals what was saved; RuntimeFailure naming the first that does not.
void verify_round_trips(Database& db, const std::vector<BacktestResult>& results,
                        const std::vector<std::int64_t>& saved_ids);

}  // namespace ph::persistence
