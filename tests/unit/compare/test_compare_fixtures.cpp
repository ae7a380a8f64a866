// The shipped fixture reports (tests/data/reports, written by make_fixtures.py) through
// the library: verdicts cross-checked with scipy.stats.mannwhitneyu and numpy.median.
#include <catch2/catch.hpp>

#include <string>

#include "perfharness/common/errors.hpp"
#include "perfharness/report/compare.hpp"

using ph::report::compare_reports;
using ph::report::read_report_file;
using ph::report::Verdict;
using Catch::Matchers::Contains;

namespace {
const std::string dir = std::string(PH_TEST_DATA_DIR) + "/reports/";

std::string verdict_of(const ph::report::ComparisonResult& r, const std::string& op, const std::string& fig) {
  for (const auto& c : r.comparisons)
    if (c.operation == op && c.figure == fig) return ph::report::to_string(c.verdict);
  return "(missing)";
}
}  // namespace

TEST_CASE("fixtures: the 2x slower copy regresses in time and instructions only", "[compare][fixtures]") {
  const auto r = compare_reports(read_report_file(dir + "base.json"), read_report_file(dir + "slow.json"));
  CHECK(r.comparisons.size() == 9);
  CHECK(verdict_of(r, "backtest_sma_cross", "time") == "regressed");
  CHECK(verdict_of(r, "backtest_sma_cross", "instructions") == "regressed");
  CHECK(verdict_of(r, "data_load", "time") == "regressed");
  CHECK(verdict_of(r, "data_load", "instructions") == "regressed");
  CHECK(verdict_of(r, "backtest_sma_cross", "peak_memory") == "unchanged");
  CHECK(verdict_of(r, "db_fetch_by_id", "time") == "unchanged");
  CHECK(r.regressions == 4);
  // scipy.stats.gmean of the nine median ratios
  CHECK(r.geometric_mean_ratio.value() == Approx(1.3633965439840483));
}

TEST_CASE("fixtures: a same-build rerun with noise has no regression", "[compare][fixtures]") {
  const auto r = compare_reports(read_report_file(dir + "base.json"), read_report_file(dir + "rerun.json"));
  CHECK(r.comparisons.size() == 9);
  CHECK(r.regressions == 0);
  CHECK(r.improvements == 0);
  CHECK(r.warnings.empty());
  CHECK(r.geometric_mean_ratio.value() == Approx(1.0029951237743648));
}

TEST_CASE("fixtures: another host is warned about", "[compare][fixtures]") {
  const auto r = compare_reports(read_report_file(dir + "base.json"), read_report_file(dir + "other-host.json"));
  CHECK(r.regressions == 0);
  REQUIRE(r.warnings.size() == 2);
  CHECK_THAT(r.warnings[0], Contains("different hosts"));
  CHECK_THAT(r.warnings[1], Contains("different CPU models"));
}

TEST_CASE("fixtures: unreadable and invalid files name the file", "[compare][fixtures]") {
  CHECK_THROWS_WITH(read_report_file(dir + "truncated.json"),
                    Contains("truncated.json: not valid JSON (parse error at line"));
  CHECK_THROWS_WITH(read_report_file(dir + "no-such-file.json"), Contains("no-such-file.json: cannot open"));
  CHECK_THROWS_WITH(read_report_file(dir), Contains("is a directory"));
  ph::report::CompareOptions o;
  o.new_label = dir + "missing-samples.json";
  CHECK_THROWS_WITH(compare_reports(read_report_file(dir + "base.json"),
                                    read_report_file(dir + "missing-samples.json"), o),
                    Contains("missing-samples.json: operations[1].figures.time.samples: missing"));
}
