// Cases in a comparison (docs/compare.md, "Cases"): exact case figures judged always, measured
// ones only behind a regressed operation, matched by label and named with their parameters.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "perfharness/report/compare.hpp"
#include "report_builder.hpp"

using namespace test_reports;
using ph::report::compare_reports;
using ph::report::ComparisonResult;
using ph::report::FigureComparison;
using ph::report::Verdict;

namespace {

json a_case(const std::string& label, json figures, json parameters = nullptr) {
  json c{{"label", label}, {"figures", std::move(figures)}};
  if (!parameters.is_null()) c["workload"] = {{"strategy", "sma_cross"}, {"parameters", std::move(parameters)}};
  return c;
}

json op_with_cases(json figures, json cases) {
  json op = operation("op", std::move(figures));
  op["cases"] = std::move(cases);
  return op;
}

const FigureComparison* row(const ComparisonResult& r, const std::string& case_label, const std::string& figure) {
  for (const auto& c : r.comparisons)
    if (c.case_label == case_label && c.figure == figure) return &c;
  return nullptr;
}

const std::vector<std::vector<double>> kBase = {{10}, {10.2}, {10.1}, {10.3}, {10.1}};
const std::vector<std::vector<double>> kSame = {{10.1}, {10}, {10.2}, {10.1}, {10.3}};
const std::vector<std::vector<double>> kSlower = {{13}, {13.2}, {13.1}, {13.3}, {13.1}};

}  // namespace

TEST_CASE("an exact case count is judged even when its operation's count moved within the threshold", "[compare][cases]") {
  // The operation grew by 2% (within 5%); the one case that grew by 20% is named.
  const json base = report(json::array({op_with_cases(
      json{{"instructions", figure({1000}, "count", true)}},
      json::array({a_case("sma_cross AAA 2022", json{{"instructions", figure({100}, "count", true)}},
                          json{{"fast_period", 10}, {"slow_period", 20}}),
                   a_case("rsi AAA 2022", json{{"instructions", figure({900}, "count", true)}})}))}));
  const json next = report(json::array({op_with_cases(
      json{{"instructions", figure({1020}, "count", true)}},
      json::array({a_case("sma_cross AAA 2022", json{{"instructions", figure({120}, "count", true)}},
                          json{{"fast_period", 10}, {"slow_period", 20}}),
                   a_case("rsi AAA 2022", json{{"instructions", figure({900}, "count", true)}})}))}));
  const ComparisonResult r = compare_reports(base, next);
  REQUIRE(row(r, "", "instructions"));
  CHECK(row(r, "", "instructions")->verdict == Verdict::unchanged);
  const FigureComparison* sma = row(r, "sma_cross AAA 2022", "instructions");
  REQUIRE(sma);
  CHECK(sma->verdict == Verdict::regressed);
  CHECK(sma->operation == "op");
  CHECK(sma->parameters == "fast_period=10, slow_period=20");
  CHECK(subject_of(*sma) == "op [sma_cross AAA 2022] (fast_period=10, slow_period=20)");
  REQUIRE(row(r, "rsi AAA 2022", "instructions"));
  CHECK(row(r, "rsi AAA 2022", "instructions")->verdict == Verdict::unchanged);
  CHECK(row(r, "rsi AAA 2022", "instructions")->parameters.empty());
  CHECK(r.regressions == 1);
}

TEST_CASE("a case's timing is judged only behind its operation's regressed timing", "[compare][cases]") {
  // The slow case's values are 30% up in both reports' pairs; only the operation decides.
  const json base_cases = json::array({a_case("slow", json{{"time", figure_by_process(kBase)}}),
                                       a_case("steady", json{{"time", figure_by_process(kBase)}})});
  const json next_cases = json::array({a_case("slow", json{{"time", figure_by_process(kSlower)}}),
                                       a_case("steady", json{{"time", figure_by_process(kSame)}})});
  SECTION("the operation regressed: its cases are judged and the slow one named") {
    const ComparisonResult r = compare_reports(report(json::array({op_with_cases(json{{"time", figure_by_process(kBase)}}, base_cases)})),
                                               report(json::array({op_with_cases(json{{"time", figure_by_process(kSlower)}}, next_cases)})));
    REQUIRE(row(r, "", "time"));
    CHECK(row(r, "", "time")->verdict == Verdict::regressed);
    REQUIRE(row(r, "slow", "time"));
    CHECK(row(r, "slow", "time")->verdict == Verdict::regressed);
    REQUIRE(row(r, "steady", "time"));
    CHECK(row(r, "steady", "time")->verdict == Verdict::unchanged);
    CHECK(r.regressions == 2);
  }
  SECTION("the operation did not regress: no case is judged, however it moved") {
    const ComparisonResult r = compare_reports(report(json::array({op_with_cases(json{{"time", figure_by_process(kBase)}}, base_cases)})),
                                               report(json::array({op_with_cases(json{{"time", figure_by_process(kSame)}}, next_cases)})));
    CHECK(row(r, "", "time"));
    CHECK_FALSE(row(r, "slow", "time"));
    CHECK_FALSE(row(r, "steady", "time"));
    CHECK(r.regressions == 0);
  }
  SECTION("every_case judges them anyway (a confirmation's second judgement)") {
    ph::report::CompareOptions options;
    options.every_case = true;
    const ComparisonResult r = compare_reports(report(json::array({op_with_cases(json{{"time", figure_by_process(kBase)}}, base_cases)})),
                                               report(json::array({op_with_cases(json{{"time", figure_by_process(kSame)}}, next_cases)})),
                                               options);
    REQUIRE(row(r, "slow", "time"));
    CHECK(row(r, "slow", "time")->verdict == Verdict::regressed);
  }
}

TEST_CASE("cases are matched by label, and one in only one report, or a label repeated, is not judged", "[compare][cases]") {
  const auto counts = [](std::vector<std::pair<std::string, double>> cases) {
    json list = json::array();
    for (const auto& [label, n] : cases) list.push_back(a_case(label, json{{"instructions", figure({n}, "count", true)}}));
    return report(json::array({op_with_cases(json{{"instructions", figure({1000}, "count", true)}}, list)}));
  };
  const ComparisonResult r = compare_reports(counts({{"b", 100}, {"a", 100}, {"twice", 100}, {"twice", 100}, {"gone", 100}}),
                                             counts({{"a", 200}, {"b", 100}, {"twice", 300}, {"new", 100}}));
  CHECK(row(r, "a", "instructions")->verdict == Verdict::regressed);  // found in another position
  CHECK(row(r, "b", "instructions")->verdict == Verdict::unchanged);
  CHECK_FALSE(row(r, "twice", "instructions"));
  CHECK_FALSE(row(r, "gone", "instructions"));
  CHECK_FALSE(row(r, "new", "instructions"));
}

TEST_CASE("a case's row is shown in the table only when it moved", "[compare][cases]") {
  const json base = report(json::array({op_with_cases(
      json{{"instructions", figure({1000}, "count", true)}},
      json::array({a_case("moved", json{{"instructions", figure({100}, "count", true)}}),
                   a_case("still", json{{"instructions", figure({900}, "count", true)}})}))}));
  json next = base;
  next["operations"][0]["cases"][0]["figures"]["instructions"]["samples"] = {150};
  const std::string table = format_comparison(compare_reports(base, next));
  CHECK_THAT(table, Catch::Contains("op [moved]"));
  CHECK_THAT(table, !Catch::Contains("[still]"));
}
