#include "perfharness/persistence/workload.hpp"

#include <chrono>

#include "perfharness/common/errors.hpp"
#include "perfharness/persistence/result_equality.hpp"

namespace ph::persistence {
namespace {

template <typename Call>
double timed_ms(Call&& call) {
  const auto start = std::chrono::steady_clock::now();
  call();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void check_round_trip(Database& db, std::int64_t id, const std::optional<StoredResult>& fetched,
                      const BacktestResult& saved) {
  if (!fetched)
    throw RuntimeFailure(db.path().string() + ": backtest result " + std::to_string(id) +
                         " was saved but fetching it by id found nothing");
  if (const std::string diff = first_difference(saved, fetched->result); !diff.empty())
    throw RuntimeFailure(db.path().string() + ": backtest result " + std::to_string(id) + " did not round-trip: " + diff);
}

}  // namespace

PersistenceWorkloadResult run_persistence_workload(Database& db, const std::vector<BacktestResult>& results,
                                                   int saves, int fetches, const std::string& bulk_strategy,
                                                   const DbProfilerOptions& options,
                                                   std::optional<std::int64_t> run_id) {
  if (results.empty()) throw InputError("the persistence workload has no backtest results to save");
  if (saves < 1) throw InputError("persistence: saves must be at least 1, not " + std::to_string(saves));
  if (fetches < 0) throw InputError("persistence: fetches must be 0 or more, not " + std::to_string(fetches));
  for (const BacktestResult& r : results) validate_for_storage(r);  // before any row is written

  PersistenceWorkloadResult out;
  out.bulk_strategy = bulk_strategy.empty() ? results.front().strategy : bulk_strategy;
  DbProfiler profiler(db, options);

  std::size_t saved_of_strategy = 0;
  for (int i = 0; i < saves; ++i) {
    const BacktestResult& r = results[static_cast<std::size_t>(i) % results.size()];
    std::int64_t id = 0;
    out.save_ms.push_back(timed_ms([&] { id = db.save_result(run_id, r, 0.0); }));
    out.saved_ids.push_back(id);
    if (r.strategy == out.bulk_strategy) ++saved_of_strategy;
  }

  for (int i = 0; i < fetches; ++i) {
    const std::size_t k = static_cast<std::size_t>(i) % out.saved_ids.size();
    const std::int64_t id = out.saved_ids[k];
    std::optional<StoredResult> fetched;
    out.fetch_ms.push_back(timed_ms([&] { fetched = db.fetch_result(id); }));
    check_round_trip(db, id, fetched, results[k % results.size()]);
  }

  std::vector<StoredResult> bulk;
  out.bulk_ms = timed_ms([&] { bulk = db.list_by_strategy(out.bulk_strategy); });
  out.bulk_rows = bulk.size();
  if (out.bulk_rows < saved_of_strategy)
    throw RuntimeFailure(db.path().string() + ": the bulk query by strategy '" + out.bulk_strategy + "' returned " +
                         std::to_string(out.bulk_rows) + " results but " + std::to_string(saved_of_strategy) +
                         " were just saved");

  out.profile = profiler.finish();
  out.slow_query_count = out.profile.slow_query_count;
  return out;
}

void verify_round_trips(Database& db, const std::vector<BacktestResult>& results,
                        const std::vector<std::int64_t>& saved_ids) {
  for (std::size_t k = 0; k < saved_ids.size(); ++k)
    check_round_trip(db, saved_ids[k], db.fetch_result(saved_ids[k]), results[k % results.size()]);
}

}  // namespace ph::persistence
