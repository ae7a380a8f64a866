// The shipped files: configs/default.yaml agrees with the built-in thresholds, and
// every example validates. Also what a loaded scenario records about its file.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "perfharness/common/sha256.hpp"
#include "perfharness/plugins/plugin_loader.hpp"
#include "perfharness/scenario/scenario_json.hpp"
#include "scenario_test_util.hpp"

using namespace ph::scenario;
using namespace ph::scenario::test;

namespace {
const std::filesystem::path kSource = PH_SOURCE_DIR;
}

TEST_CASE("configs/default.yaml holds exactly the built-in thresholds", "[scenario][files]") {
  std::vector<Diagnostic> problems;
  const auto file = load_thresholds(kSource / "configs/default.yaml", problems);
  for (const auto& p : problems) UNSCOPED_INFO(p.format());
  REQUIRE(file);
  CHECK(to_json(*file) == to_json(Thresholds{}));
  // Every field is written out in the file, not left to the defaults.
  std::ifstream in(kSource / "configs/default.yaml");
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json defaults = to_json(Thresholds{});
  for (const auto& [key, value] : defaults.items()) CHECK_THAT(text.str(), Catch::Contains(key + ":"));
}

TEST_CASE("a thresholds file with a changed value reads as different", "[scenario][files]") {
  TempDir dir;
  std::vector<Diagnostic> problems;
  const auto t = load_thresholds(dir.write("t.yaml", "thresholds: {memory_high_mb: 800}\n"), problems);
  REQUIRE(t);
  CHECK(t->memory_high_mb == 800);
  CHECK(to_json(*t) != to_json(Thresholds{}));
  CHECK_FALSE(load_thresholds(dir.write("u.yaml", "thresholds: {memory_hihg_mb: 800}\n"), problems));
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("did you mean 'memory_high_mb'"));
}

TEST_CASE("every shipped example validates", "[scenario][files]") {
  ph::plugins::load_plugin(PH_EXAMPLE_PLUGIN);  // plugin.yaml's strategies (docs/plugins.md)
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSource / "scenarios/examples")) {
    const auto ext = entry.path().extension();
    if (ext != ".yaml" && ext != ".json") continue;
    ++count;
    const auto r = load_scenario(entry.path());
    INFO(entry.path().string() << "\n" << all_problems(r));
    CHECK(r.scenario);
  }
  CHECK(count >= 6);
}

TEST_CASE("a scenario records its absolute path, the SHA-256 of its bytes and absolute CSV paths", "[scenario][files]") {
  const auto file = kSource / "scenarios/examples/csv.yaml";
  const auto r = load_scenario(file);
  REQUIRE(r.scenario);
  const Scenario& s = *r.scenario;
  CHECK(s.path.is_absolute());
  CHECK(s.path == std::filesystem::absolute(file).lexically_normal());
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  CHECK(s.sha256 == ph::sha256_hex(bytes.str()));
  CHECK(s.sha256.size() == 64);
  CHECK(s.data.kind == DataSource::Kind::Csv);
  CHECK(s.data.csv_dir == (kSource / "scenarios/examples/data").lexically_normal());
  CHECK(s.data.csv_files.at("ACME") == (kSource / "scenarios/examples/data/ACME.csv").lexically_normal());
}

TEST_CASE("a relative scenario path resolves against the working directory", "[scenario][files]") {
  TempDir dir;
  dir.write("s.yaml", "name: t\noperations: [{name: a, kind: data_load, symbols: [X], ranges: [{start: 2021-01-01, end: 2021-01-02}]}]\n");
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  const auto r = load_scenario("s.yaml");
  std::filesystem::current_path(previous);
  REQUIRE(r.scenario);
  CHECK(r.scenario->path == dir.path() / "s.yaml");
  CHECK(r.problems.empty());
  // Defaults: data is synthetic with the scenario's seed.
  CHECK(r.scenario->data.kind == DataSource::Kind::Synthetic);
  CHECK(r.scenario->data.synthetic.seed == 42);
  CHECK(r.scenario->defaults.repetitions == 5);
}
