// A run writes each requested output through its reporter, and refuses a format none writes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "perfharness/common/errors.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/persistence/database.hpp"
#include "perfharness/runner/run.hpp"
#include "file_text.hpp"
#include "scratch_folder.hpp"

using namespace ph;

namespace {

const char* kOutputsScenario = R"(name: outputs
data: {synthetic: {first_date: 2023-01-01, last_date: 2023-03-31}}
defaults: {warmup: 0, repetitions: 1}
operations:
  - name: load
    kind: data_load
    symbols: [AAA]
    ranges: [{start: 2023-01-01, end: 2023-03-31}]
)";

}  // namespace

TEST_CASE("every requested format is written by its reporter", "[outputs]") {
  ph_test::ScratchFolder dir("ph-outputs-test");
  std::ofstream(dir.file("s.yaml")) << kOutputsScenario;
  runner::RunOptions options;
  options.worker_program = PH_BINARY;
  options.scenario = dir.file("s.yaml");
  options.outputs = {{"json", dir.file("report.json")}, {"summary", dir.file("summary.txt")},
                     {"markdown", dir.file("summary.md")}, {"trace", dir.file("trace.json")}};
  REQUIRE(runner::run_scenario(options) == exit_code::kOk);
  const auto report = nlohmann::json::parse(ph_test::file_text(dir.file("report.json")));
  CHECK(report["scenario"]["name"] == "outputs");
  CHECK(ph_test::file_text(dir.file("summary.txt")).rfind("perfharness: outputs\n", 0) == 0);
  CHECK(ph_test::file_text(dir.file("summary.md")).rfind("### perfharness: outputs", 0) == 0);
  CHECK(nlohmann::json::parse(ph_test::file_text(dir.file("trace.json"))).contains("traceEvents"));
}

TEST_CASE("a format no reporter writes is an input error before anything runs", "[outputs]") {
  ph_test::ScratchFolder dir("ph-outputs-test");
  std::ofstream(dir.file("s.yaml")) << kOutputsScenario;
  runner::RunOptions options;
  options.worker_program = PH_BINARY;
  options.scenario = dir.file("s.yaml");
  options.outputs = {{"json", dir.file("report.json")}, {"pdf", dir.file("report.pdf")}};
  try {
    runner::run_scenario(options);
    FAIL("no error");
  } catch (const InputError& e) {
    const std::string what = e.what();
    CHECK(what.find("output format 'pdf'") != std::string::npos);
    CHECK(what.find("json, flamegraph, junit, markdown, benchmark-json, summary, trace, html") != std::string::npos);
  }
  CHECK(!std::filesystem::exists(dir.file("report.json")));
  CHECK(!std::filesystem::exists(dir.file("report.pdf")));
}

TEST_CASE("the report in --db is the report file, byte for byte", "[outputs]") {
  ph_test::ScratchFolder dir("ph-outputs-test");
  std::ofstream(dir.file("s.yaml")) << kOutputsScenario;
  runner::RunOptions options;
  options.worker_program = PH_BINARY;
  options.scenario = dir.file("s.yaml");
  options.db = dir.file("runs.db");
  options.outputs = {{"json", dir.file("report.json")}, {"json", dir.file("again.json")}};
  REQUIRE(runner::run_scenario(options) == exit_code::kOk);
  const std::string file = ph_test::file_text(dir.file("report.json"));
  REQUIRE(!file.empty());
  CHECK(ph_test::file_text(dir.file("again.json")) == file);
  persistence::Database db(dir.file("runs.db"));
  CHECK(db.run_report(1) == file);
}
