// Timing figures from fresh worker processes (docs/compare.md): how many processes and values
// each operation gets, what replaces the run's own samples and what does not, and a worker
// that fails. Nothing here depends on how fast anything ran.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "perfharness/common/errors.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/runner/run.hpp"
#include "file_text.hpp"
#include "scratch_folder.hpp"

using namespace ph;
using nlohmann::json;

namespace {

const char* kWorkersScenario = R"(name: workers
data: {synthetic: {first_date: 2023-01-01, last_date: 2023-03-31}}
defaults: {warmup: 1, repetitions: 2, processes: 3, values: 2, min_time: 0}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross, rsi]
    symbols: [AAA]
    ranges: [{start: 2023-01-01, end: 2023-03-31}]
  - name: load
    kind: data_load
    symbols: [AAA]
    ranges: [{start: 2023-01-01, end: 2023-03-31}]
    processes: 1
    values: 4
  - name: db
    kind: persistence
    source: bt
    saves: 2
    fetches: 1
    processes: 0
)";

std::vector<int> values_per_process(const json& figure) {
  std::vector<int> out;
  if (figure.contains("per_process"))
    for (const auto& p : figure["per_process"]) out.push_back(p["values"].get<int>());
  return out;
}

json run_report(ph_test::ScratchFolder& dir, runner::RunOptions options) {
  options.scenario = dir.file("s.yaml");
  options.outputs = {{"json", dir.file("report.json")}};
  REQUIRE(runner::run_scenario(options) == exit_code::kOk);
  return json::parse(ph_test::file_text(dir.file("report.json")));
}

}  // namespace

TEST_CASE("each operation's timings come from its number of worker processes, each giving its values", "[workers]") {
  ph_test::ScratchFolder dir("ph-workers-test");
  std::ofstream(dir.file("s.yaml")) << kWorkersScenario;
  runner::RunOptions options;
  options.worker_program = PH_BINARY;
  const json report = run_report(dir, options);
  const json& bt = report["operations"][0];
  const json& load = report["operations"][1];
  const json& db = report["operations"][2];

  CHECK(bt["timing"]["processes"] == 3);
  CHECK(bt["timing"]["values"] == 2);
  CHECK(bt["timing"]["iterations"].size() == 3);
  for (const auto& n : bt["timing"]["iterations"]) CHECK(n.get<int>() >= 1);
  for (const char* timing : {"time", "cpu_time", "user_time", "system_time", "cpu_ratio"}) {
    INFO(timing);
    CHECK(values_per_process(bt["figures"][timing]) == std::vector<int>{2, 2, 2});
    CHECK(bt["figures"][timing]["samples"].size() == 6);
  }
  // Sizes and counts stay the run's own: one sample per profiled repetition, no processes.
  for (const char* own : {"peak_memory", "allocations", "page_faults"}) {
    INFO(own);
    if (!bt["figures"].contains(own)) continue;  // heap figures are missing under the sanitizers
    CHECK(values_per_process(bt["figures"][own]).empty());
    CHECK(bt["figures"][own]["samples"].size() == 2);
  }
  // Cases too: each case's time per process.
  REQUIRE(bt["cases"].size() == 2);
  for (const auto& c : bt["cases"]) CHECK(values_per_process(c["figures"]["time"]) == std::vector<int>{2, 2, 2});

  CHECK(load["timing"]["processes"] == 1);
  CHECK(values_per_process(load["figures"]["time"]) == std::vector<int>{4});

  // processes: 0 times in the run's own repetitions, as before worker processes.
  CHECK(db["timing"]["processes"] == 0);
  CHECK(db["timing"]["iterations"].empty());
  CHECK(values_per_process(db["figures"]["time"]).empty());
  CHECK(db["figures"]["time"]["samples"].size() == 2);
  CHECK(db["figures"]["save_time"]["samples"].size() == 4);  // 2 saves x 2 repetitions
}

TEST_CASE("the run's options override every operation's measurement settings", "[workers]") {
  ph_test::ScratchFolder dir("ph-workers-options-test");
  std::ofstream(dir.file("s.yaml")) << kWorkersScenario;
  runner::RunOptions options;
  options.worker_program = PH_BINARY;
  options.processes = 2;
  options.values = 1;
  const json report = run_report(dir, options);
  for (const auto& op : report["operations"]) {
    INFO(op["name"].get<std::string>());
    CHECK(op["timing"]["processes"] == 2);
    CHECK(values_per_process(op["figures"]["time"]) == std::vector<int>{1, 1});
  }
  options.processes = 0;
  const json in_process = run_report(dir, options);
  for (const auto& op : in_process["operations"]) CHECK(op["timing"]["processes"] == 0);
}

TEST_CASE("a persistence operation is timed in workers whose source backtest is not", "[workers]") {
  ph_test::ScratchFolder dir("ph-workers-source-test");
  std::ofstream(dir.file("s.yaml")) << R"(name: source not timed
data: {synthetic: {first_date: 2023-01-01, last_date: 2023-03-31}}
defaults: {warmup: 0, repetitions: 1, values: 1, min_time: 0}
operations:
  - {name: bt, kind: backtest, strategies: [sma_cross], symbols: [AAA], ranges: [{start: 2023-01-01, end: 2023-03-31}],
     processes: 0}
  - {name: db, kind: persistence, source: bt, saves: 1, fetches: 1, processes: 2}
)";
  runner::RunOptions options;
  options.worker_program = PH_BINARY;
  const json report = run_report(dir, options);
  const json& db = report["operations"][1];
  CHECK_FALSE(db.contains("error"));
  CHECK(values_per_process(db["figures"]["save_time"]) == std::vector<int>{1, 1});
  CHECK(report["operations"][0]["timing"]["processes"] == 0);
}

TEST_CASE("a worker that fails stops the run with its exit code and no report", "[workers]") {
  ph_test::ScratchFolder dir("ph-workers-fail-test");
  std::ofstream(dir.file("s.yaml")) << kWorkersScenario;
  runner::RunOptions options;
  options.scenario = dir.file("s.yaml");
  options.outputs = {{"json", dir.file("report.json")}};
  options.worker_program = "/bin/false";
  CHECK_THROWS_WITH(runner::run_scenario(options), Catch::StartsWith("worker process 1 of 3 failed (exit 1)"));
  CHECK_FALSE(std::filesystem::exists(dir.file("report.json")));
}
