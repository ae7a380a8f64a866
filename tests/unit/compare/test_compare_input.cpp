// Malformed reports and options are rejected with one line naming the report, the field and the fix.
#include <catch2/catch.hpp>

#include <string>

#include "perfharness/common/errors.hpp"
#include "perfharness/report/compare.hpp"
#include "report_builder.hpp"

using namespace test_reports;
using ph::report::compare_reports;
using ph::report::CompareOptions;
using Catch::Matchers::Contains;

namespace {
std::string error_of(const json& base, const json& next, const CompareOptions& o = {}) {
  try {
    compare_reports(base, next, o);
  } catch (const ph::InputError& e) {
    return e.what();
  }
  return "(no error)";
}
const json good = single({1, 2, 3});
}  // namespace

TEST_CASE("a report without schema_version is not a report", "[compare][input]") {
  CompareOptions o;
  o.new_label = "new.json";
  CHECK_THAT(error_of(good, json{{"operations", json::array()}}, o), Contains("new.json: schema_version: missing"));
  CHECK_THAT(error_of(good, json::array()), Contains("new report: (top level): expected a JSON object"));
  auto v2 = good;
  v2["schema_version"] = 2;
  CHECK_THAT(error_of(v2, good), Contains("base report: schema_version: this build reads version 1, found 2"));
}

TEST_CASE("bad operations and samples are pinpointed", "[compare][input]") {
  auto no_ops = good;
  no_ops.erase("operations");
  CHECK_THAT(error_of(no_ops, good), Contains("base report: operations: missing"));

  auto not_array = good;
  not_array["operations"][0]["figures"]["time"]["samples"] = "fast";
  CHECK_THAT(error_of(good, not_array),
             Contains("new report: operations[0].figures.time.samples: expected an array of numbers, found string"));

  auto null_sample = good;
  null_sample["operations"][0]["figures"]["time"]["samples"][1] = nullptr;
  CHECK_THAT(error_of(good, null_sample), Contains("operations[0].figures.time.samples[1]: expected a finite number, found null"));

  auto no_samples = good;
  no_samples["operations"][0]["figures"]["time"].erase("samples");
  CHECK_THAT(error_of(good, no_samples), Contains("operations[0].figures.time.samples: missing"));

  auto no_name = good;
  no_name["operations"][0].erase("name");
  CHECK_THAT(error_of(no_name, good), Contains("operations[0].name: expected the operation's name"));

  auto twice = good;
  twice["operations"].push_back(twice["operations"][0]);
  CHECK_THAT(error_of(good, twice), Contains("operations[1].name: operation 'op' appears twice"));

  auto exact_text = good;
  exact_text["operations"][0]["figures"]["time"]["exact"] = "yes";
  CHECK_THAT(error_of(good, exact_text), Contains("operations[0].figures.time.exact: expected true or false"));

  // Every message tells how to fix it.
  CHECK_THAT(error_of(no_ops, good), Contains("regenerate it with `perfharness run"));
}

TEST_CASE("options out of range are rejected", "[compare][input]") {
  CompareOptions negative;
  negative.threshold = -0.01;
  CHECK_THAT(error_of(good, good, negative), Contains("threshold must be 0 or more"));
  CompareOptions alpha;
  alpha.alpha = 1.5;
  CHECK_THAT(error_of(good, good, alpha), Contains("alpha must be within (0, 1)"));
}

TEST_CASE("fields outside the contract are ignored", "[compare][input]") {
  auto extra = good;
  extra["operations"][0]["figures"]["time"]["summary"] = "whatever";
  extra["scenario"] = json{{"name", "x"}};
  extra["tool"] = "not an object";
  CHECK_NOTHROW(compare_reports(good, extra));
}

TEST_CASE("comparisons follow the base report's order and plain json converts", "[compare][input]") {
  nlohmann::ordered_json base = single({1, 2, 3});
  base["operations"][0]["figures"] = nlohmann::ordered_json::object();
  base["operations"][0]["figures"]["zeta"] = figure({1, 2, 3});
  base["operations"][0]["figures"]["alpha"] = figure({1, 2, 3});
  const nlohmann::json next = base;  // a std::map-ordered copy: alpha before zeta
  const auto r = compare_reports(base, next);
  REQUIRE(r.comparisons.size() == 2);
  CHECK(r.comparisons[0].figure == "zeta");
  CHECK(r.comparisons[1].figure == "alpha");
}
