// Confirmation of timing regressions (docs/compare.md, "Confirmation"): a slow period of a shared
// host lifts every timing of a run at once, and a second measurement taken moments later in
// fresh processes does not share it; a slower build is slower in both.
#include <algorithm>

#include "perfharness/figures/catalogue.hpp"
#include "perfharness/report/baseline.hpp"

namespace ph::report {
namespace {

bool needs_confirmation(const FigureComparison& c) {
  return c.verdict == Verdict::regressed && !c.exact && c.new_processes > 0 && figures::is_timing(c.figure);
}

}  // namespace

std::vector<std::string> operations_to_confirm(const ComparisonResult& result) {
  std::vector<std::string> names;
  for (const auto& c : result.comparisons)
    if (needs_confirmation(c) && std::find(names.begin(), names.end(), c.operation) == names.end())
      names.push_back(c.operation);
  return names;
}

void apply_confirmation(ComparisonResult& result, const ComparisonResult& remeasured,
                        const std::vector<std::string>& operations) {
  const auto find = [&](const std::string& operation, const std::string& case_label, const std::string& figure) {
    const auto it = std::find_if(remeasured.comparisons.begin(), remeasured.comparisons.end(), [&](const FigureComparison& r) {
      return r.operation == operation && r.case_label == case_label && r.figure == figure;
    });
    return it == remeasured.comparisons.end() ? nullptr : &*it;
  };
  const auto operation_stands = [&](const FigureComparison& c) {
    const auto op = std::find_if(result.comparisons.begin(), result.comparisons.end(), [&](const FigureComparison& o) {
      return o.operation == c.operation && o.case_label.empty() && o.figure == c.figure;
    });
    return op == result.comparisons.end() || op->verdict == Verdict::regressed;
  };
  // Operations first: a case's measured figure was judged only because its operation's
  // regressed, and cannot stand when that is not confirmed, or cases could add the false
  // alarms the operation's confirmation took away.
  for (const bool cases : {false, true})
    for (auto& c : result.comparisons) {
      if (c.case_label.empty() == cases || !needs_confirmation(c) ||
          std::find(operations.begin(), operations.end(), c.operation) == operations.end())
        continue;
      const FigureComparison* again = find(c.operation, c.case_label, c.figure);
      if (!again) continue;  // not measured again (its workers failed): the first judgement stands
      c.confirmation = Confirmation{again->new_processes, again->new_median, again->change,      again->p_value,
                                    again->noise_band,    again->verdict == Verdict::regressed, again->reason};
      const std::string processes = std::to_string(again->new_processes) + " fresh processes";
      if (!c.confirmation->agreed) {
        c.verdict = Verdict::unchanged;
        c.reason = "not confirmed in " + processes + " (" + again->reason + "); first measurement: " + c.reason;
      } else if (cases && !operation_stands(c)) {
        c.verdict = Verdict::unchanged;
        c.reason = "not confirmed: the operation's " + c.figure + " was not (the case's in " + processes + ": " +
                   again->reason + "); first measurement: " + c.reason;
      } else {
        c.reason += "; confirmed in " + processes + ": " + again->reason;
      }
    }
  result.regressions = 0;
  result.unconfirmed = 0;
  for (const auto& c : result.comparisons) {
    result.regressions += c.verdict == Verdict::regressed;
    result.unconfirmed += c.confirmation && c.verdict != Verdict::regressed;
  }
}

}  // namespace ph::report
