// persistence operations: save the results of a backtest operation, fetch each back
// by its real id (checked to round-trip), run a bulk query by strategy, and keep
// SQLite's own timing of every statement. A fresh temporary database per repetition
// unless --db names one.
#include <optional>

#include "backtest_executor.hpp"
#include "executor.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/hooks/zone.hpp"
#include "perfharness/persistence/temporary_database.hpp"
#include "perfharness/persistence/workload.hpp"

namespace ph::runner {
namespace {

report::DatabaseProfile database_profile(const persistence::DbProfile& p) {
  constexpr double kMs = 1e6;  // ns per ms
  report::DatabaseProfile d;
  for (const auto& s : p.statements)
    d.statements.push_back({s.sql, s.count, static_cast<double>(s.total_ns) / kMs, s.mean_ns() / kMs,
                            static_cast<double>(s.max_ns) / kMs, s.clock_mean_ns() / kMs,
                            static_cast<double>(s.clock_max_ns) / kMs, s.slow_count});
  d.slow_query_count = p.slow_query_count;
  for (const auto& q : p.slow_queries)
    d.slow_queries.push_back({q.expanded_sql.empty() ? q.sql : q.expanded_sql, static_cast<double>(q.ns) / kMs});
  for (const auto& plan : p.plans) {
    report::ExplainedQuery e{plan.sql, plan.slow, plan.bulk, {}, plan.error};
    for (const auto& r : plan.rows) e.plan.push_back({r.id, r.parent, r.detail});
    d.plans.push_back(std::move(e));
  }
  for (const auto& o : p.opportunities) {
    report::TableScanFinding f;
    f.table = o.table;
    f.column = o.column;
    f.figure = o.message;
    f.sql = o.sql;
    f.table_rows = o.table_rows;
    d.scans.push_back(std::move(f));
  }
  return d;
}

class PersistenceExecutor : public OperationExecutor {
 public:
  PersistenceExecutor(const scenario::Operation& op, const scenario::PersistenceSpec& spec, BacktestExecutor& source)
      : OperationExecutor(op), spec_(spec), source_(source) {}

  void prepare(RunContext&) override {
    auto& c = case_result(0, std::to_string(spec_.saves) + " saves, " + std::to_string(spec_.fetches) + " fetches, bulk by strategy");
    c.workload = report::PersistenceWorkload{spec_.source, spec_.saves, spec_.fetches};
  }

  void run_once(RunContext& ctx, bool measured) override {
    const auto& results = source_.latest_results();
    if (results.empty())
      throw RuntimeFailure(op_.path + ": its source '" + spec_.source + "' produced no results to save");
    const std::string bulk = spec_.bulk_strategy.empty() ? results.front().strategy : spec_.bulk_strategy;
    persistence::DbProfilerOptions options;
    options.slow_query_ms = ctx.scenario.thresholds.slow_query_ms;
    options.full_scan_rows = ctx.scenario.thresholds.full_scan_rows;

    std::optional<persistence::TemporaryDatabase> temporary;
    std::optional<persistence::Database> named;
    persistence::Database* db = nullptr;
    if (ctx.db) db = &named.emplace(*ctx.db);
    else db = &temporary.emplace().database();

    persistence::PersistenceWorkloadResult w;
    const RegionSample total = measure_region([&] {
      PH_ZONE("persistence");
      w = persistence::run_persistence_workload(*db, results, spec_.saves, spec_.fetches, bulk, options,
                                                ctx.db ? ctx.run_id : std::nullopt);
    });
    // Every saved result round-trips, not only the `fetches` that were timed (untimed).
    persistence::verify_round_trips(*db, results, w.saved_ids);
    // The user's --db keeps the run and its backtest results, not the workload's copies of them:
    // they are deleted again, outside the measured region.
    if (ctx.db)
      for (const std::int64_t id : w.saved_ids) db->delete_result(id);
    if (!measured) return;
    record_total(total);
    auto push = [&](std::string_view name, const std::vector<double>& values) {
      auto& f = figure_of(result_.figures, name);
      f.samples.insert(f.samples.end(), values.begin(), values.end());
    };
    push(figures::key::save_time, w.save_ms);
    push(figures::key::fetch_time, w.fetch_ms);
    push(figures::key::bulk_time, {w.bulk_ms});
    push(figures::key::slow_queries, {static_cast<double>(w.slow_query_count)});
    auto& database = result_.database.emplace(database_profile(w.profile));
    database.bulk_strategy = w.bulk_strategy;
    database.bulk_rows = w.bulk_rows;
    database.database = ctx.db ? ctx.db->string() : std::string("temporary (removed after each repetition)");
    auto& c = result_.cases[0];
    c.results = report::PersistenceOutcome{w.saved_ids, w.fetch_ms.size(), w.saved_ids.size(), w.bulk_rows};
    c.results_digest = report::round_trip_digest(w.saved_ids.size(), w.fetch_ms.size());
  }

 private:
  const scenario::PersistenceSpec& spec_;
  BacktestExecutor& source_;
};

}  // namespace

std::unique_ptr<OperationExecutor> make_persistence_executor(const scenario::Operation& op,
                                                            const scenario::PersistenceSpec& spec, BacktestExecutor& source) {
  return std::make_unique<PersistenceExecutor>(op, spec, source);
}

}  // namespace ph::runner
