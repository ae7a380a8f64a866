// Input quoted in a message (keys, values, parser excerpts) is escaped and capped, so
// a hostile file cannot drive the terminal or flood the log.
#include <catch2/catch.hpp>

#include <algorithm>

#include "scenario_test_util.hpp"

using namespace ph::scenario;
using namespace ph::scenario::test;

namespace {

bool has_raw_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

// Every problem of `r` is free of raw control bytes and fits a line.
void check_printable(const LoadResult& r) {
  for (const auto& d : r.problems) {
    INFO(d.format());
    CHECK_FALSE(has_raw_control(d.format()));
    CHECK(d.format().size() < 1000);
  }
}

}  // namespace

TEST_CASE("control bytes in an unknown key are escaped in its path and message", "[scenario][escaping]") {
  const auto yaml = load_text("name: x\nopera\x01\x1b[2Jtions: []\n");
  const auto& y = require_problem(yaml, "opera\\x01\\x1b[2Jtions");
  CHECK(y.pos.line == 2);
  CHECK(y.pos.column == 1);
  CHECK_THAT(y.message, Catch::StartsWith("unknown key 'opera\\x01\\x1b[2Jtions'; known keys: name"));
  check_printable(yaml);
  // JSON decodes the escape \u001b to a raw ESC.
  const auto json = load_text(R"({"name": "x", "opera\u001b[2Jtions": []})", ".json");
  const auto& j = require_problem(json, "opera\\x1b[2Jtions");
  CHECK(j.pos.column == 15);
  CHECK_THAT(j.message, Catch::StartsWith("unknown key 'opera\\x1b[2Jtions'"));
  check_printable(json);
}

TEST_CASE("a long unknown key is cut short in the message", "[scenario][escaping]") {
  const std::string key(5000, 'k');
  const auto r = load_text("{\"name\": \"x\", \"" + key + "\": 1, \"operations\": []}", ".json");
  const auto& d = require_problem(r, std::string(120, 'k') + "... (5000 bytes)");
  CHECK_THAT(d.message, Catch::StartsWith("unknown key 'kkk") && Catch::Contains("... (5000 bytes)'"));
  check_printable(r);
}

TEST_CASE("quoted values are escaped: strings for numbers, dates, metrics", "[scenario][escaping]") {
  const auto r = load_text(with_operation("    kind: backtest\n"
                                          "    strategies: [sma_cross]\n"
                                          "    symbols: [AAPL]\n"
                                          "    ranges: [{start: \"2021\\x01\", end: 2021-12-31}]\n"
                                          "    repetitions: \"3\\a\"\n"
                                          "    budgets: [{metric: \"ti\\e[0mme\", max_ms: 5}]\n"));
  CHECK_THAT(require_problem(r, "operations[0].budgets[0].metric").message,
             Catch::StartsWith("'ti\\x1b[0mme' is not a metric of"));
  CHECK_THAT(require_problem(r, "operations[0].ranges[0].start").message,
             Catch::StartsWith("'2021\\x01' is not a date"));
  CHECK_THAT(require_problem(r, "operations[0].repetitions").message,
             Catch::Equals("must be a number, not the string '3\\x07'"));
  check_printable(r);
}

TEST_CASE("parser messages that quote input are escaped", "[scenario][escaping]") {
  // yaml-cpp: "unknown escape character: " and the raw byte after the backslash.
  const auto yaml = load_text("name: \"a\\\x1b\"\noperations: []\n");
  REQUIRE(yaml.problems.size() == 1);
  CHECK_THAT(yaml.problems[0].message, Catch::Equals("YAML syntax error: unknown escape character: \\x1b"));
  // nlohmann: "last read: '...'" with the bytes of the bad token.
  const auto json = load_text("{\"name\": t\x7f}", ".json");
  REQUIRE(json.problems.size() == 1);
  CHECK_THAT(json.problems[0].message, Catch::StartsWith("JSON syntax error") && Catch::EndsWith(" t\\x7f'"));
  check_printable(yaml);
  check_printable(json);
}

TEST_CASE("names with control characters are refused", "[scenario][escaping]") {
  const auto r = load_text(with_operation("    kind: data_load\n"
                                          "    symbols: [AAPL]\n"
                                          "    ranges: [{label: \"q1\\t\", start: 2021-01-01, end: 2021-03-31}]\n"));
  CHECK(require_problem(r, "operations[0].ranges[0].label").message == "'q1\\t' contains a control character; remove it");
  CHECK_FALSE(r.scenario);
  check_printable(r);
}
