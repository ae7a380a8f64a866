// A run records only figures of the catalogue, in the catalogue's units, for the kinds it names.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "perfharness/common/exit_codes.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/runner/run.hpp"
#include "file_text.hpp"
#include "scratch_folder.hpp"

using namespace ph;
using figures::FigureInfo;

TEST_CASE("a run records only catalogue figures, in the catalogue's unit, for the kinds it names", "[figures]") {
  ph_test::ScratchFolder dir("ph-figures-test");
  std::ofstream(dir.file("s.yaml")) << R"(name: every kind
data: {synthetic: {first_date: 2023-01-01, last_date: 2023-03-31}}
defaults: {warmup: 0, repetitions: 1}
operations:
  - {name: bt, kind: backtest, strategies: [sma_cross], symbols: [AAA], ranges: [{start: 2023-01-01, end: 2023-03-31}]}
  - {name: load, kind: data_load, symbols: [AAA], ranges: [{start: 2023-01-01, end: 2023-03-31}]}
  - {name: grid, kind: sweep, strategy: sma_cross, grid: {fast_period: [5, 10], slow_period: [20]}, symbols: [AAA],
     ranges: [{start: 2023-01-01, end: 2023-03-31}]}
  - {name: db, kind: persistence, source: bt, saves: 2, fetches: 2}
)";
  runner::RunOptions options;
  options.worker_program = PH_BINARY;
  options.scenario = dir.file("s.yaml");
  options.outputs = {{"json", dir.file("report.json")}};
  REQUIRE(runner::run_scenario(options) == exit_code::kOk);
  const auto report = nlohmann::json::parse(ph_test::file_text(dir.file("report.json")));
  const std::pair<const char*, unsigned> kind_bits[] = {{"backtest", figures::kBacktest},
                                                         {"data_load", figures::kDataLoad},
                                                         {"sweep", figures::kSweep},
                                                         {"persistence", figures::kPersistence}};
  std::size_t checked = 0;
  for (const auto& op : report["operations"]) {
    unsigned bit = 0;
    for (const auto& [kind, b] : kind_bits)
      if (op["kind"] == kind) bit = b;
    REQUIRE(bit != 0);
    std::vector<nlohmann::json> sets = {op["figures"]};
    for (const auto& c : op["cases"]) sets.push_back(c["figures"]);
    for (const auto& set : sets)
      for (const auto& [key, figure] : set.items()) {
        INFO(op["name"].get<std::string>() << " / " << key);
        const FigureInfo* f = figures::find(key);
        REQUIRE(f);
        CHECK(figure["unit"] == std::string(f->unit));
        CHECK((f->kinds & bit) != 0);
        ++checked;
      }
  }
  CHECK(checked > 40);
}

TEST_CASE("every counter the kernel let us read is a figure of the same readings, the others none", "[figures]") {
  ph_test::ScratchFolder dir("ph-counter-figures-test");
  std::ofstream(dir.file("s.yaml")) << R"(name: counted
data: {synthetic: {first_date: 2023-01-01, last_date: 2023-03-31}}
defaults: {warmup: 0, repetitions: 2}
operations:
  - {name: bt, kind: backtest, strategies: [sma_cross], symbols: [AAA], ranges: [{start: 2023-01-01, end: 2023-03-31}],
     profile: {counters: true}}
)";
  runner::RunOptions options;
  options.worker_program = PH_BINARY;
  options.scenario = dir.file("s.yaml");
  options.outputs = {{"json", dir.file("report.json")}};
  REQUIRE(runner::run_scenario(options) == exit_code::kOk);
  const auto op = nlohmann::json::parse(ph_test::file_text(dir.file("report.json")))["operations"][0];
  const std::pair<const char*, const char*> figure_of_counter[] = {
      {"task-clock", "task_clock"},         {"minor-faults", "minor_faults"},
      {"major-faults", "major_faults"},     {"context-switches", "context_switches"},
      {"cpu-migrations", "cpu_migrations"}, {"instructions", "retired_instructions"},
      {"cycles", "cycles"},                 {"cache-references", "cache_references"},
      {"cache-misses", "cache_misses"},     {"branch-misses", "branch_misses"}};
  REQUIRE(!op["counters"].contains("enabled"));  // a profile that was off says only "enabled": false
  std::size_t counters = 0;
  for (const auto& [counter, key] : figure_of_counter) {
    INFO(counter << " -> " << key);
    REQUIRE(op["counters"].contains(counter));
    const auto& reading = op["counters"][counter];
    ++counters;
    if (!reading["available"].get<bool>()) {
      CHECK(!op["figures"].contains(key));
      continue;
    }
    REQUIRE(op["figures"].contains(key));
    const auto& samples = op["figures"][key]["samples"];
    const auto& per_repetition = reading["per_repetition"];
    REQUIRE(samples.size() == 2);
    REQUIRE(per_repetition.size() == 2);
    const double scale = std::string(counter) == "task-clock" ? 1e-9 : 1.0;
    for (std::size_t i = 0; i < 2; ++i) CHECK(samples[i].get<double>() == Approx(per_repetition[i].get<double>() * scale));
  }
  CHECK(counters == 10);
  CHECK(!op["figures"].contains("page-faults"));  // the os figure page_faults measures them
}
