// Verdicts of compare_reports. p-values quoted from scipy.stats.mannwhitneyu 1.10
// (two-sided) or worked by hand; medians and changes by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include "perfharness/report/compare.hpp"
#include "report_builder.hpp"

using namespace test_reports;
using ph::report::compare_reports;
using ph::report::CompareOptions;
using ph::report::Verdict;

namespace {
bool any_warning(const ph::report::ComparisonResult& r, const std::string& part) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}
}  // namespace

TEST_CASE("an injected 2x slowdown over 5 vs 5 samples is a regression", "[compare]") {
  const auto r = compare_reports(single({1.00, 1.02, 0.98, 1.01, 0.99}), single({2.00, 2.04, 1.96, 2.02, 1.98}));
  REQUIRE(r.comparisons.size() == 1);
  const auto& c = r.comparisons[0];
  CHECK(c.operation == "op");
  CHECK(c.figure == "time");
  CHECK(c.unit == "s");
  CHECK(c.base_median == 1.00);
  CHECK(c.new_median == 2.00);
  CHECK(c.change == Approx(1.0));
  REQUIRE(c.p_value);
  CHECK(*c.p_value == Approx(2.0 / 252.0));  // complete separation, exact test
  CHECK(c.verdict == Verdict::regressed);
  CHECK(r.regressions == 1);
  CHECK(r.geometric_mean_ratio.value() == Approx(2.0));
}

TEST_CASE("identical distributions are unchanged", "[compare]") {
  const auto base = single({1.00, 1.02, 0.98, 1.01, 0.99});
  const auto r = compare_reports(base, base);
  REQUIRE(r.comparisons.size() == 1);
  CHECK(r.comparisons[0].verdict == Verdict::unchanged);
  CHECK(r.comparisons[0].change == 0.0);
  CHECK(*r.comparisons[0].p_value == 1.0);
  CHECK(r.regressions == 0);
  CHECK(r.warnings.empty());
}

TEST_CASE("a 2x speed-up is an improvement, not a regression", "[compare]") {
  const auto r = compare_reports(single({2.00, 2.04, 1.96, 2.02, 1.98}), single({1.00, 1.02, 0.98, 1.01, 0.99}));
  CHECK(r.comparisons[0].verdict == Verdict::improved);
  CHECK(r.comparisons[0].change == Approx(-0.5));
  CHECK(r.regressions == 0);
  CHECK(r.improvements == 1);
}

TEST_CASE("significance alone is not enough: a consistent +3.4% stays unchanged", "[compare]") {
  // medians 1.02 -> 1.055 (+3.43%), complete separation: p = 0.0079.
  const auto base = single({1.00, 1.01, 1.02, 1.03, 1.04});
  const auto next = single({1.045, 1.05, 1.055, 1.06, 1.065});
  const auto r = compare_reports(base, next);
  CHECK(*r.comparisons[0].p_value == Approx(0.007936507936507936));
  CHECK(r.comparisons[0].change == Approx(0.035 / 1.02));
  CHECK(r.comparisons[0].verdict == Verdict::unchanged);
  // Under a 3% threshold the change is still within the noise band of the base run:
  // (1.04 - 1.00) / 1.02 = 3.9%.
  CompareOptions tight;
  tight.threshold = 0.03;
  const auto within_band = compare_reports(base, next, tight).comparisons[0];
  CHECK(within_band.noise_band == Approx(0.04 / 1.02));
  CHECK(within_band.verdict == Verdict::unchanged);
  CHECK(within_band.reason == "+3.4% within the noise band ±3.9% (p 0.00794)");
  // Quieter runs with the same change: beyond the threshold and the band, and significant.
  const auto quiet = compare_reports(single({1.015, 1.0175, 1.02, 1.0225, 1.025}),
                                     single({1.05, 1.0525, 1.055, 1.0575, 1.06}), tight).comparisons[0];
  CHECK(quiet.noise_band == Approx(0.01 / 1.02));  // the wider of the two runs' bands
  CHECK(quiet.verdict == Verdict::regressed);
  CHECK(quiet.reason == "+3.4% beyond +3.0% and the noise band ±1.0%, p 0.00794 < 0.05");
}

TEST_CASE("size alone is not enough: a noisy +50% median change stays unchanged", "[compare]") {
  // medians 3 -> 4.5; scipy: U1 = 7.5, p = 0.3457 (ties, asymptotic)
  const auto r = compare_reports(single({1, 2, 3, 4, 5}), single({1.5, 3, 4.5, 6, 7.5}));
  CHECK(r.comparisons[0].change == Approx(0.5));
  CHECK(*r.comparisons[0].p_value == Approx(0.345741825860727));
  CHECK(r.comparisons[0].verdict == Verdict::unchanged);
  CHECK(r.regressions == 0);
}

