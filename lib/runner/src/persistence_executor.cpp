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

nlohmann::ordered_json profile_json(const persistence::DbProfile& p) {
  nlohmann::ordered_json statements = nlohmann::ordered_json::array();
  for (const auto& s : p.statements)
    statements.push_back({{"sql", s.sql}, {"count", s.count}, {"total_ms", s.total_ns / 1e6}, {"mean_ms", s.mean_ns() / 1e6},
                          {"max_ms", s.max_ns / 1e6}, {"clock_mean_ms", s.clock_mean_ns() / 1e6},
                          {"clock_max_ms", s.clock_max_ns / 1e6}, {"slow", s.slow_count}});
  nlohmann::ordered_json slow = nlohmann::ordered_json::array();
  for (const auto& q : p.slow_queries) slow.push_back({{"sql", q.expanded_sql.empty() ? q.sql : q.expanded_sql}, {"ms", q.ns / 1e6}});
  nlohmann::ordered_json plans = nlohmann::ordered_json::array();
  for (const auto& plan : p.plans) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& r : plan.rows) rows.push_back({{"id", r.id}, {"parent", r.parent}, {"detail", r.detail}});
    plans.push_back({{"sql", plan.sql}, {"slow", plan.slow}, {"bulk", plan.bulk}, {"plan", rows}});
    if (!plan.error.empty()) plans.back()["error"] = plan.error;
  }
  nlohmann::ordered_json opportunities = nlohmann::ordered_json::array();
  for (const auto& o : p.opportunities)
    opportunities.push_back({{"table", o.table}, {"column", o.column}, {"issue", "Full table scan"}, {"figure", o.message},
                             {"priority", "Medium"}, {"sql", o.sql}, {"table_rows", o.table_rows}});
  return {{"statements", statements}, {"slow_query_count", p.slow_query_count}, {"slow_queries", slow},
          {"plans", plans}, {"opportunities", opportunities}};
}

class PersistenceExecutor : public OperationExecutor {
 public:
  PersistenceExecutor(const scenario::Operation& op, OperationExecutor& source) : OperationExecutor(op), source_(source) {}

  void prepare(RunContext&) override {
    if (!dynamic_cast<BacktestExecutor*>(&source_))
      throw InputError(op_.path + ".source: '" + op_.source + "' is not a backtest operation");
    auto& c = case_result(0, std::to_string(op_.saves) + " saves, " + std::to_string(op_.fetches) + " fetches, bulk by strategy");
    c.workload = {{"source", op_.source}, {"saves", op_.saves}, {"fetches", op_.fetches}};
  }

  void run_once(RunContext& ctx, bool measured) override {
    const auto& results = static_cast<BacktestExecutor&>(source_).latest_results();
    if (results.empty())
      throw RuntimeFailure(op_.path + ": its source '" + op_.source + "' produced no results to save");
    const std::string bulk = op_.bulk_strategy.empty() ? results.front().strategy : op_.bulk_strategy;
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
      w = persistence::run_persistence_workload(*db, results, op_.saves, op_.fetches, bulk, options,
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
    auto push = [&](const char* name, const char* unit, const std::vector<double>& values) {
      auto& f = result_.figures[name];
      f.unit = unit;
      f.samples.insert(f.samples.end(), values.begin(), values.end());
    };
    push("save_time", "ms", w.save_ms);
    push("fetch_time", "ms", w.fetch_ms);
    push("bulk_time", "ms", {w.bulk_ms});
    push("slow_queries", "count", {static_cast<double>(w.slow_query_count)});
    result_.database = profile_json(w.profile);
    result_.database["bulk_strategy"] = w.bulk_strategy;
    result_.database["bulk_rows"] = w.bulk_rows;
    result_.database["database"] = ctx.db ? ctx.db->string() : std::string("temporary (removed after each repetition)");
    auto& c = result_.cases[0];
    c.results = {{"saved_ids", w.saved_ids},
                 {"fetched_and_verified", w.fetch_ms.size()},
                 {"round_trips_verified", w.saved_ids.size()},
                 {"bulk_rows", w.bulk_rows}};
    c.results_digest = digest_of({{"saves", w.saved_ids.size()}, {"fetches", w.fetch_ms.size()}});
  }

 private:
  OperationExecutor& source_;
};

}  // namespace

std::unique_ptr<OperationExecutor> make_persistence_executor(const scenario::Operation& op, OperationExecutor& source) {
  return std::make_unique<PersistenceExecutor>(op, source);
}

}  // namespace ph::runner
