// Confirmation against a baseline (docs/compare.md): an operation whose timings look regressed
// is measured again in fresh worker processes. The baselines here are the run's own report with
// one operation's timings divided by a million (it must look regressed, whatever the machine:
// a value of the run would have to stray a million-fold from its median for the noise band to
// cover that) and the other's multiplied by a million (it must not), so nothing depends on how
// fast anything ran.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "perfharness/common/exit_codes.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/runner/run.hpp"
#include "perfharness/runner/run_observer.hpp"
#include "file_text.hpp"
#include "scratch_folder.hpp"

using namespace ph;
using nlohmann::json;

namespace {

const char* kConfirmScenario = R"(name: confirm
data: {synthetic: {first_date: 2023-01-01, last_date: 2023-03-31}}
defaults: {warmup: 1, repetitions: 1, processes: 4, values: 1, min_time: 0.002}
operations:
  - {name: slower, kind: backtest, strategies: [sma_cross], symbols: [AAA], ranges: [{start: 2023-01-01, end: 2023-03-31}]}
  - {name: faster, kind: backtest, strategies: [rsi], symbols: [AAA], ranges: [{start: 2023-01-01, end: 2023-03-31}]}
)";

struct ConfirmationRecorder : runner::RunObserver {
  std::vector<std::vector<std::string>> confirmations;
  int workers_after_confirming = 0;
  void confirming(const std::vector<std::string>& operations) override { confirmations.push_back(operations); }
  void worker_starting(int, int) override { workers_after_confirming += confirmations.empty() ? 0 : 1; }
};

runner::RunOptions options_in(const ph_test::ScratchFolder& dir) {
  runner::RunOptions options;
  options.scenario = dir.file("s.yaml");
  options.worker_program = PH_BINARY;
  return options;
}

// The run's own report, with `slower`'s timings made a million times smaller and `faster`'s a
// million times larger.
std::filesystem::path make_baseline(const ph_test::ScratchFolder& dir) {
  runner::RunOptions options = options_in(dir);
  options.outputs = {{"json", dir.file("first.json")}};
  REQUIRE(runner::run_scenario(options) != exit_code::kRuntime);
  json report = json::parse(ph_test::file_text(dir.file("first.json")));
  const auto scale = [](json& figures, double factor) {
    for (auto& [name, figure] : figures.items())
      if (figures::is_timing(name))
        for (auto& x : figure["samples"]) x = x.get<double>() * factor;
  };
  // The cases too: judged behind a regressed operation, unscaled they would be an A/A pair,
  // regressed or not as the machine's noise has it.
  for (auto& op : report["operations"]) {
    const double factor = op["name"] == "slower" ? 1e-6 : 1e6;
    scale(op["figures"], factor);
    for (auto& c : op["cases"]) scale(c["figures"], factor);
  }
  std::ofstream(dir.file("baseline.json")) << report.dump();
  return dir.file("baseline.json");
}

// The operation's row, or with `case_label` its case's.
const json& row(const json& report, const std::string& operation, const std::string& figure,
                const std::string& case_label = "") {
  for (const auto& r : report["comparison"]["comparisons"])
    if (r["operation"] == operation && r["figure"] == figure &&
        (case_label.empty() ? r["case"].is_null() : r["case"] == case_label))
      return r;
  FAIL("no comparison row for " << operation << " / " << figure);
  throw;
}

}  // namespace

TEST_CASE("an operation that looks slower is measured again in fresh processes and its regression confirmed", "[workers][confirm]") {
  ph_test::ScratchFolder dir("ph-confirm-test");
  std::ofstream(dir.file("s.yaml")) << kConfirmScenario;
  runner::RunOptions options = options_in(dir);
  options.baseline = make_baseline(dir);
  options.outputs = {{"json", dir.file("report.json")}};
  ConfirmationRecorder recorder;
  CHECK(runner::run_scenario(options, &recorder) == exit_code::kRegression);

  // Only the operation that looked slower, in as many processes as it was timed in first.
  REQUIRE(recorder.confirmations.size() == 1);
  CHECK(recorder.confirmations[0] == std::vector<std::string>{"slower"});
  CHECK(recorder.workers_after_confirming == 4);

  const json report = json::parse(ph_test::file_text(dir.file("report.json")));
  const json& time = row(report, "slower", "time");
  CHECK(time["verdict"] == "regressed");
  REQUIRE(time["confirmation"].is_object());
  CHECK(time["confirmation"]["processes"] == 4);
  CHECK(time["confirmation"]["agreed"] == true);
  CHECK(time["confirmation"]["change"].get<double>() > 10);
  CHECK_THAT(time["reason"].get<std::string>(), Catch::Contains("confirmed in 4 fresh processes"));
  CHECK(report["comparison"]["unconfirmed"] == 0);
  // Its case, named behind it, is confirmed with it.
  const json& in_case = row(report, "slower", "time", "sma_cross AAA 2023-01-01..2023-03-31");
  CHECK(in_case["verdict"] == "regressed");
  CHECK(in_case["confirmation"]["agreed"] == true);
  // Improved, or unchanged when a stray value widened the noise band: never measured again.
  CHECK(row(report, "faster", "time")["verdict"] != "regressed");
  CHECK(row(report, "faster", "time")["confirmation"].is_null());
}

TEST_CASE("confirm: false in the scenario lets the first judgement stand, and the run option turns it back on", "[workers][confirm]") {
  ph_test::ScratchFolder dir("ph-confirm-off-test");
  std::ofstream(dir.file("s.yaml")) << kConfirmScenario;
  const std::filesystem::path baseline = make_baseline(dir);
  runner::RunOptions options = options_in(dir);
  options.baseline = baseline;
  options.overrides = {"confirm=false"};
  options.outputs = {{"json", dir.file("report.json")}};
  ConfirmationRecorder off;
  CHECK(runner::run_scenario(options, &off) == exit_code::kRegression);
  CHECK(off.confirmations.empty());
  const json report = json::parse(ph_test::file_text(dir.file("report.json")));
  CHECK(row(report, "slower", "time")["verdict"] == "regressed");
  CHECK(row(report, "slower", "time")["confirmation"].is_null());

  options.confirm = true;
  ConfirmationRecorder on;
  CHECK(runner::run_scenario(options, &on) == exit_code::kRegression);
  CHECK(on.confirmations.size() == 1);
}
