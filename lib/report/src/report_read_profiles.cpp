// The sections profiles_json.cpp writes, read back field by field.
#include "report_read_parts.hpp"

namespace ph::report::detail {
namespace {

std::string optional_string(const JsonField& j, const char* key) {
  const auto v = j.find(key);
  return v ? v->string() : std::string();
}

std::vector<FunctionShare> read_shares(const JsonField& j) {
  std::vector<FunctionShare> rows;
  j.each([&](const JsonField& f) {
    rows.push_back({f.at("function").string(), f.at("samples").count(), f.at("fraction").number(), optional_string(f, "line")});
  });
  return rows;
}

Priority read_priority(const JsonField& j) {
  const std::string text = j.string();
  if (text == to_string(Priority::high)) return Priority::high;
  if (text == to_string(Priority::medium)) return Priority::medium;
  j.fail("'" + text + "' is not a priority (High or Medium)");
}

}  // namespace

Environment read_environment(const JsonField& j) {
  Environment e;
  e.host = j.at("host").string();
  e.os = j.at("os").string();
  e.kernel = j.at("kernel").string();
  e.machine = j.at("machine").string();
  e.cpu_model = j.at("cpu_model").string();
  e.cores = static_cast<unsigned>(j.at("cores").count());
  e.compiler = j.at("compiler").string();
  e.build_type = j.at("build_type").string();
  e.utc_time = j.at("utc_time").string();
  const JsonField p = j.at("profilers");
  e.profilers.heap = p.at("heap").boolean();
  e.profilers.heap_reason = optional_string(p, "heap_reason");
  e.profilers.perf_events = p.at("perf_events").boolean();
  e.profilers.perf_events_detail = p.at("perf_events_detail").string();
  e.profilers.hardware_counters = p.at("hardware_counters").boolean();
  e.profilers.hardware_counters_reason = optional_string(p, "hardware_counters_reason");
  e.profilers.callgrind = p.at("callgrind").boolean();
  return e;
}

MemorySnapshot read_memory(const JsonField& j) {
  MemorySnapshot m;
  m.heap_tracking = j.at("heap_tracking").boolean();
  m.rss_mb = j.at("rss_mb").number();
  m.rss_high_water_mb = j.at("rss_high_water_mb").number();
  m.heap_tracking_reason = optional_string(j, "reason");
  return m;
}

CountersProfile read_counters(const JsonField& j) {
  CountersProfile c;
  if (const auto enabled = j.find("enabled"); enabled && !enabled->boolean()) return c;
  c.enabled = true;
  j.members([&](const std::string& name, const JsonField& r) {
    if (name == "access") {
      c.access = r.string();
      return;
    }
    CounterReading reading;
    reading.name = name;
    reading.unit = r.at("unit").string();
    reading.available = r.at("available").boolean();
    if (reading.available) {
      reading.per_repetition = r.at("per_repetition").numbers();
      if (const auto m = r.find("multiplexed")) reading.multiplexed = m->boolean();
      if (const auto u = r.find("user_mode_only")) reading.user_mode_only = u->boolean();
      reading.source = optional_string(r, "source");
    } else {
      reading.reason = r.at("reason").string();
    }
    c.counters.push_back(std::move(reading));
  });
  return c;
}

SamplingProfile read_sampling(const JsonField& j) {
  SamplingProfile s;
  if (const auto enabled = j.find("enabled"); enabled && !enabled->boolean()) return s;
  if (!j.at("available").boolean()) {
    s.state = SamplingProfile::State::unavailable;
    s.reason = j.at("reason").string();
    return s;
  }
  s.state = SamplingProfile::State::available;
  s.method = j.at("method").string();
  s.samples = j.at("samples").count();
  s.measured_samples = j.at("measured_samples").count();
  s.effective_hz = j.at("effective_hz").number();
  s.top_self = read_shares(j.at("top_self"));
  s.top_inclusive = read_shares(j.at("top_inclusive"));
  s.collapsed_stacks = j.at("stacks").strings();
  return s;
}

DatabaseProfile read_database(const JsonField& j) {
  DatabaseProfile d;
  j.at("statements").each([&](const JsonField& s) {
    d.statements.push_back({s.at("sql").string(), s.at("count").integer(), s.at("total_ms").number(), s.at("mean_ms").number(),
                            s.at("max_ms").number(), s.at("clock_mean_ms").number(), s.at("clock_max_ms").number(),
                            s.at("slow").integer()});
  });
  d.slow_query_count = j.at("slow_query_count").integer();
  j.at("slow_queries").each([&](const JsonField& q) { d.slow_queries.push_back({q.at("sql").string(), q.at("ms").number()}); });
  j.at("plans").each([&](const JsonField& p) {
    ExplainedQuery q;
    q.sql = p.at("sql").string();
    q.slow = p.at("slow").boolean();
    q.bulk = p.at("bulk").boolean();
    p.at("plan").each([&](const JsonField& r) {
      q.plan.push_back({static_cast<int>(r.at("id").integer()), static_cast<int>(r.at("parent").integer()), r.at("detail").string()});
    });
    q.error = optional_string(p, "error");
    d.plans.push_back(std::move(q));
  });
  j.at("opportunities").each([&](const JsonField& f) {
    d.scans.push_back({f.at("table").string(), f.at("column").string(), f.at("issue").string(), f.at("figure").string(),
                       read_priority(f.at("priority")), f.at("sql").string(), f.at("table_rows").integer()});
  });
  d.bulk_strategy = j.at("bulk_strategy").string();
  d.bulk_rows = j.at("bulk_rows").count();
  d.database = j.at("database").string();
  return d;
}

}  // namespace ph::report::detail
