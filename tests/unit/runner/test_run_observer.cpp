// The library tells its driver what happens through RunObserver, and never the terminal itself.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "perfharness/common/errors.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/runner/run.hpp"
#include "perfharness/runner/run_observer.hpp"
#include "scratch_folder.hpp"

using namespace ph;

namespace {

struct EventRecorder : runner::RunObserver {
  std::vector<std::string> events;
  std::vector<std::string> problems;
  int finished_exit = -1;
  void scenario_problems(const std::vector<std::string>& lines) override { problems = lines; }
  void repetition_starting(int round, int rounds, const std::string& operation, bool measured) override {
    events.push_back(operation + " " + std::to_string(round) + "/" + std::to_string(rounds) + (measured ? " measured" : " warm-up"));
  }
  void repetitions_done() override { events.push_back("done"); }
  void worker_starting(int worker, int workers) override {
    events.push_back("worker " + std::to_string(worker) + "/" + std::to_string(workers));
  }
  void compared(const report::ComparisonResult& result) override {
    events.push_back("compared " + std::to_string(result.comparisons.size()));
  }
  void finished(const report::RunResult& run) override {
    events.push_back("finished");
    finished_exit = run.exit_code;
  }
};

const char* kObservedScenario = R"(name: observed
data: {synthetic: {first_date: 2023-01-01, last_date: 2023-03-31}}
defaults: {warmup: 1, repetitions: 2, processes: 2, values: 1, min_time: 0}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross]
    symbols: [AAA]
    ranges: [{start: 2023-01-01, end: 2023-03-31}]
    profile: {zones: false}
  - name: load
    kind: data_load
    symbols: [AAA]
    ranges: [{start: 2023-01-01, end: 2023-03-31}]
    repetitions: 1
)";

}  // namespace

TEST_CASE("a run reports each round, the end of the rounds and its result to the observer", "[observer]") {
  ph_test::ScratchFolder dir("ph-observer-test");
  std::ofstream(dir.file("s.yaml")) << kObservedScenario;
  runner::RunOptions options;
  options.worker_program = PH_BINARY;
  options.scenario = dir.file("s.yaml");
  options.outputs = {{"json", dir.file("report.json")}};
  EventRecorder recorder;
  const int code = runner::run_scenario(options, &recorder);
  CHECK(code == exit_code::kOk);
  CHECK(recorder.finished_exit == code);
  // Rounds interleave operations; `load` has one warm-up and one measured round, then rests.
  // Then the worker processes time both, one after the other.
  CHECK(recorder.events == std::vector<std::string>{"bt 1/3 warm-up", "load 1/3 warm-up", "bt 2/3 measured",
                                                    "load 2/3 measured", "bt 3/3 measured", "done", "worker 1/2",
                                                    "worker 2/2", "finished"});

  // Against its own report as the baseline, the comparison comes before the result.
  options.baseline = dir.file("report.json");
  options.outputs = {{"json", dir.file("again.json")}};
  EventRecorder again;
  runner::run_scenario(options, &again);
  REQUIRE(again.events.size() >= 2);
  CHECK(again.events[again.events.size() - 2].rfind("compared ", 0) == 0);
  CHECK(again.events.back() == "finished");
}

TEST_CASE("a scenario's problems go to the observer, then the run stops with an input error", "[observer]") {
  ph_test::ScratchFolder dir("ph-observer-test");
  std::ofstream(dir.file("bad.yaml")) << "name: x\noperations:\n  - name: a\n    kind: backtest\n    strategies: [nope]\n";
  runner::RunOptions options;
  options.worker_program = PH_BINARY;
  options.scenario = dir.file("bad.yaml");
  EventRecorder recorder;
  CHECK_THROWS_AS(runner::run_scenario(options, &recorder), InputError);
  REQUIRE_FALSE(recorder.problems.empty());
  CHECK_THAT(recorder.problems.front(), Catch::Contains("bad.yaml:"));
  CHECK(recorder.events.empty());
}