TEST_CASE("alpha is honoured", "[compare]") {
  CompareOptions strict;
  strict.alpha = 0.005;  // below the 0.0079 that 5 vs 5 samples can reach at best
  const auto r = compare_reports(single({1.00, 1.02, 0.98, 1.01, 0.99}), single({2.00, 2.04, 1.96, 2.02, 1.98}), strict);
  CHECK(r.comparisons[0].verdict == Verdict::unchanged);
  CHECK(any_warning(r, "the test reaches p = 0.00794 at best"));
}

TEST_CASE("three samples each can never be significant, and the user is told", "[compare]") {
  const auto r = compare_reports(single({1.0, 1.01, 0.99}), single({2.0, 2.01, 1.99}));
  CHECK(*r.comparisons[0].p_value == Approx(0.1));
  CHECK(r.comparisons[0].verdict == Verdict::unchanged);
  CHECK(any_warning(r, "op: with 3 and 3 values (one per worker process, or the samples of one process) the test "
                        "reaches p = 0.1 at best, not below alpha 0.05: changes of time will mostly go undetected"));
}

TEST_CASE("exact figures are compared without a test", "[compare]") {
  const auto base = single({1000}, "count", true);
  const auto up6 = compare_reports(base, single({1060}, "count", true));
  CHECK(up6.comparisons[0].exact);
  CHECK_FALSE(up6.comparisons[0].p_value);
  CHECK(up6.comparisons[0].change == Approx(0.06));
  CHECK(up6.comparisons[0].verdict == Verdict::regressed);
  CHECK(compare_reports(base, single({1040}, "count", true)).comparisons[0].verdict == Verdict::unchanged);
  CHECK(compare_reports(base, single({900}, "count", true)).comparisons[0].verdict == Verdict::improved);
  // One sample each is normal for a count: no "only 1 repetition" warning.
  CHECK(up6.warnings.empty());
}

TEST_CASE("exact in only one report falls back to the test and says so", "[compare]") {
  const auto r = compare_reports(single({1000}, "count", true), single({1060}, "count", false));
  CHECK_FALSE(r.comparisons[0].exact);
  CHECK(r.comparisons[0].verdict == Verdict::unchanged);  // 1 vs 1 sample: p = 1
  CHECK(any_warning(r, "marked exact in only one report"));
}

TEST_CASE("geometric mean over the median ratios of all figures", "[compare]") {
  const auto ops = [](double t, double m) {
    return report(json::array({operation("a", json{{"time", figure({t, t, t})}, {"peak_memory", figure({m, m, m}, "MB")}})}));
  };
  // ratios 2 and 0.5 -> 1; 2 and 8 -> 4
  CHECK(compare_reports(ops(1, 4), ops(2, 2)).geometric_mean_ratio.value() == Approx(1.0));
  const auto r = compare_reports(ops(1, 1), ops(2, 8));
  CHECK(r.geometric_mean_ratio.value() == Approx(4.0));
  CHECK(r.ratio_count == 2);
}

TEST_CASE("a zero base median gives an infinite change and no ratio", "[compare]") {
  const auto r = compare_reports(single({0, 0, 0, 0, 0}, "MB"), single({1, 1, 1, 1, 1}, "MB"));
  CHECK(std::isinf(r.comparisons[0].change));
  CHECK_FALSE(r.geometric_mean_ratio);
  CHECK(r.comparisons[0].verdict == Verdict::regressed);  // all-tied within each side, separated: p = 0.0039
  const auto j = ph::report::to_json(r);
  CHECK(j["comparisons"][0]["change"].is_null());
  CHECK(j["geometric_mean_ratio"].is_null());
}

TEST_CASE("operations and figures are matched by name and the rest is reported", "[compare]") {
  const auto base = report(json::array({operation("a", json{{"time", figure({1, 1, 1})}, {"old_fig", figure({1, 1, 1})}}),
                                         operation("gone", json{{"time", figure({1, 1, 1})}})}));
  const auto next = report(json::array({operation("new_op", json{{"time", figure({1, 1, 1})}}),
                                         operation("a", json{{"time", figure({1, 1, 1})}, {"new_fig", figure({1, 1, 1})}})}));
  const auto r = compare_reports(base, next);
  REQUIRE(r.comparisons.size() == 1);
  CHECK(r.comparisons[0].operation == "a");
  CHECK(any_warning(r, "operation 'gone' is only in the base report"));
  CHECK(any_warning(r, "operation 'new_op' is only in the new report"));
  CHECK(any_warning(r, "a / old_fig: only in the base report"));
  CHECK(any_warning(r, "a / new_fig: only in the new report"));
}

TEST_CASE("different units, empty samples and failed operations are skipped with a warning", "[compare]") {
  const auto base = report(json::array({operation("a", json{{"time", figure({1, 1, 1}, "s")}, {"mem", figure({}, "MB")}}),
                                         json{{"name", "b"}, {"error", "database locked"}}}));
  const auto next = report(json::array({operation("a", json{{"time", figure({1000, 1000, 1000}, "ms")}, {"mem", figure({3}, "MB")}}),
                                         operation("b", json{{"time", figure({1, 1, 1})}})}));
  const auto r = compare_reports(base, next);
  CHECK(r.comparisons.empty());
  CHECK(any_warning(r, "a / time: unit 's' in the base report but 'ms' in the new one"));
  CHECK(any_warning(r, "a / mem: no samples in the base report"));
  CHECK(any_warning(r, "operation 'b' failed in the base report"));
  CHECK(any_warning(r, "nothing was compared"));
}

