#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "perfharness/stats/noise.hpp"

using ph::stats::noise_warnings;
using ph::stats::summarize;
using V = std::vector<double>;

namespace {
bool any_contains(const std::vector<std::string>& warnings, const std::string& part) {
  for (const auto& w : warnings)
    if (w.find(part) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("quiet, sufficient measurements get no warning", "[stats][noise]") {
  CHECK(noise_warnings(summarize(V{1.00, 1.01, 0.99, 1.02, 0.98})).empty());
}

TEST_CASE("a MAD over 10% of the median is called too noisy", "[stats][noise]") {
  // median 1.0, |x - 1| = 0 0.14 0.14 0.2 0.2 -> MAD 0.14, i.e. 14%.
  const auto w = noise_warnings(summarize(V{1.0, 1.14, 0.86, 1.2, 0.8}));
  REQUIRE(w.size() == 1);
  CHECK(w[0].rfind("MAD is 14% of the median: numbers too noisy to trust", 0) == 0);
  // 9%: below the limit.
  CHECK(noise_warnings(summarize(V{1.0, 1.09, 0.91, 1.1, 0.9})).empty());
}

TEST_CASE("fewer than three repetitions are flagged", "[stats][noise]") {
  CHECK(any_contains(noise_warnings(summarize(V{1.0})), "only 1 repetition:"));
  CHECK(any_contains(noise_warnings(summarize(V{1.0, 1.0})), "only 2 repetitions"));
  CHECK_FALSE(any_contains(noise_warnings(summarize(V{1.0, 1.0, 1.0})), "repetition"));
}

TEST_CASE("outliers are reported", "[stats][noise]") {
  const auto w = noise_warnings(summarize(V{1.0, 1.01, 0.99, 1.0, 3.0}));
  CHECK(any_contains(w, "1 outlier detected (modified z-score > 3.5)"));
}

TEST_CASE("each kind of warning is available on its own", "[stats][noise]") {
  const auto s = summarize(V{1.0, 1.14, 0.86, 1.2, 0.8});
  CHECK(ph::stats::spread_warning(s));
  CHECK_FALSE(ph::stats::repetitions_warning(s));
  CHECK_FALSE(ph::stats::outlier_warning(s));
  const auto two = summarize(V{1.0, 1.0});
  CHECK(ph::stats::repetitions_warning(two));
  CHECK_FALSE(ph::stats::spread_warning(two));
  // MAD 0.5 with a median of 0: no percentage can be given, the spread is still reported.
  const auto zero = summarize(V{-1.0, -0.5, 0.0, 0.5, 1.0});
  REQUIRE(ph::stats::spread_warning(zero));
  CHECK(ph::stats::spread_warning(zero)->rfind("MAD is 0.5 while the median is 0", 0) == 0);
}
