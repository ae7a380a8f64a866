// The reporter registry, and the JSON reporter's rendering of every typed part of a result.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "perfharness/report/reporter.hpp"
#include "perfharness/report/reporters.hpp"
#include "report_test_util.hpp"

using namespace ph::report;
using namespace ph::report::test;

namespace {

nlohmann::json rendered_json(const RunResult& run) { return nlohmann::json::parse(render("json", run)); }

}  // namespace

TEST_CASE("the registry finds each reporter by its format, and only those", "[reporters]") {
  std::set<std::string_view> formats;
  for (const auto& r : reporters()) {
    CHECK(formats.insert(r.format).second);
    CHECK(find_reporter(r.format) == &r);
    CHECK(!r.description.empty());
  }
  CHECK(formats ==
        std::set<std::string_view>{"json", "flamegraph", "junit", "markdown", "benchmark-json", "summary", "trace", "html"});
  CHECK(find_reporter("JSON") == nullptr);
  CHECK_THROWS_AS(render("pdf", mixed_run()), std::invalid_argument);
}

TEST_CASE("each reporter renders what its function renders", "[reporters]") {
  const RunResult run = mixed_run();
  CHECK(render("json", run) == report_json(run).dump(2) + "\n");
  CHECK(render("junit", run) == junit_xml(run));
  CHECK(render("markdown", run) == markdown_summary(run));
  CHECK(render("benchmark-json", run) == benchmark_json(run).dump(2) + "\n");
  std::ostringstream summary;
  write_console_summary(summary, run);
  CHECK(render("summary", run) == summary.str());
  CHECK(render("summary", run).rfind("perfharness: suite", 0) == 0);
  CHECK(render("trace", run) == chrome_trace(run.timeline));
}

TEST_CASE("the flame graph holds every operation's measured stacks, one line each", "[reporters]") {
  RunResult run = mixed_run();
  CHECK(render("flamegraph", run).empty());
  run.operations[0].sampling.collapsed_stacks = {"main;run 3", "main;idle 1"};
  run.operations[1].sampling.collapsed_stacks = {"load;parse 2"};
  CHECK(render("flamegraph", run) == "main;run 3\nmain;idle 1\nload;parse 2\n");
}

TEST_CASE("the JSON report says which profilers were off, and why", "[reporters]") {
  RunResult run = mixed_run();
  run.operations[0].memory = {false, 12.5, 20.25, "sanitizer build"};
  auto j = rendered_json(run);
  const auto& op = j["operations"][0];
  CHECK(op["memory"] == nlohmann::json::parse(R"j({"heap_tracking":false,"rss_mb":12.5,"rss_high_water_mb":20.25,
                                                  "reason":"sanitizer build"})j"));
  CHECK(op["counters"] == nlohmann::json::parse(R"j({"enabled":false})j"));
  CHECK(op["sampling"] == nlohmann::json::parse(R"j({"enabled":false})j"));
  CHECK(!op.contains("database"));
  CHECK(!op.contains("threads"));

  auto& sampling = run.operations[0].sampling;
  sampling.state = SamplingProfile::State::unavailable;
  sampling.reason = "perf_event_open: EACCES";
  CHECK(rendered_json(run)["operations"][0]["sampling"] ==
        nlohmann::json::parse(R"j({"available":false,"reason":"perf_event_open: EACCES"})j"));
}

