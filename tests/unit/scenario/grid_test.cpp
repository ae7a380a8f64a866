// Sweep grids: cartesian order, forbidden combinations skipped and counted, values
// out of range refused, the size cap checked before expansion.
#include <catch2/catch.hpp>

#include "perfharness/strategies/strategy.hpp"
#include "scenario_test_util.hpp"

using namespace ph::scenario;
using namespace ph::scenario::test;

namespace {

LoadResult sweep(const std::string& strategy, const std::string& grid, const LoadOptions& options = {}) {
  return load_text(with_operation("    kind: sweep\n"
                                  "    strategy: " + strategy + "\n"
                                  "    grid: " + grid + "\n"
                                  "    symbols: [AAPL]\n"
                                  "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n"),
                   ".yaml", options);
}

std::vector<std::vector<double>> points(const Operation& op) {
  std::vector<std::vector<double>> out;
  for (const auto& p : sweep_spec(op).grid) out.push_back(p.values());
  return out;
}

}  // namespace

TEST_CASE("a grid expands in the strategy's parameter order, the last varying fastest", "[scenario][grid]") {
  // Written slow-first; expanded fast_period-major because that is the spec order.
  const auto r = sweep("sma_cross", "{slow_period: [20, 30], fast_period: [5, 10, 25]}");
  INFO(all_problems(r));
  REQUIRE(r.scenario);
  const Operation& op = r.scenario->operations[0];
  // (25, 20) breaks fast < slow: skipped and counted.
  CHECK(points(op) == std::vector<std::vector<double>>{{5, 20}, {5, 30}, {10, 20}, {10, 30}, {25, 30}});
  CHECK(sweep_spec(op).grid_skipped == 1);
  for (const auto& p : sweep_spec(op).grid) CHECK(&p.strategy() == ph::find_strategy("sma_cross"));
}

TEST_CASE("parameters left out of the grid keep their defaults", "[scenario][grid]") {
  const auto r = sweep("rsi", "{period: {from: 10, to: 14, step: 2}}");
  REQUIRE(r.scenario);
  CHECK(points(r.scenario->operations[0]) == std::vector<std::vector<double>>{{10, 30, 70}, {12, 30, 70}, {14, 30, 70}});
}

TEST_CASE("ranges of reals step without drift", "[scenario][grid]") {
  const auto r = sweep("momentum", "{threshold: {from: 0.1, to: 0.3, step: 0.1}, lookback: [20]}");
  REQUIRE(r.scenario);
  CHECK(points(r.scenario->operations[0]) == std::vector<std::vector<double>>{{20, 0.1}, {20, 0.2}, {20, 0.3}});
}

TEST_CASE("a value out of its parameter's range is an error, not a skip", "[scenario][grid]") {
  auto r = sweep("sma_cross", "{fast_period: [0, 5], slow_period: {from: 10, to: 200000, step: 10}}");
  REQUIRE_FALSE(r.scenario);
  const Diagnostic* zero = problem_at(r, "operations[0].grid.fast_period[0]");
  REQUIRE(zero);
  CHECK(zero->pos.line == 8);
  CHECK_THAT(zero->message, Catch::Contains("parameter 'fast_period' is 0 but must be an integer from 1 to 100000"));
  const Diagnostic* to = problem_at(r, "operations[0].grid.slow_period.to");
  REQUIRE(to);
  CHECK_THAT(to->message, Catch::Contains("is 200000 but must be"));

  r = sweep("sma_cross", "{fast_period: [2.5], nope: [1], slow_period: {from: 10, to: 5}}");
  CHECK_THAT(problem_at(r, "operations[0].grid.fast_period[0]")->message, Catch::Contains("must be an integer"));
  CHECK_THAT(problem_at(r, "operations[0].grid.nope")->message, Catch::Contains("has no parameter 'nope'"));
  CHECK_THAT(problem_at(r, "operations[0].grid.slow_period.to")->message, Catch::Contains("below from"));

  r = sweep("sma_cross", "{fast_period: {from: 1, to: 5, step: 0.5}}");
  CHECK_THAT(problem_at(r, "operations[0].grid.fast_period.step")->message, Catch::Contains("whole number"));
  r = sweep("sma_cross", "{fast_period: [5, 5]}");
  CHECK_THAT(problem_at(r, "operations[0].grid.fast_period[1]")->message, Catch::Contains("listed twice"));
}

TEST_CASE("a grid whose every combination is forbidden is an error", "[scenario][grid]") {
  const auto r = sweep("sma_cross", "{fast_period: [30, 40], slow_period: [10, 20]}");
  const Diagnostic* d = problem_at(r, "operations[0].grid");
  REQUIRE(d);
  CHECK_THAT(d->message, Catch::Contains("every one of the 4 combinations breaks") &&
                             Catch::Contains("fast_period < slow_period"));
}

TEST_CASE("the grid cap is checked on the product before expanding", "[scenario][grid]") {
  // 99,999 x 99,999 combinations: expanding first would need ~10^10 points.
  auto r = sweep("sma_cross", "{fast_period: {from: 1, to: 99999}, slow_period: {from: 2, to: 100000}}");
  const Diagnostic* d = problem_at(r, "operations[0].grid");
  REQUIRE(d);
  CHECK_THAT(d->message, Catch::Contains("the grid has 9999800001 combinations, over the limit of 1000000"));

  LoadOptions small;
  small.max_grid = 6;
  r = sweep("sma_cross", "{fast_period: [1, 2, 3], slow_period: [10, 20]}", small);
  CHECK(r.scenario);
  r = sweep("sma_cross", "{fast_period: [1, 2, 3, 4], slow_period: [10, 20]}", small);
  REQUIRE_FALSE(r.scenario);
  CHECK_THAT(problem_at(r, "operations[0].grid")->message, Catch::Contains("8 combinations, over the limit of 6"));
}
