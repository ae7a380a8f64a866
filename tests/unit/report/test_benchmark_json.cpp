// The benchmark-tracking action's input: only figures perfharness judges, valued by the median
// it judges, and no zero the action would divide by.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "perfharness/report/reporter.hpp"
#include "report_test_util.hpp"

using namespace ph::report;
using namespace ph::report::test;

TEST_CASE("benchmark JSON holds the judged figures, each at its median", "[benchmark-json]") {
  RunResult run = mixed_run();
  auto& figures = run.operations[0].figures;
  for (const char* descriptive : {"user_time", "system_time", "cpu_ratio", "heap_at_start", "heap_at_end"})
    figures[descriptive] = figure(descriptive == std::string("cpu_ratio") ? "ratio" : "s", {0.1, 0.2, 0.3});
  figures["cpu_time"] = figure("s", {0.2, 0.4, 0.3});
  figures["allocations"] = figure("count", {0, 0, 0});  // zero: left out
  const auto a = benchmark_json(run);
  std::set<std::string> names;
  for (const auto& e : a) {
    names.insert(e["name"].get<std::string>());
    CHECK(e["value"].get<double>() > 0);
  }
  CHECK(names == std::set<std::string>{"bt cpu_time", "bt instructions", "bt peak_memory", "bt time"});
  for (const auto& e : a) {
    if (e["name"] == "bt peak_memory") CHECK(e["value"] == 13.0);  // the median, not the max
    if (e["name"] == "bt time") {
      CHECK(e["value"] == 0.25);
      CHECK(e["unit"] == "s");
      CHECK(e["range"] == "± 0 s");
      CHECK(e["extra"] == "median of 3 repetitions");
    }
    if (e["name"] == "bt instructions") CHECK(e["extra"] == "exact count");
  }
}
