// The verdict against several past runs, a history baseline (docs/compare.md, "Baselines from
// history"): each run one voice, the spread between the runs' medians in the noise band, exact
// counts against the latest run. Expected values worked by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "perfharness/common/errors.hpp"
#include "perfharness/report/compare.hpp"
#include "report_builder.hpp"

using namespace test_reports;
using ph::report::compare_reports;
using ph::report::compare_with_runs;
using ph::report::Verdict;

namespace {
using Processes = std::vector<std::vector<double>>;

// A run of five processes whose best values lie within 2% of `centre`: a tight run.
json tight_run(double centre) {
  Processes p;
  for (const double f : {0.99, 0.995, 1.0, 1.005, 1.01}) p.push_back({centre * f * 1.2, centre * f});
  return by_process(p);
}
}  // namespace

TEST_CASE("the spread between past runs joins the noise band", "[compare][history]") {
  // Three tight runs landed at 1.0, 1.2 and 0.9: a whole run can fall in a fast or slow period of
  // the host. A new run at 1.25 is 39% above the latest run alone, but 25% above the series'
  // centre (the median of the runs' medians, 1.0), inside its between-run spread of 30%.
  const std::vector<json> past{tight_run(1.0), tight_run(1.2), tight_run(0.9)};
  const json next = tight_run(1.25);
  CHECK(compare_reports(past.back(), next).comparisons.at(0).verdict == Verdict::regressed);

  const auto c = compare_with_runs(past, next).comparisons.at(0);
  CHECK(c.base_runs == 3);
  CHECK(c.base_processes == 15);
  CHECK(c.base_n == 30);
  CHECK(c.base_median == Approx(1.0));
  CHECK(c.change == Approx(0.25));
  CHECK(c.noise_band == Approx(0.30));
  CHECK(*c.p_value < 0.05);  // the new run is slower than every past process
  CHECK(c.verdict == Verdict::unchanged);
  CHECK(c.reason.find("within the noise band ±30.0% over 3 runs") != std::string::npos);
}

TEST_CASE("a run beyond every past run's spread is regressed", "[compare][history]") {
  const std::vector<json> past{tight_run(1.0), tight_run(1.2), tight_run(0.9)};
  const auto c = compare_with_runs(past, tight_run(1.40)).comparisons.at(0);
  CHECK(c.change == Approx(0.40));
  CHECK(c.noise_band == Approx(0.30));
  // 5 processes above all 15 past ones: U = 75, normal approximation z = (75 - 37.5 - 0.5) / sqrt(131.25)
  CHECK(*c.p_value == Approx(0.00124).epsilon(0.01));
  CHECK(c.verdict == Verdict::regressed);
  CHECK(c.reason.rfind("+40.0% beyond +5.0% and the noise band ±30.0% over 3 runs, p ", 0) == 0);
}

TEST_CASE("one noisy past run does not widen the band on its own", "[compare][history]") {
  // The band is also the runs' own spread between processes: the new run's, and the median of
  // the past runs' (one noisy past run does not decide it alone).
  Processes wide;
  for (const double b : {0.8, 0.9, 1.0, 1.1, 1.2}) wide.push_back({b});
  const std::vector<json> past{tight_run(1.0), by_process(wide), tight_run(1.0)};
  const auto c = compare_with_runs(past, tight_run(1.1)).comparisons.at(0);
  CHECK(c.base_median == Approx(1.0));
  CHECK(c.noise_band == Approx(0.02));  // median of the runs' spreads (2%, 40%, 2%); medians equal
  CHECK(c.verdict == Verdict::regressed);
}

TEST_CASE("exact counts are judged against the latest past run", "[compare][history]") {
  // An accepted change of the work done (100 -> 130 instructions) is the new normal at once: a
  // count has no noise to average away.
  const std::vector<json> past{single({100}, "count", true), single({100}, "count", true), single({130}, "count", true)};
  const auto same = compare_with_runs(past, single({131}, "count", true)).comparisons.at(0);
  CHECK(same.exact);
  CHECK(same.base_median == 130);
  CHECK(same.verdict == Verdict::unchanged);
  const auto more = compare_with_runs(past, single({150}, "count", true)).comparisons.at(0);
  CHECK(more.change == Approx(20.0 / 130.0));
  CHECK(more.verdict == Verdict::regressed);
}

TEST_CASE("one past run judges as a pair of reports", "[compare][history]") {
  const json base = tight_run(1.0);
  for (const double centre : {0.8, 1.0, 1.03, 1.2}) {
    const json next = tight_run(centre);
    const auto pair = compare_reports(base, next).comparisons.at(0);
    const auto runs = compare_with_runs({base}, next).comparisons.at(0);
    CHECK(runs.base_runs == 1);
    CHECK(runs.verdict == pair.verdict);
    CHECK(runs.change == pair.change);
    CHECK(runs.noise_band == pair.noise_band);
    CHECK(*runs.p_value == *pair.p_value);
    CHECK(runs.reason == pair.reason);
  }
}

TEST_CASE("past runs in which the operation failed are left out of its series", "[compare][history]") {
  json failed = tight_run(5.0);  // its figures would widen the band from 0.2 to 4.0
  failed["operations"][0]["error"] = "disk full";
  const std::vector<json> past{tight_run(1.0), failed, tight_run(1.2)};
  const auto c = compare_with_runs(past, tight_run(1.5)).comparisons.at(0);
  CHECK(c.base_runs == 2);
  CHECK(c.base_median == Approx(1.1));
  CHECK(c.verdict == Verdict::regressed);
}

TEST_CASE("a history comparison needs at least one past report", "[compare][history]") {
  CHECK_THROWS_AS(compare_with_runs({}, tight_run(1.0)), ph::InputError);
}
