// --set KEY=VALUE: applied to the document before validation.
#include <catch2/catch.hpp>

#include "scenario_test_util.hpp"

using namespace ph::scenario;
using namespace ph::scenario::test;

namespace {

const std::string kBase = with_operation("    kind: backtest\n"
                                         "    strategies: [sma_cross]\n"
                                         "    symbols: [AAPL]\n"
                                         "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n");

LoadResult with_sets(std::vector<std::string> sets) {
  LoadOptions o;
  o.overrides = std::move(sets);
  return load_text(kBase, ".yaml", o);
}

}  // namespace

TEST_CASE("overrides replace and add values at dotted paths with indices", "[scenario][overrides]") {
  const auto r = with_sets({"defaults.repetitions=3", "operations[0].symbols=[A, B.X]",
                            "data.synthetic.last_date=2024-12-31", "operations[0].profile.sampling=true",
                            "operations[0].strategies[0]={name: rsi, parameters: {period: 7}}"});
  INFO(all_problems(r));
  REQUIRE(r.scenario);
  const Scenario& s = *r.scenario;
  CHECK(s.defaults.repetitions == 3);
  CHECK(s.operations[0].axes()->symbols == std::vector<std::string>{"A", "B.X"});
  CHECK(s.data.synthetic.last_date == ph::date_from_civil(2024, 12, 31));
  CHECK(s.operations[0].profile.sampling);
  CHECK(backtest_spec(s.operations[0]).strategies.at(0).strategy().name == "rsi");
  CHECK(backtest_spec(s.operations[0]).strategies.at(0).get("period") == 7);
}

TEST_CASE("a value set by --set is validated like any other, and says where it came from", "[scenario][overrides]") {
  const auto r = with_sets({"defaults.repetitions=0"});
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].path == "defaults.repetitions");
  CHECK(r.problems[0].pos.line == 0);
  CHECK_THAT(r.problems[0].message, Catch::Contains("must be a whole number from 1") &&
                                        Catch::Contains("(value from --set defaults.repetitions=0)"));
  CHECK_THAT(with_sets({"defaults.repetiton=3"}).problems.at(0).message, Catch::Contains("did you mean 'repetitions'"));
}

TEST_CASE("bad --set paths and values are problems", "[scenario][overrides]") {
  auto r = with_sets({"operations[5].symbols=[A]"});
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].path == "--set operations[5].symbols=[A]");
  CHECK_THAT(r.problems[0].message, Catch::Contains("'operations' has 1 entries; index 5 is out of range"));
  r = with_sets({"name.first=x"});
  CHECK_THAT(r.problems.at(0).message, Catch::Contains("'name' is a string, so it has no key 'first'"));
  r = with_sets({"defaults[0]=1"});
  CHECK_THAT(r.problems.at(0).message, Catch::Contains("not a list"));
  r = with_sets({"no-equals-sign"});
  CHECK_THAT(r.problems.at(0).message, Catch::Contains("is not KEY=VALUE"));
  r = with_sets({"a..b=1", "x[=1"});
  REQUIRE(r.problems.size() == 2);
  CHECK_THAT(r.problems[0].message, Catch::Contains("is not a key path"));
  r = with_sets({"operations[0].symbols=[A, B"});
  CHECK_THAT(r.problems.at(0).message, Catch::Contains("VALUE YAML syntax error"));
}