TEST_CASE("different machines, builds and versions are warned about", "[compare]") {
  const auto ops = json::array({operation("a", json{{"time", figure({1, 1, 1})}})});
  const auto same = compare_reports(report(ops), report(ops));
  CHECK_FALSE(any_warning(same, "different"));
  const auto r = compare_reports(report(ops), report(ops, environment("laptop", "Apple M2", "Debug"), "0.2.0"));
  CHECK(any_warning(r, "different hosts (base 'ci-1', new 'laptop')"));
  CHECK(any_warning(r, "different CPU models (base 'Xeon 8375C', new 'Apple M2')"));
  CHECK(any_warning(r, "different build types (base 'Release', new 'Debug')"));
  CHECK(any_warning(r, "different perfharness versions (base '0.1.0', new '0.2.0')"));
  auto no_env = report(ops);
  no_env.erase("environment");
  CHECK(any_warning(compare_reports(report(ops), no_env), "new report has no environment"));
}

TEST_CASE("noisy samples are warned about with their place, all in one warning", "[compare]") {
  const auto r = compare_reports(single({1.0, 1.14, 0.86, 1.2, 0.8}), single({1.0, 1.01, 0.99, 1.02, 0.98}));
  CHECK(any_warning(r, "MAD above 10% of the median, numbers too noisy to trust: op / time (base);"));
  CHECK_FALSE(any_warning(r, "(new)"));
  const auto both = compare_reports(single({1.0, 1.14, 0.86, 1.2, 0.8}), single({1.0, 1.14, 0.86, 1.2, 0.8}));
  CHECK(any_warning(both, "too noisy to trust: op / time (base), op / time (new);"));
  std::size_t noise_lines = 0;
  for (const auto& w : both.warnings) noise_lines += w.find("too noisy") != std::string::npos;
  CHECK(noise_lines == 1);
}

TEST_CASE("a lone outlier does not warn in a comparison: the rank test is robust to it", "[compare]") {
  // 3.0 is an outlier of the new samples (MAD 0.01, score 135); the report itself carries that warning.
  const auto r = compare_reports(single({1.0, 1.01, 0.99, 1.02, 0.98}), single({1.0, 1.01, 0.99, 1.02, 3.0}));
  CHECK(r.comparisons[0].verdict == Verdict::unchanged);
  CHECK(r.warnings.empty());
}

TEST_CASE("too few samples are reported once per operation", "[compare]") {
  const json figures{{"time", figure({1.0, 1.01, 1.02})},
                     {"cpu", figure({1.0, 1.01, 1.02})},
                     {"count", figure({7}, "count", true)}};
  const auto three = report(json::array({operation("a", figures)}));
  const auto r = compare_reports(three, three);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "a: with 3 and 3 values (one per worker process, or the samples of one process) the test "
                         "reaches p = 0.1 at best, not below alpha 0.05: changes of time, cpu will mostly go undetected; "
                         "use 5 or more processes");
}

TEST_CASE("the instructions gate judges exact instruction counts alone", "[compare][gate]") {
  const auto with_counts = [](double time, double instructions) {
    return report(json::array({operation("op", json{{"time", figure({time, time * 1.01, time * 0.99, time, time})},
                                                    {"instructions", figure({instructions}, "count", true)}})}));
  };
  CompareOptions gate;
  gate.gate = ph::report::Gate::instructions;
  // Time doubled, instructions the same: the gate does not look at time.
  const auto r = compare_reports(with_counts(1.0, 1000), with_counts(2.0, 1000), gate);
  REQUIRE(r.comparisons.size() == 1);
  CHECK(r.comparisons[0].figure == "instructions");
  CHECK(r.regressions == 0);
  CHECK(r.gate == ph::report::Gate::instructions);
  // The same reports under the default gate: time regressed.
  CHECK(compare_reports(with_counts(1.0, 1000), with_counts(2.0, 1000)).regressions == 1);
  // Instructions up 6%: regressed under the gate, whatever time did.
  CHECK(compare_reports(with_counts(2.0, 1000), with_counts(1.0, 1060), gate).regressions == 1);
}

TEST_CASE("the instructions gate refuses a report without instruction counts", "[compare][gate]") {
  CompareOptions gate;
  gate.gate = ph::report::Gate::instructions;
  gate.base_label = "base.json";
  const auto timed = single({1.0, 1.0, 1.0});
  const auto counted = single({1000}, "count", true);
  CHECK_THROWS_WITH(compare_reports(timed, timed, gate),
                    Catch::StartsWith("base.json: no instruction counts (figures.instructions)"));
  // single() names its figure "time", not "instructions": still none to judge.
  CHECK_THROWS(compare_reports(counted, counted, gate));
}
