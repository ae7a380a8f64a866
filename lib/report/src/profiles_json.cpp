#include "profiles_json.hpp"

#include <type_traits>

namespace ph::report::detail {

nlohmann::ordered_json to_json(const ToolInfo& tool) { return {{"name", tool.name}, {"version", tool.version}}; }

nlohmann::ordered_json to_json(const ScenarioInfo& s) {
  return {{"name", s.name}, {"path", s.path}, {"sha256", s.sha256}, {"description", s.description}, {"seed", s.seed}};
}

namespace {

nlohmann::ordered_json to_json(const ProfilerAvailability& p) {
  nlohmann::ordered_json j;
  j["time"] = true;
  j["zones"] = true;
  j["heap"] = p.heap;
  if (!p.heap) j["heap_reason"] = p.heap_reason;
  j["perf_events"] = p.perf_events;
  j["perf_events_detail"] = p.perf_events_detail;
  j["hardware_counters"] = p.hardware_counters;
  if (!p.hardware_counters_reason.empty()) j["hardware_counters_reason"] = p.hardware_counters_reason;
  j["callgrind"] = p.callgrind;
  return j;
}

nlohmann::ordered_json function_shares(const std::vector<FunctionShare>& rows) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const auto& f : rows) {
    nlohmann::ordered_json row{{"function", f.function}, {"samples", f.samples}, {"fraction", f.fraction}};
    if (!f.line.empty()) row["line"] = f.line;
    a.push_back(std::move(row));
  }
  return a;
}

nlohmann::ordered_json to_json(const TableScanFinding& f) {
  return {{"table", f.table},   {"column", f.column}, {"issue", f.issue},          {"figure", f.figure},
          {"priority", std::string(to_string(f.priority))}, {"sql", f.sql}, {"table_rows", f.table_rows}};
}

}  // namespace

nlohmann::ordered_json to_json(const Environment& e) {
  return {{"host", e.host},         {"os", e.os},
          {"kernel", e.kernel},     {"machine", e.machine},
          {"cpu_model", e.cpu_model}, {"cores", e.cores},
          {"compiler", e.compiler}, {"build_type", e.build_type},
          {"utc_time", e.utc_time}, {"profilers", to_json(e.profilers)}};
}

nlohmann::ordered_json to_json(const MemorySnapshot& m) {
  nlohmann::ordered_json j = {
      {"heap_tracking", m.heap_tracking}, {"rss_mb", m.rss_mb}, {"rss_high_water_mb", m.rss_high_water_mb}};
  if (!m.heap_tracking) j["reason"] = m.heap_tracking_reason;
  return j;
}

nlohmann::ordered_json to_json(const CountersProfile& c) {
  if (!c.enabled) return {{"enabled", false}};
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& r : c.counters) {
    nlohmann::ordered_json rj;
    rj["unit"] = r.unit;
    rj["available"] = r.available;
    if (r.available) {
      rj["per_repetition"] = r.per_repetition;
      if (r.multiplexed) rj["multiplexed"] = true;
      if (r.user_mode_only) rj["user_mode_only"] = true;
      if (!r.source.empty()) rj["source"] = r.source;
    } else {
      rj["reason"] = r.reason;
    }
    j[r.name] = std::move(rj);
  }
  j["access"] = c.access;
  return j;
}

nlohmann::ordered_json to_json(const SamplingProfile& s) {
  switch (s.state) {
    case SamplingProfile::State::off: return {{"enabled", false}};
    case SamplingProfile::State::unavailable: return {{"available", false}, {"reason", s.reason}};
    case SamplingProfile::State::available: break;
  }
  return {{"available", true},
          {"method", s.method},
          {"samples", s.samples},
          {"measured_samples", s.measured_samples},
          {"effective_hz", s.effective_hz},
          {"top_self", function_shares(s.top_self)},
          {"top_inclusive", function_shares(s.top_inclusive)},
          {"stacks", s.collapsed_stacks}};
}

nlohmann::ordered_json to_json(const DatabaseProfile& d) {
  nlohmann::ordered_json statements = nlohmann::ordered_json::array();
  for (const auto& s : d.statements)
    statements.push_back({{"sql", s.sql}, {"count", s.count}, {"total_ms", s.total_ms}, {"mean_ms", s.mean_ms},
                          {"max_ms", s.max_ms}, {"clock_mean_ms", s.clock_mean_ms}, {"clock_max_ms", s.clock_max_ms},
                          {"slow", s.slow}});
  nlohmann::ordered_json slow = nlohmann::ordered_json::array();
  for (const auto& q : d.slow_queries) slow.push_back({{"sql", q.sql}, {"ms", q.ms}});
  nlohmann::ordered_json plans = nlohmann::ordered_json::array();
  for (const auto& plan : d.plans) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& r : plan.plan) rows.push_back({{"id", r.id}, {"parent", r.parent}, {"detail", r.detail}});
    plans.push_back({{"sql", plan.sql}, {"slow", plan.slow}, {"bulk", plan.bulk}, {"plan", rows}});
    if (!plan.error.empty()) plans.back()["error"] = plan.error;
  }
  nlohmann::ordered_json scans = nlohmann::ordered_json::array();
  for (const auto& f : d.scans) scans.push_back(to_json(f));
  return {{"statements", statements}, {"slow_query_count", d.slow_query_count},
          {"slow_queries", slow},     {"plans", plans},
          {"opportunities", scans},   {"bulk_strategy", d.bulk_strategy},
          {"bulk_rows", d.bulk_rows}, {"database", d.database}};
}

void add_to(nlohmann::ordered_json& operation, const SweepThroughput& sweep) {
  operation["backtests_per_repetition"] = sweep.backtests_per_repetition;
  operation["threads"] = sweep.threads;
  operation["backtests_per_s"] = sweep.backtests_per_s;
}

nlohmann::ordered_json to_json(const Opportunity& o) {
  const std::string priority(to_string(o.priority));
  nlohmann::ordered_json evidence = std::visit(
      [&](const auto& e) -> nlohmann::ordered_json {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, HotspotEvidence>)
          return {{"cumulative_time", e.cumulative_time}, {"self_time", e.self_time}, {"call_count", e.call_count},
                  {"rank", e.rank}};
        else if constexpr (std::is_same_v<E, MemoryEvidence>)
          return {{"peak_memory_mb", e.peak_memory_mb}};
        else if constexpr (std::is_same_v<E, ShareEvidence>) {
          if (e.source == ShareEvidence::Source::sampler)
            return {{"source", "sampler"}, {"share", e.share}, {"samples", e.samples}};
          return {{"source", "zones"}, {"share", e.share}, {"self_time", e.self_time}, {"operation_time", e.operation_time}};
        } else if constexpr (std::is_same_v<E, AllocationEvidence>)
          return {{"case", e.case_label}, {"allocations", e.allocations}, {"bars", e.bars}, {"per_bar", e.per_bar}};
        else if constexpr (std::is_same_v<E, RepeatedWorkEvidence>)
          return {{"signals_share", e.signals_share}, {"parameter_sets", e.parameter_sets}, {"parameter", e.parameter},
                  {"distinct_values", e.distinct_values}};
        else
          return {{"table", e.table},     {"column", e.column}, {"issue", o.issue},          {"figure", o.figure},
                  {"priority", priority}, {"sql", e.sql},       {"table_rows", e.table_rows}};
      },
      o.evidence);
  return {{"operation", o.operation}, {"function", o.function}, {"issue", o.issue},
          {"figure", o.figure},       {"priority", priority},   {"evidence", std::move(evidence)}};
}

}  // namespace ph::report::detail
