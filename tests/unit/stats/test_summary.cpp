// Expected values are worked out by hand (shown inline) or, for the 20-sample set,
// computed with numpy 1.24 (np.median, np.percentile default "linear", np.std(ddof=1)).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "perfharness/stats/geometric_mean.hpp"
#include "perfharness/stats/summary.hpp"

using ph::stats::summarize;

TEST_CASE("summarize an odd count with one wild value", "[stats]") {
  const std::vector<double> x{3, 1, 100, 2, 4};
  const auto s = summarize(x);
  CHECK(s.n == 5);
  CHECK(s.min == 1);
  CHECK(s.max == 100);
  CHECK(s.mean == Approx(22));    // 110 / 5
  CHECK(s.median == 3);
  // (1-22)^2 + (2-22)^2 + (3-22)^2 + (4-22)^2 + (100-22)^2 = 7610; / 4 = 1902.5
  CHECK(s.stddev == Approx(std::sqrt(1902.5)));
  CHECK(s.mad == 1);              // |x - 3| = 0 2 97 1 1 -> median 1
  CHECK(s.p95 == Approx(80.8));   // h = 4 * 0.95 = 3.8 -> 4 + 0.8 * (100 - 4)
  // 100: 0.6745 * 97 / 1 = 65.4 > 3.5; 1: 0.6745 * 2 = 1.35. Position 2 in the input.
  CHECK(s.outliers == std::vector<std::size_t>{2});
}

TEST_CASE("summarize an even count: median and p95 interpolate", "[stats]") {
  const std::vector<double> x{4, 1, 3, 2};
  const auto s = summarize(x);
  CHECK(s.median == 2.5);
  CHECK(s.mad == 1.0);            // |x - 2.5| = 1.5 1.5 0.5 0.5 -> (0.5 + 1.5) / 2
  CHECK(s.p95 == Approx(3.85));   // h = 3 * 0.95 = 2.85 -> 3 + 0.85 * 1
  CHECK(s.stddev == Approx(std::sqrt(5.0 / 3.0)));
  CHECK(s.outliers.empty());
}

TEST_CASE("summarize matches numpy on twenty log-normal samples with one spike", "[stats]") {
  const std::vector<double> x{1.0004, 1.0938, 0.921,  9.0,    0.8725, 0.7427, 1.0182, 1.4949, 0.8627, 0.8302,
                              1.1583, 1.113,  1.0321, 0.7564, 0.9913, 1.2319, 0.6681, 0.8717, 0.5653, 0.6792};
  const auto s = summarize(x);
  CHECK(s.n == 20);
  CHECK(s.median == Approx(0.95615));
  CHECK(s.mad == Approx(0.14725));
  CHECK(s.mean == Approx(1.345185));
  CHECK(s.stddev == Approx(1.8148210557793294));
  CHECK(s.p95 == Approx(1.870155));
  CHECK(s.min == 0.5653);
  CHECK(s.max == 9.0);
  CHECK(s.outliers == std::vector<std::size_t>{3});
}

TEST_CASE("a single sample has no spread", "[stats]") {
  const std::vector<double> x{0.25};
  const auto s = summarize(x);
  CHECK(s.n == 1);
  CHECK(s.stddev == 0);
  CHECK(s.mad == 0);
  CHECK(s.median == 0.25);
  CHECK(s.p95 == 0.25);
  CHECK(s.outliers.empty());
}

TEST_CASE("with a MAD of 0 exactly the values off the median are outliers", "[stats]") {
  const std::vector<double> same{5, 5, 5};
  CHECK(summarize(same).outliers.empty());
  const std::vector<double> one_off{5, 5, 7, 5, 5};
  const auto s = summarize(one_off);
  CHECK(s.mad == 0);
  CHECK(s.outliers == std::vector<std::size_t>{2});
  CHECK(ph::stats::modified_z_outliers(one_off) == s.outliers);
}

TEST_CASE("the modified z-score cut-off is 3.5", "[stats]") {
  // median 0, MAD 1 (|x| = 0 1 1 1 1 ... ), so M = 0.6745 x.
  // 5.18 -> 3.494 (kept), 5.19 -> 3.5007 (outlier).
  const std::vector<double> x{0, 1, -1, 1, -1, 0, 5.18, -5.19};
  CHECK(ph::stats::median_absolute_deviation(x) == 1);
  CHECK(ph::stats::modified_z_outliers(x) == std::vector<std::size_t>{7});
}

TEST_CASE("percentile end points and validation", "[stats]") {
  const std::vector<double> x{10, 20, 30};
  CHECK(ph::stats::percentile(x, 0.0) == 10);
  CHECK(ph::stats::percentile(x, 1.0) == 30);
  CHECK(ph::stats::percentile(x, 0.5) == 20);
  CHECK(ph::stats::percentile(x, 0.25) == 15);  // h = 0.5
  CHECK_THROWS_AS(ph::stats::percentile(x, 1.5), std::invalid_argument);
}

TEST_CASE("bad input is rejected, not summarized", "[stats]") {
  const std::vector<double> none;
  CHECK_THROWS_AS(summarize(none), std::invalid_argument);
  const std::vector<double> nan{1.0, std::numeric_limits<double>::quiet_NaN()};
  CHECK_THROWS_AS(summarize(nan), std::invalid_argument);
  const std::vector<double> inf{1.0, std::numeric_limits<double>::infinity()};
  CHECK_THROWS_AS(ph::stats::median(inf), std::invalid_argument);
}

TEST_CASE("geometric mean of ratios", "[stats]") {
  const std::vector<double> a{2, 8};
  CHECK(ph::stats::geometric_mean(a) == Approx(4.0));  // sqrt(16)
  const std::vector<double> b{2, 0.5};
  CHECK(ph::stats::geometric_mean(b) == Approx(1.0));
  const std::vector<double> c{1.1, 0.9, 1.3};
  CHECK(ph::stats::geometric_mean(c) == Approx(1.0877427123742625));  // scipy.stats.gmean
  const std::vector<double> zero{1.0, 0.0};
  CHECK_THROWS_AS(ph::stats::geometric_mean(zero), std::invalid_argument);
  CHECK_THROWS_AS(ph::stats::geometric_mean(std::vector<double>{}), std::invalid_argument);
}
