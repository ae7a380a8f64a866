// Broken and hostile files: always a Diagnostic with a position, never an exception.
#include <catch2/catch.hpp>

#include "scenario_test_util.hpp"

using namespace ph::scenario;
using namespace ph::scenario::test;

TEST_CASE("a YAML syntax error is reported with its line and column", "[scenario][syntax]") {
  const auto r = load_text("name: x\noperations: [1, 2\nfoo: 3\n");
  REQUIRE_FALSE(r.scenario);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].pos.line == 3);
  CHECK(r.problems[0].pos.column == 4);
  CHECK_THAT(r.problems[0].message, Catch::Contains("YAML syntax error"));
  CHECK_THAT(r.problems[0].format(), Catch::Contains("scenario.yaml:3:4: YAML syntax error"));
}

TEST_CASE("a JSON syntax error is reported with its line and column", "[scenario][syntax]") {
  const auto r = load_text("{\"name\": \"x\",\n  \"operations\": [1, 2,, 3]}", ".json");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].pos.line == 2);
  CHECK(r.problems[0].pos.column == 23);  // the second comma
  CHECK_THAT(r.problems[0].message, Catch::Contains("JSON syntax error") && Catch::Contains("unexpected ','"));
}

TEST_CASE("JSON values and keys carry their own positions", "[scenario][syntax]") {
  const auto r = load_text("{\n  \"name\": \"x\",\n  \"defaults\": {\"repetitions\": \"three\",\n    \"warmupp\": 1},\n"
                           "  \"operations\": []\n}\n",
                           ".json");
  const Diagnostic* reps = problem_at(r, "defaults.repetitions");
  REQUIRE(reps);
  CHECK(reps->pos.line == 3);
  CHECK(reps->pos.column == 31);  // the string "three"
  const Diagnostic* typo = problem_at(r, "defaults.warmupp");
  REQUIRE(typo);
  CHECK(typo->pos.line == 4);
  CHECK(typo->pos.column == 5);
  CHECK_THAT(typo->message, Catch::Contains("did you mean 'warmup'"));
  const Diagnostic* ops = problem_at(r, "operations");
  REQUIRE(ops);
  CHECK(ops->pos.line == 5);
  CHECK(ops->pos.column == 17);
}

TEST_CASE("empty, unreadable and unknown files are problems, not exceptions", "[scenario][syntax]") {
  CHECK_THAT(load_text("").problems.at(0).message, Catch::Contains("empty"));
  CHECK_THAT(load_text("", ".json").problems.at(0).message, Catch::Contains("JSON syntax error"));
  CHECK_THAT(load_text("name: x", ".toml").problems.at(0).message, Catch::Contains(".yaml, .yml or .json"));
  const auto missing = load_scenario("/nonexistent/nowhere.yaml");
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].file == "/nonexistent/nowhere.yaml");
  CHECK_THAT(missing.problems[0].message, Catch::Contains("not found"));
  CHECK_THAT(load_text("- a\n- b\n").problems.at(0).message, Catch::Contains("must be a map"));
  CHECK_THAT(load_text("a: 1\n---\nb: 2\n").problems.at(0).message, Catch::Contains("one document"));
}

TEST_CASE("files over 4 MiB are refused before parsing", "[scenario][limits]") {
  std::string big = "name: x\ndescription: \"";
  big += std::string(4 * 1024 * 1024, 'a');
  big += "\"\noperations: []\n";
  const auto r = load_text(big);
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0].message, Catch::Contains("4194304 bytes (4 MiB)"));
}

TEST_CASE("nesting deeper than 64 levels is refused before parsing", "[scenario][limits]") {
  const std::string flow = "name: x\nnested: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  auto r = load_text(flow);
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0].message, Catch::Contains("deeper than 64"));

  std::string block = "name: x\n";
  for (int i = 0; i < 2000; ++i) block += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k:\n";
  r = load_text(block);
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0].message, Catch::Contains("deeper than 64"));

  r = load_text("{\"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}", ".json");
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0].message, Catch::Contains("deeper than 64"));
}

TEST_CASE("nesting just under the limit is parsed and just over is refused", "[scenario][limits]") {
  // 63 levels of lists inside the root map: 64 in all.
  const std::string ok = "name: x\nnested: " + std::string(63, '[') + std::string(63, ']') + "\n";
  auto r = load_text(ok);
  CHECK(problem_at(r, "nested"));  // parsed: the complaint is about the unknown key
  CHECK_THAT(all_problems(r), !Catch::Contains("deeper"));
  const std::string over = "name: x\nnested: " + std::string(64, '[') + std::string(64, ']') + "\n";
  r = load_text(over);
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0].message, Catch::Contains("deeper than 64"));
}

TEST_CASE("aliases that expand without bound are refused", "[scenario][limits]") {
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) bomb += (j ? ", " : "") + prev;
    bomb += "]\n";
  }
  const auto r = load_text(bomb);
  REQUIRE_FALSE(r.scenario);
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0].message, Catch::Contains("aliases"));
}

TEST_CASE("more than 1000 operations are refused", "[scenario][limits]") {
  std::string text = "name: x\noperations:\n";
  for (int i = 0; i < 1001; ++i)
    text += "  - {name: op" + std::to_string(i) + ", kind: data_load, symbols: [A], ranges: [{start: 2021-01-01, end: 2021-02-01}]}\n";
  auto r = load_text(text);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].path == "operations");
  CHECK_THAT(r.problems[0].message, Catch::Contains("1001 operations; the limit is 1000"));
}

TEST_CASE("YAML that yaml-cpp 0.7 misreads or loops on is a problem, not a hang", "[scenario][syntax]") {
  // YAML::LoadAll loops forever on a document starting with ',' (yaml-cpp issue #1319).
  auto r = load_text(",name: x\noperations: [\n  {name: a, kind: data_load\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].pos.line == 1);
  CHECK_THAT(r.problems[0].message, Catch::Contains("YAML syntax error"));
  r = load_text("a: &x [1, *x]\n");
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0].message, Catch::Contains("refers to the node that contains it"));
  r = load_text("? [a]\n: 1\n");
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems[0].message, Catch::Contains("a key must be a plain word"));
  // A document that is just null is empty, not broken.
  CHECK_THAT(load_text("# nothing\n~\n").problems.at(0).message, Catch::Contains("the scenario is empty"));
}

TEST_CASE("aliases within the limit expand to copies at the alias's place", "[scenario][syntax]") {
  const auto r = load_text("name: t\n"
                           "operations:\n"
                           "  - name: a\n"
                           "    kind: data_load\n"
                           "    symbols: &symbols [X, Y]\n"
                           "    ranges: [{start: 2021-01-01, end: 2021-01-31}]\n"
                           "    budgets: &b [{metric: time, max_ms: 100}]\n"
                           "  - {name: c, kind: data_load, symbols: *symbols, ranges: [{start: 2021-02-01, end: 2021-02-28}], budgets: *b}\n");
  INFO(all_problems(r));
  REQUIRE(r.scenario);
  const auto& second = r.scenario->operations.at(1);
  CHECK(second.axes()->symbols == std::vector<std::string>{"X", "Y"});
  REQUIRE(second.budgets.size() == 1);
  CHECK(second.budgets[0].limit == 100);
  CHECK(second.budgets[0].path == "operations[1].budgets[0]");
}
