// The verdict over values from worker processes (docs/compare.md): each process contributes
// its best value, the U test runs over processes, and the change must clear both the threshold
// and the noise band the runs measured themselves. Expected values worked by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "perfharness/report/compare.hpp"
#include "report_builder.hpp"

using namespace test_reports;
using ph::report::compare_reports;
using ph::report::CompareOptions;
using ph::report::Verdict;

namespace {
using Processes = std::vector<std::vector<double>>;

// Five processes whose best values are `best`; each adds slower values above its best, as
// interference does.
Processes processes_with_best(const std::vector<double>& best) {
  Processes out;
  for (const double b : best) out.push_back({b * 1.30, b, b * 1.10});
  return out;
}
}  // namespace

TEST_CASE("per-process best values are what is compared, not the pooled samples", "[compare][processes]") {
  const auto base = by_process(processes_with_best({1.00, 1.01, 1.02, 1.03, 1.04}));
  const auto next = by_process(processes_with_best({1.20, 1.21, 1.22, 1.23, 1.24}));
  const auto c = compare_reports(base, next).comparisons.at(0);
  CHECK(c.base_n == 15);
  CHECK(c.base_processes == 5);
  CHECK(c.new_processes == 5);
  CHECK(c.base_median == 1.02);  // the median of the five best values
  CHECK(c.new_median == 1.22);
  CHECK(c.change == Approx(0.2 / 1.02));
  CHECK(*c.p_value == Approx(2.0 / 252.0));  // five processes against five, complete separation
  CHECK(c.noise_band == Approx(0.04 / 1.02));
  CHECK(c.verdict == Verdict::regressed);
}

TEST_CASE("a change within the spread between processes is not a regression, however significant", "[compare][processes]") {
  // Both runs' processes spread by 30% of their median; the new run is 20% slower throughout.
  const auto base = by_process(processes_with_best({0.85, 0.90, 1.00, 1.10, 1.15}));
  const auto next = by_process(processes_with_best({1.12, 1.17, 1.20, 1.22, 1.23}));
  const auto c = compare_reports(base, next).comparisons.at(0);
  CHECK(c.change == Approx(0.2));
  CHECK(c.noise_band == Approx(0.30));
  CHECK(*c.p_value < 0.05);
  CHECK(c.verdict == Verdict::unchanged);
  CHECK(c.reason == "+20.0% within the noise band ±30.0% (p 0.0159)");
}

TEST_CASE("samples of one slow process cannot make a regression on their own", "[compare][processes]") {
  // The pooled samples differ a lot (one process ran 50% slow in every value), the processes do not:
  // four of five best values are equal, so the U test over processes is not significant.
  const Processes base{{1.0, 1.1}, {1.0, 1.2}, {1.0, 1.1}, {1.0, 1.1}, {1.0, 1.2}};
  const Processes next{{1.0, 1.1}, {1.0, 1.2}, {1.0, 1.1}, {1.0, 1.1}, {1.5, 1.6}};
  const auto c = compare_reports(by_process(base), by_process(next)).comparisons.at(0);
  CHECK(c.change == 0.0);
  CHECK(*c.p_value > 0.05);
  CHECK(c.verdict == Verdict::unchanged);
}

TEST_CASE("every condition of the rule is needed: threshold, band and significance", "[compare][processes]") {
  const auto base = by_process(processes_with_best({1.00, 1.01, 1.02, 1.03, 1.04}));
  SECTION("beyond the band and significant, but within the threshold") {
    const auto next = by_process(processes_with_best({1.06, 1.065, 1.07, 1.075, 1.08}));
    const auto c = compare_reports(base, next).comparisons.at(0);
    CHECK(c.change == Approx(0.05 / 1.02));  // +4.9%
    CHECK(c.change > c.noise_band);
    CHECK(c.verdict == Verdict::unchanged);
    CompareOptions loose;
    loose.threshold = 0.04;
    CHECK(compare_reports(base, next, loose).comparisons.at(0).verdict == Verdict::regressed);
  }
  SECTION("beyond threshold and band, not significant with two processes a side") {
    const auto two = by_process({{1.0, 1.1}, {1.01, 1.1}});
    const auto slower = by_process({{2.0, 2.1}, {2.02, 2.1}});
    const auto r = compare_reports(two, slower);
    CHECK(r.comparisons.at(0).change == Approx(1.0));
    CHECK(r.comparisons.at(0).verdict == Verdict::unchanged);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("with 2 and 2 values (one per worker process") != std::string::npos);
  }
  SECTION("improvements follow the same rule") {
    const auto faster = by_process(processes_with_best({0.80, 0.81, 0.82, 0.83, 0.84}));
    const auto c = compare_reports(base, faster).comparisons.at(0);
    CHECK(c.verdict == Verdict::improved);
    CHECK(c.reason == "-19.6% beyond +5.0% and the noise band ±4.9%, p 0.00794 < 0.05");
  }
}

TEST_CASE("a report whose per_process counts do not add up to its samples is refused", "[compare][processes]") {
  auto bad = by_process(processes_with_best({1.0, 1.0}));
  bad["operations"][0]["figures"]["time"]["per_process"][0]["values"] = 2;
  CHECK_THROWS_WITH(compare_reports(bad, bad),
                    Catch::Contains("operations[0].figures.time.per_process: its values add up to 5, not to the 6 samples"));
}
