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
  for (auto& c : result.comparisons) {
    if (!needs_confirmation(c) || std::find(operations.begin(), operations.end(), c.operation) == operations.end())
      continue;
    const FigureComparison* again = find(c.operation, c.case_label, c.figure);
    if (!again) continue;  // not measured again (its workers failed): the first judgement stands
    c.confirmation = Confirmation{again->new_processes, again->new_median, again->change,      again->p_value,
                                  again->noise_band,    again->verdict == Verdict::regressed, again->reason};
    if (c.confirmation->agreed) {
      c.reason += "; confirmed in " + std::to_string(again->new_processes) + " fresh processes: " + again->reason;
    } else {
      c.verdict = Verdict::unchanged;
      c.reason = "not confirmed in " + std::to_string(again->new_processes) + " fresh processes (" + again->reason +
                 "); first measurement: " + c.reason;
    }
  }
  result.regressions = 0;
  result.unconfirmed = 0;
  for (const auto& c : result.comparisons) {
    result.regressions += c.verdict == Verdict::regressed;
    result.unconfirmed += c.confirmation && !c.confirmation->agreed;
  }
}

}  // namespace ph::report
