// runner::statistic(): the named statistic over one case's repetitions, on sample vectors
// whose values are worked out by hand. p95 follows lib/stats: Hyndman & Fan type 7, with the
// values sorted, h = (n - 1) * 0.95 and p95 = x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "runner_test_util.hpp"

using ph::runner::statistic;
using ph::runner::test::kEps;

TEST_CASE("every statistic of six unsorted samples", "[statistic]") {
  // Sorted: 1 2 3 4 5 10.
  const std::vector<double> v = {5, 1, 4, 2, 3, 10};
  CHECK(statistic(v, ph::stats::Statistic::min) == 1);
  CHECK(statistic(v, ph::stats::Statistic::max) == 10);
  CHECK(statistic(v, ph::stats::Statistic::median) == Approx(3.5).epsilon(kEps));  // (3 + 4) / 2
  CHECK(statistic(v, ph::stats::Statistic::mean) == Approx(25.0 / 6).epsilon(kEps));  // 25 / 6 = 4.1667
  // h = 5 * 0.95 = 4.75: x[4] + 0.75 * (x[5] - x[4]) = 5 + 0.75 * 5 = 8.75
  // (nearest rank would give 10, "exclusive" interpolation would give 10 as well).
  CHECK(statistic(v, ph::stats::Statistic::p95) == Approx(8.75).epsilon(kEps));
}

TEST_CASE("every statistic of an odd number of timing samples", "[statistic]") {
  // Sorted: 0.010 0.012 0.013 0.020 0.095 (one slow outlier).
  const std::vector<double> v = {0.013, 0.095, 0.010, 0.020, 0.012};
  CHECK(statistic(v, ph::stats::Statistic::min) == 0.010);
  CHECK(statistic(v, ph::stats::Statistic::max) == 0.095);
  CHECK(statistic(v, ph::stats::Statistic::median) == 0.013);  // the middle value, no averaging
  CHECK(statistic(v, ph::stats::Statistic::mean) == Approx(0.150 / 5).epsilon(kEps));  // 0.150 / 5 = 0.030
  // h = 4 * 0.95 = 3.8: 0.020 + 0.8 * (0.095 - 0.020) = 0.080
  CHECK(statistic(v, ph::stats::Statistic::p95) == Approx(0.080).epsilon(1e-9));
}

TEST_CASE("p95 at the edges of the sample count", "[statistic]") {
  // One sample: every statistic is that sample.
  for (const auto s : ph::stats::kStatistics) {
    INFO("statistic: " << ph::stats::to_string(s));
    CHECK(statistic({7.5}, s) == 7.5);
  }
  // Two samples 1, 3: h = 0.95, 1 + 0.95 * 2 = 2.9; median and mean 2.
  const std::vector<double> two = {3, 1};
  CHECK(statistic(two, ph::stats::Statistic::p95) == Approx(2.9).epsilon(kEps));
  CHECK(statistic(two, ph::stats::Statistic::median) == Approx(2).epsilon(kEps));
  CHECK(statistic(two, ph::stats::Statistic::mean) == Approx(2).epsilon(kEps));
  // 0..20: h = 20 * 0.95 = 19, exactly the 20th value.
  std::vector<double> ramp;
  for (int i = 20; i >= 0; --i) ramp.push_back(i);
  CHECK(statistic(ramp, ph::stats::Statistic::p95) == Approx(19).epsilon(kEps));
  CHECK(statistic(ramp, ph::stats::Statistic::median) == 10);
  CHECK(statistic(ramp, ph::stats::Statistic::mean) == Approx(10).epsilon(kEps));
  // All equal: every statistic is that value.
  for (const auto s : ph::stats::kStatistics) {
    INFO("statistic: " << ph::stats::to_string(s));
    CHECK(statistic({4, 4, 4, 4}, s) == 4);
  }
}

TEST_CASE("statistic and across names convert both ways, and nothing else is one", "[statistic]") {
  for (const auto s : ph::stats::kStatistics) CHECK(ph::stats::parse_statistic(ph::stats::to_string(s)) == s);
  for (const auto a : ph::stats::kAcross) CHECK(ph::stats::parse_across(ph::stats::to_string(a)) == a);
  // Before, a misspelt or differently cased name quietly meant the median.
  for (const char* name : {"p99", "P95", "MAX", "average", ""}) {
    INFO("name: '" << name << "'");
    CHECK_FALSE(ph::stats::parse_statistic(name).has_value());
    CHECK_FALSE(ph::stats::parse_across(name).has_value());
  }
}

TEST_CASE("cases combine by their max, min, mean or sum, and total is no combination", "[statistic]") {
  const std::vector<double> v = {2, 8, 5};
  CHECK(ph::stats::combine(v, ph::stats::Across::max) == 8);
  CHECK(ph::stats::combine(v, ph::stats::Across::min) == 2);
  CHECK(ph::stats::combine(v, ph::stats::Across::sum) == 15);
  CHECK(ph::stats::combine(v, ph::stats::Across::mean) == 5);
  CHECK_THROWS_AS(ph::stats::combine(v, ph::stats::Across::total), std::invalid_argument);
  CHECK_THROWS_AS(ph::stats::combine({}, ph::stats::Across::max), std::invalid_argument);
}

TEST_CASE("a statistic of no samples or of a non-finite sample throws", "[statistic]") {
  CHECK_THROWS_AS(statistic({}, ph::stats::Statistic::median), std::invalid_argument);
  CHECK_THROWS_AS(statistic({}, ph::stats::Statistic::max), std::invalid_argument);
  CHECK_THROWS_AS(statistic({1, std::nan("")}, ph::stats::Statistic::min), std::invalid_argument);
  CHECK_THROWS_AS(statistic({1, std::numeric_limits<double>::infinity()}, ph::stats::Statistic::max), std::invalid_argument);
}
