// Confirmation (docs/compare.md): a timing figure that looked regressed stays regressed only when
// a second measurement in fresh processes agrees. Judged here on constructed comparisons.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "perfharness/report/baseline.hpp"

using namespace ph::report;

namespace {

FigureComparison row(const std::string& operation, const std::string& figure, Verdict verdict,
                     std::size_t new_processes = 5, bool exact = false) {
  FigureComparison c;
  c.operation = operation;
  c.figure = figure;
  c.verdict = verdict;
  c.new_processes = new_processes;
  c.base_processes = new_processes;
  c.exact = exact;
  c.reason = "first reason";
  return c;
}

ComparisonResult result_of(std::vector<FigureComparison> rows) {
  ComparisonResult r;
  r.comparisons = std::move(rows);
  for (const auto& c : r.comparisons) r.regressions += c.verdict == Verdict::regressed;
  return r;
}

FigureComparison second(const std::string& operation, const std::string& figure, Verdict verdict) {
  FigureComparison c = row(operation, figure, verdict, 4);
  c.new_median = 12;
  c.change = verdict == Verdict::regressed ? 0.4 : 0.01;
  c.p_value = verdict == Verdict::regressed ? 0.008 : 0.6;
  c.noise_band = 0.1;
  c.reason = "second reason";
  return c;
}

}  // namespace

TEST_CASE("the operations to confirm are those with a timing figure regressed over worker processes", "[compare][confirm]") {
  const ComparisonResult r = result_of({row("a", "time", Verdict::regressed), row("a", "cpu_time", Verdict::regressed),
                                        row("b", "peak_memory", Verdict::regressed),
                                        row("c", "instructions", Verdict::regressed, 0, true),
                                        row("d", "time", Verdict::regressed, 0), row("e", "time", Verdict::unchanged),
                                        row("f", "fetch_time", Verdict::regressed)});
  // b: memory is not timing; c: exact counts need no second look; d: timed in the run's own
  // process, where fresh processes would not measure the same thing; e: not regressed.
  CHECK(operations_to_confirm(r) == std::vector<std::string>{"a", "f"});
}

TEST_CASE("a regression whose second measurement agrees stands, confirmed", "[compare][confirm]") {
  ComparisonResult r = result_of({row("a", "time", Verdict::regressed), row("a", "cpu_time", Verdict::regressed)});
  const ComparisonResult again =
      result_of({second("a", "time", Verdict::regressed), second("a", "cpu_time", Verdict::regressed)});
  apply_confirmation(r, again, {"a"});
  CHECK(r.regressions == 2);
  CHECK(r.unconfirmed == 0);
  for (const auto& c : r.comparisons) {
    CHECK(c.verdict == Verdict::regressed);
    REQUIRE(c.confirmation);
    CHECK(c.confirmation->agreed);
    CHECK(c.confirmation->processes == 4);
    CHECK(c.confirmation->new_median == 12);
    CHECK(c.reason == "first reason; confirmed in 4 fresh processes: second reason");
  }
}

TEST_CASE("a regression the second measurement does not find is unchanged and counted unconfirmed", "[compare][confirm]") {
  ComparisonResult r = result_of({row("a", "time", Verdict::regressed), row("a", "cpu_time", Verdict::regressed)});
  const ComparisonResult again =
      result_of({second("a", "time", Verdict::unchanged), second("a", "cpu_time", Verdict::regressed)});
  apply_confirmation(r, again, {"a"});
  CHECK(r.regressions == 1);
  CHECK(r.unconfirmed == 1);
  const FigureComparison& time = r.comparisons[0];
  CHECK(time.verdict == Verdict::unchanged);
  REQUIRE(time.confirmation);
  CHECK_FALSE(time.confirmation->agreed);
  CHECK(time.confirmation->p_value == Approx(0.6));
  CHECK(time.reason == "not confirmed in 4 fresh processes (second reason); first measurement: first reason");
  CHECK(r.comparisons[1].verdict == Verdict::regressed);
}

TEST_CASE("a second measurement that improved does not make the figure improved", "[compare][confirm]") {
  ComparisonResult r = result_of({row("a", "time", Verdict::regressed)});
  apply_confirmation(r, result_of({second("a", "time", Verdict::improved)}), {"a"});
  CHECK(r.comparisons[0].verdict == Verdict::unchanged);
  CHECK(r.improvements == 0);
  CHECK(r.regressions == 0);
  CHECK(r.unconfirmed == 1);
}

TEST_CASE("confirmation leaves alone memory, exact counts, operations not measured again and missing rows", "[compare][confirm]") {
  ComparisonResult r = result_of({row("a", "peak_memory", Verdict::regressed),
                                  row("a", "instructions", Verdict::regressed, 5, true),
                                  row("b", "time", Verdict::regressed), row("c", "time", Verdict::regressed)});
  // Every row of the second judgement disagrees; only c was measured again, and c's row is missing.
  const ComparisonResult again = result_of({second("a", "peak_memory", Verdict::unchanged),
                                            second("a", "instructions", Verdict::unchanged),
                                            second("b", "time", Verdict::unchanged)});
  apply_confirmation(r, again, {"a", "c"});
  CHECK(r.regressions == 4);
  CHECK(r.unconfirmed == 0);
  for (const auto& c : r.comparisons) {
    CHECK(c.verdict == Verdict::regressed);
    CHECK_FALSE(c.confirmation);
    CHECK(c.reason == "first reason");
  }
}

TEST_CASE("a case's timing regression falls with its operation's, even when the case's own agrees", "[compare][confirm]") {
  FigureComparison op = row("a", "time", Verdict::regressed);
  FigureComparison in_case = row("a", "time", Verdict::regressed);
  in_case.case_label = "sma_cross AAA 2022";
  ComparisonResult r = result_of({op, in_case});
  FigureComparison case_again = second("a", "time", Verdict::regressed);
  case_again.case_label = in_case.case_label;
  apply_confirmation(r, result_of({second("a", "time", Verdict::unchanged), case_again}), {"a"});
  CHECK(r.comparisons[0].verdict == Verdict::unchanged);
  CHECK(r.comparisons[1].verdict == Verdict::unchanged);
  REQUIRE(r.comparisons[1].confirmation);
  CHECK(r.comparisons[1].confirmation->agreed);
  CHECK(r.comparisons[1].reason == "not confirmed: the operation's time was not (the case's in 4 fresh processes: second reason); first measurement: first reason");
  CHECK(r.regressions == 0);
  CHECK(r.unconfirmed == 2);

  SECTION("and stands with it") {
    ComparisonResult both = result_of({op, in_case});
    apply_confirmation(both, result_of({second("a", "time", Verdict::regressed), case_again}), {"a"});
    CHECK(both.regressions == 2);
    CHECK(both.unconfirmed == 0);
  }
}