TEST_CASE("the JSON report writes counters, samples, database and throughput as measured", "[reporters]") {
  RunResult run = mixed_run();
  auto& op = run.operations[0];
  op.counters.enabled = true;
  op.counters.access = "paranoid 2";
  CounterReading clock{"task-clock", "ns", true, {100, 200}, true, false, "", ""};
  CounterReading switches{"context-switches", "count", true, {1}, false, true, "getrusage", ""};
  CounterReading cycles{"cycles", "count", false, {}, false, false, "", "no hardware PMU"};
  op.counters.counters = {clock, switches, cycles};
  op.sampling.state = SamplingProfile::State::available;
  op.sampling.method = "perf_event task-clock";
  op.sampling.samples = 400;
  op.sampling.measured_samples = 14;
  op.sampling.effective_hz = 2650.5;
  op.sampling.top_self = {{"f", 300, 0.75, {}}};
  op.sampling.collapsed_stacks = {"main;f 14"};  // the flame graph's, not the report's
  DatabaseProfile db;
  db.statements = {{"COMMIT", 16, 1.0, 0.0625, 1.0, 0.02, 0.05, 0}};
  db.slow_query_count = 1;
  db.slow_queries = {{"SELECT 1", 150.5}};
  db.plans = {{"SELECT * FROM t", true, false, {{2, 0, "SCAN t"}}, ""}, {"SELECT 2", false, true, {}, "no plan"}};
  TableScanFinding scan;
  scan.table = "t";
  scan.figure = "SCAN t (10000 rows)";
  scan.sql = "SELECT * FROM t";
  scan.table_rows = 10000;
  db.scans = {scan};
  db.bulk_strategy = "sma_cross";
  db.bulk_rows = 7;
  db.database = "runs.db";
  op.database = db;
  op.sweep = SweepThroughput{16, 2, {4000.5, 4100.25}};

  const auto j = rendered_json(run)["operations"][0];
  CHECK(j["counters"] == nlohmann::json::parse(R"j({
    "task-clock": {"unit":"ns","available":true,"per_repetition":[100.0,200.0],"multiplexed":true},
    "context-switches": {"unit":"count","available":true,"per_repetition":[1.0],"user_mode_only":true,"source":"getrusage"},
    "cycles": {"unit":"count","available":false,"reason":"no hardware PMU"},
    "access": "paranoid 2"})j"));
  CHECK(j["sampling"] == nlohmann::json::parse(R"j({"available":true,"method":"perf_event task-clock","samples":400,
    "measured_samples":14,"effective_hz":2650.5,"top_self":[{"function":"f","samples":300,"fraction":0.75}],
    "top_inclusive":[],"stacks":["main;f 14"]})j"));
  CHECK(j["database"] == nlohmann::json::parse(R"j({
    "statements":[{"sql":"COMMIT","count":16,"total_ms":1.0,"mean_ms":0.0625,"max_ms":1.0,"clock_mean_ms":0.02,
                   "clock_max_ms":0.05,"slow":0}],
    "slow_query_count":1, "slow_queries":[{"sql":"SELECT 1","ms":150.5}],
    "plans":[{"sql":"SELECT * FROM t","slow":true,"bulk":false,"plan":[{"id":2,"parent":0,"detail":"SCAN t"}]},
             {"sql":"SELECT 2","slow":false,"bulk":true,"plan":[],"error":"no plan"}],
    "opportunities":[{"table":"t","column":"","issue":"Full table scan","figure":"SCAN t (10000 rows)",
                      "priority":"Medium","sql":"SELECT * FROM t","table_rows":10000}],
    "bulk_strategy":"sma_cross","bulk_rows":7,"database":"runs.db"})j"));
  CHECK(j["backtests_per_repetition"] == 16.0);
  CHECK(j["threads"] == 2);
  CHECK(j["backtests_per_s"] == nlohmann::json::parse("[4000.5, 4100.25]"));
  // The sweep's figures sit between the profiles and the warnings, where the report format lists them.
  std::vector<std::string> keys;
  const auto ordered = nlohmann::ordered_json::parse(render("json", run));
  for (const auto& [k, v] : ordered["operations"][0].items()) keys.push_back(k);
  CHECK(std::vector<std::string>(keys.end() - 5, keys.end()) ==
        std::vector<std::string>{"database", "backtests_per_repetition", "threads", "backtests_per_s", "warnings"});
}

TEST_CASE("opportunities carry their evidence by kind, and the verdict lists regressions", "[reporters]") {
  RunResult run = mixed_run();
  run.opportunities = {{"bt", "strategy_loop", "High cumulative time", "1.500 s cumulative per repetition",
                        Priority::high, HotspotEvidence{1.5, 0.5, 3, 1}},
                       {"bt", "", "High memory usage", "612.0 MB peak", Priority::medium, MemoryEvidence{612}},
                       {"db", "t", "Full table scan", "SCAN t", Priority::medium, TableScanEvidence{"t", "c", "SELECT", 9}}};
  run.comparison->result.comparisons[0].change = INFINITY;  // the base median was 0
  const auto j = rendered_json(run);
  CHECK(j["optimization_opportunities"] == nlohmann::json::parse(R"j([
    {"operation":"bt","function":"strategy_loop","issue":"High cumulative time","figure":"1.500 s cumulative per repetition",
     "priority":"High","evidence":{"cumulative_time":1.5,"self_time":0.5,"call_count":3,"rank":1}},
    {"operation":"bt","function":"","issue":"High memory usage","figure":"612.0 MB peak","priority":"Medium",
     "evidence":{"peak_memory_mb":612.0}},
    {"operation":"db","function":"t","issue":"Full table scan","figure":"SCAN t","priority":"Medium",
     "evidence":{"table":"t","column":"c","issue":"Full table scan","figure":"SCAN t","priority":"Medium",
                 "sql":"SELECT","table_rows":9}}])j"));
  CHECK(j["comparison"]["baseline"] == "base.json");
  CHECK(j["comparison"]["comparisons"].size() == 2);
  CHECK(j["verdict"]["regressions"] == nlohmann::json::parse(R"j([{"operation":"bt","case":null,"figure":"time","change":null,"p_value":0.012}])j"));
}
