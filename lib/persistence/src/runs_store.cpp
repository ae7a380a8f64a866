// Runs of `perfharness run --db`: their start, verdict, report and key figures; `history`.
#include <nlohmann/json.hpp>

#include "perfharness/common/utc_time.hpp"
#include "connection.hpp"
#include "perfharness/common/errors.hpp"
#include "sql.hpp"

namespace ph::persistence {
namespace {

std::string figures_json(const RunFigures& figures) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [name, value] : figures) j[name] = value;
  return j.dump();
}

RunFigures parse_figures(const std::string& text) {
  RunFigures out;
  const auto j = nlohmann::ordered_json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [name, value] : j.items())
    if (value.is_number()) out.emplace_back(name, value.get<double>());
  return out;
}

std::int64_t insert_run(Database::Impl& impl, const RunStart& start) {
  auto q = impl.use(sql::kInsertRun);
  q.q.bind(1, start.scenario_name);
  q.q.bind(2, start.scenario_hash);
  q.q.bind(3, start.tool_version);
  q.q.bind(4, start.started_at.empty() ? utc_now_iso8601(TimePrecision::milliseconds) : start.started_at);
  q.q.exec();
  return impl.db.getLastInsertRowid();
}

void finish_run(Database::Impl& impl, const std::filesystem::path& file, std::int64_t run_id,
                const std::string& verdict, const std::string& report_json, const RunFigures& figures) {
  int changed = 0;
  {
    auto q = impl.use(sql::kFinishRun);
    q.q.bind(1, utc_now_iso8601(TimePrecision::milliseconds));
    q.q.bind(2, verdict);
    q.q.bind(3, report_json);
    q.q.bind(4, figures_json(figures));
    q.q.bind(5, run_id);
    changed = q.q.exec();
  }
  if (changed == 0) throw RuntimeFailure(file.string() + ": run " + std::to_string(run_id) + " does not exist");
}

void check_report(const std::string& report_json, std::int64_t run_id) {
  if (!nlohmann::json::accept(report_json))
    throw RuntimeFailure("the report of run " + std::to_string(run_id) + " is not valid JSON; it was not recorded");
}

}  // namespace

std::int64_t Database::record_run_start(const RunStart& start) {
  return guarded(path_, impl_->busy_timeout_ms, "recording the start of a run", [&] {
    ScopedTransaction tx(impl_->db, ScopedTransaction::Mode::Write);
    const std::int64_t id = insert_run(*impl_, start);
    tx.commit();
    return id;
  });
}

void Database::record_run_finish(std::int64_t run_id, const std::string& verdict, const std::string& report_json,
                                 const RunFigures& figures) {
  check_report(report_json, run_id);
  guarded(path_, impl_->busy_timeout_ms, "recording the end of run " + std::to_string(run_id), [&] {
    ScopedTransaction tx(impl_->db, ScopedTransaction::Mode::Write);
    finish_run(*impl_, path_, run_id, verdict, report_json, figures);
    tx.commit();
  });
}

std::int64_t Database::record_run(const RunStart& start, const std::string& verdict, const std::string& report_json,
                                  const RunFigures& figures) {
  check_report(report_json, 0);
  return guarded(path_, impl_->busy_timeout_ms, "recording a run", [&] {
    ScopedTransaction tx(impl_->db, ScopedTransaction::Mode::Write);
    const std::int64_t id = insert_run(*impl_, start);
    finish_run(*impl_, path_, id, verdict, report_json, figures);
    tx.commit();
    return id;
  });
}

std::vector<RunSummary> Database::list_runs(const RunQuery& query) {
  if (query.last < 1) throw InputError("--last must be at least 1, not " + std::to_string(query.last));
  return guarded(path_, impl_->busy_timeout_ms, "listing runs", [&] {
    std::vector<RunSummary> out;
    auto q = impl_->use(query.scenario.empty() ? sql::kSelectRecentRuns : sql::kSelectRecentRunsOfScenario);
    int b = 1;
    if (!query.scenario.empty()) q.q.bind(b++, query.scenario);
    q.q.bind(b, query.last);
    while (q.q.executeStep()) {
      RunSummary r;
      int i = 0;
      r.id = q.q.getColumn(i++).getInt64();
      r.scenario_name = q.q.getColumn(i++).getString();
      r.scenario_hash = q.q.getColumn(i++).getString();
      r.tool_version = q.q.getColumn(i++).getString();
      r.started_at = q.q.getColumn(i++).getString();
      if (const auto c = q.q.getColumn(i++); !c.isNull()) r.finished_at = c.getString();
      if (const auto c = q.q.getColumn(i++); !c.isNull()) r.verdict = c.getString();
      if (const auto c = q.q.getColumn(i++); !c.isNull()) r.figures = parse_figures(c.getString());
      r.result_count = q.q.getColumn(i++).getInt64();
      if (const auto c = q.q.getColumn(i++); !c.isNull()) r.mean_execution_time_s = c.getDouble();
      if (const auto c = q.q.getColumn(i++); !c.isNull()) r.duration_s = c.getDouble();
      out.push_back(std::move(r));
    }
    return out;
  });
}

std::optional<std::string> Database::run_report(std::int64_t run_id) {
  return guarded(path_, impl_->busy_timeout_ms, "reading the report of run " + std::to_string(run_id), [&] {
    std::optional<std::string> out;
    auto q = impl_->use(sql::kSelectRunReport);
    q.q.bind(1, run_id);
    if (q.q.executeStep() && !q.q.getColumn(0).isNull()) out = q.q.getColumn(0).getString();
    return out;
  });
}

void Database::for_each_run_report(const std::string& scenario,
                                   const std::function<bool(std::int64_t, const std::string&)>& visit) {
  guarded(path_, impl_->busy_timeout_ms, "reading the runs of scenario '" + scenario + "'", [&] {
    auto q = impl_->use(sql::kSelectReportsOfScenario);
    q.q.bind(1, scenario);
    while (q.q.executeStep())
      if (!visit(q.q.getColumn(0).getInt64(), q.q.getColumn(1).getString())) break;
  });
}

}  // namespace ph::persistence
