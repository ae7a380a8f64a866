// Reference p-values from scipy.stats.mannwhitneyu 1.10 (alternative="two-sided", the method
// named in each case) or worked by hand where noted.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "perfharness/stats/mann_whitney.hpp"

using ph::stats::mann_whitney_u;
using V = std::vector<double>;

TEST_CASE("complete separation of 5 vs 5: exact p = 2 / C(10, 5)", "[stats][mwu]") {
  const auto r = mann_whitney_u(V{1, 2, 3, 4, 5}, V{6, 7, 8, 9, 10});
  CHECK(r.exact);
  CHECK_FALSE(r.ties);
  CHECK(r.u1 == 0);
  CHECK(r.u2 == 25);
  CHECK(r.p_value == Approx(2.0 / 252.0));
  // Order of the samples changes U1 but not p.
  const auto swapped = mann_whitney_u(V{6, 7, 8, 9, 10}, V{1, 2, 3, 4, 5});
  CHECK(swapped.u1 == 25);
  CHECK(swapped.p_value == Approx(r.p_value));
}

TEST_CASE("exact test, textbook example (scipy docs, Conover)", "[stats][mwu]") {
  const auto r = mann_whitney_u(V{19, 22, 16, 29, 24}, V{20, 11, 17, 12});
  CHECK(r.exact);
  CHECK(r.u1 == 17);
  CHECK(r.p_value == Approx(0.1111111111111111));  // method="exact"
}

TEST_CASE("exact test, 7 vs 6 interleaved", "[stats][mwu]") {
  const auto r = mann_whitney_u(V{1.5, 2.5, 0.5, 3.5, 9.5, 4.5, 7.5}, V{6.0, 8.0, 10.0, 11.0, 5.0, 12.0});
  CHECK(r.exact);
  CHECK(r.u1 == 5);
  CHECK(r.p_value == Approx(0.022144522144522144));  // method="exact"
}

TEST_CASE("3 vs 3 can never reach p < 0.05", "[stats][mwu]") {
  const auto r = mann_whitney_u(V{1, 2, 3}, V{4, 5, 6});
  CHECK(r.p_value == Approx(0.1));  // 2 / C(6, 3) = 2 / 20
  CHECK(ph::stats::smallest_two_sided_p(3, 3) == Approx(0.1));
  CHECK(ph::stats::smallest_two_sided_p(5, 5) == Approx(2.0 / 252.0));
  CHECK(ph::stats::smallest_two_sided_p(0, 5) == 1.0);
}

TEST_CASE("ties switch to the normal approximation with tie correction", "[stats][mwu]") {
  const auto r = mann_whitney_u(V{1, 2, 2, 3, 4}, V{2, 3, 5, 6, 6});
  CHECK_FALSE(r.exact);
  CHECK(r.ties);
  CHECK(r.u1 == 4.5);
  CHECK(r.p_value == Approx(0.11049202405566802));  // method="asymptotic"
}

TEST_CASE("normal approximation for larger samples", "[stats][mwu]") {
  V a, b;
  for (int i = 1; i <= 12; ++i) a.push_back(i);
  for (int i = 0; i < 10; ++i) b.push_back(i + 6.5);
  const auto r = mann_whitney_u(a, b);
  CHECK_FALSE(r.exact);
  CHECK(r.u1 == 21);
  CHECK(r.p_value == Approx(0.011129227614007952));  // method="asymptotic"
}

TEST_CASE("one sample larger than 8 uses the normal approximation", "[stats][mwu]") {
  const auto r = mann_whitney_u(V{0.3, 0.1, 0.2}, V{0.25, 0.05, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8});
  CHECK_FALSE(r.exact);
  CHECK(r.u1 == 4);
  CHECK(r.p_value == Approx(0.075926962982557633));  // method="asymptotic"
}

TEST_CASE("5 vs 5 separated with a tie: normal approximation", "[stats][mwu]") {
  // Hand: U = 25, mu = 12.5; one tie pair inside the first sample: t^3 - t = 6,
  // sigma^2 = 25 / 12 (11 - 6 / 90) = 22.7777..., z = 12 / 4.7726 = 2.5143, p = 0.01192.
  const auto r = mann_whitney_u(V{1, 2, 2, 4, 5}, V{6, 7, 8, 9, 10});
  CHECK_FALSE(r.exact);
  CHECK(r.p_value == Approx(0.011926).epsilon(1e-3));
}

TEST_CASE("identical samples and all-tied samples give p = 1", "[stats][mwu]") {
  CHECK(mann_whitney_u(V{1, 2, 3, 4, 5}, V{1, 2, 3, 4, 5}).p_value == 1.0);
  const auto tied = mann_whitney_u(V{1, 1, 1}, V{1, 1});
  CHECK(tied.u1 == 3);
  CHECK(tied.p_value == 1.0);
  CHECK(mann_whitney_u(V{1}, V{2}).p_value == 1.0);  // exact: U in {0, 1}, each 1/2
}

TEST_CASE("empty or NaN samples are rejected", "[stats][mwu]") {
  CHECK_THROWS_AS(mann_whitney_u(V{}, V{1}), std::invalid_argument);
  CHECK_THROWS_AS(mann_whitney_u(V{1}, V{std::numeric_limits<double>::quiet_NaN()}), std::invalid_argument);
}

TEST_CASE("heavily tied 3 vs 3 goes below the distinct-value floor", "[stats][mwu]") {
  // Hand: U = 9, mu = 4.5, two tie groups of 3: sum(t^3 - t) = 48,
  // sigma^2 = 9 / 12 (7 - 48 / 30) = 4.05, z = (9 - 4.5 - 0.5) / 2.01246 = 1.98762, p = 0.04685.
  const auto r = mann_whitney_u(V{96, 96, 96}, V{95, 95, 95});
  CHECK_FALSE(r.exact);
  CHECK(r.p_value == Approx(0.046854177603873774));  // scipy, method="asymptotic"
}
