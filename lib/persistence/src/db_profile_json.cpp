#include "perfharness/persistence/db_profile_json.hpp"

namespace ph::persistence {

nlohmann::ordered_json db_profile_json(const DbProfile& p) {
  nlohmann::ordered_json j;
  j["slow_query_count"] = p.slow_query_count;
  j["statements"] = nlohmann::ordered_json::array();
  for (const auto& s : p.statements) {
    nlohmann::ordered_json e;
    e["sql"] = s.sql;
    e["count"] = s.count;
    e["total_ns"] = s.total_ns;
    e["mean_ns"] = s.mean_ns();
    e["max_ns"] = s.max_ns;
    e["clock_total_ns"] = s.clock_total_ns;
    e["clock_mean_ns"] = s.clock_mean_ns();
    e["clock_max_ns"] = s.clock_max_ns;
    e["slow_count"] = s.slow_count;
    j["statements"].push_back(std::move(e));
  }
  j["slow_queries"] = nlohmann::ordered_json::array();
  for (const auto& s : p.slow_queries) j["slow_queries"].push_back({{"sql", s.sql}, {"expanded_sql", s.expanded_sql}, {"ns", s.ns}});
  j["plans"] = nlohmann::ordered_json::array();
  for (const auto& plan : p.plans) {
    nlohmann::ordered_json e;
    e["sql"] = plan.sql;
    e["slow"] = plan.slow;
    e["bulk"] = plan.bulk;
    e["rows"] = nlohmann::ordered_json::array();
    for (const auto& r : plan.rows) e["rows"].push_back({{"id", r.id}, {"parent", r.parent}, {"detail", r.detail}});
    if (!plan.error.empty()) e["error"] = plan.error;
    j["plans"].push_back(std::move(e));
  }
  j["opportunities"] = nlohmann::ordered_json::array();
  for (const auto& o : p.opportunities)
    j["opportunities"].push_back({{"table", o.table},
                                  {"table_rows", o.table_rows},
                                  {"column", o.column},
                                  {"sql", o.sql},
                                  {"message", o.message}});
  return j;
}

nlohmann::ordered_json workload_json(const PersistenceWorkloadResult& w) {
  nlohmann::ordered_json j;
  j["saved_ids"] = w.saved_ids;
  j["save_ms"] = w.save_ms;
  j["fetch_ms"] = w.fetch_ms;
  j["bulk_ms"] = w.bulk_ms;
  j["bulk_strategy"] = w.bulk_strategy;
  j["bulk_rows"] = w.bulk_rows;
  j["slow_query_count"] = w.slow_query_count;
  j["profile"] = db_profile_json(w.profile);
  return j;
}

}  // namespace ph::persistence
