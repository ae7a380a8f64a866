// A sweep's parameter sets in a comparison (docs/compare.md, "Cases"): each set's instruction
// count, counted apart, is judged as an exact figure and named by its parameters.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "perfharness/report/compare.hpp"
#include "report_builder.hpp"

using namespace test_reports;
using ph::report::compare_reports;
using ph::report::compare_with_runs;
using ph::report::ComparisonResult;
using ph::report::FigureComparison;
using ph::report::format_comparison;
using ph::report::Verdict;

namespace {

// A sweep of `counts.size()` parameter sets (fast_period 1, 2, ...) whose counts are `counts`.
json sweep_report(const std::vector<double>& counts) {
  json sets = json::array();
  double total = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    sets.push_back({{"parameters", {{"fast_period", i + 1}, {"slow_period", 50}}}, {"instructions", counts[i]}});
    total += counts[i];
  }
  json c{{"label", "sma_cross grid AAA 2022"}, {"figures", {{"instructions", figure({total}, "count", true)}}},
         {"parameter_sets", std::move(sets)}};
  json op = operation("sweep", json{{"instructions", figure({total}, "count", true)}});
  op["cases"] = json::array({std::move(c)});
  return report(json::array({std::move(op)}));
}

std::vector<const FigureComparison*> parameter_set_rows(const ComparisonResult& r) {
  std::vector<const FigureComparison*> out;
  for (const auto& c : r.comparisons)
    if (c.parameter_set) out.push_back(&c);
  return out;
}

}  // namespace

TEST_CASE("one parameter set whose work grew is regressed and named, its grid within the threshold", "[compare][parameter_sets]") {
  std::vector<double> base(20, 1000), next(20, 1000);
  next[6] = 1300;  // fast_period=7: +30%; the grid as a whole: +1.5%
  const ComparisonResult r = compare_reports(sweep_report(base), sweep_report(next));
  const auto sets = parameter_set_rows(r);
  REQUIRE(sets.size() == 20);
  CHECK(r.regressions == 1);
  for (const auto* s : sets) {
    CHECK(s->exact);
    CHECK(s->case_label == "sma_cross grid AAA 2022");
    CHECK(s->figure == "instructions");
    CHECK(s->verdict == (s->parameters == "fast_period=7, slow_period=50" ? Verdict::regressed : Verdict::unchanged));
  }
  const std::string table = format_comparison(r);
  CHECK(table.find("sweep [sma_cross grid AAA 2022] (fast_period=7, slow_period=50)  instructions") != std::string::npos);
}

TEST_CASE("parameter sets are matched by their parameters, not their place in the grid", "[compare][parameter_sets]") {
  json base = sweep_report({100, 200, 300});
  json next = sweep_report({100, 200, 300});
  auto& sets = next["operations"][0]["cases"][0]["parameter_sets"];
  std::swap(sets[0], sets[2]);  // the same sets in another order
  const ComparisonResult r = compare_reports(base, next);
  CHECK(parameter_set_rows(r).size() == 3);
  CHECK(r.regressions == 0);
  sets.erase(1);  // a set only in the base report is not compared
  CHECK(parameter_set_rows(compare_reports(base, next)).size() == 2);
}

TEST_CASE("a grid whose every set moved shows a few and counts the rest", "[compare][parameter_sets]") {
  const ComparisonResult r = compare_reports(sweep_report(std::vector<double>(12, 1000)), sweep_report(std::vector<double>(12, 1500)));
  CHECK(r.regressions == 12 + 2);  // every set, the case and the operation
  const std::string table = format_comparison(r);
  CHECK(table.find("(fast_period=5, slow_period=50)") != std::string::npos);
  CHECK(table.find("(fast_period=6, slow_period=50)") == std::string::npos);
  CHECK(table.find("sweep [sma_cross grid AAA 2022]: 7 more parameter sets moved") != std::string::npos);
}

TEST_CASE("against a history, a parameter set's count is judged against the latest run's", "[compare][parameter_sets]") {
  const ComparisonResult r =
      compare_with_runs({sweep_report({100, 100}), sweep_report({100, 130})}, sweep_report({100, 131}));
  const auto sets = parameter_set_rows(r);
  REQUIRE(sets.size() == 2);
  CHECK(sets[1]->base_median == 130);
  CHECK(sets[1]->base_runs == 2);
  CHECK(r.regressions == 0);
}
