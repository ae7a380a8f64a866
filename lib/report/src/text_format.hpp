#pragma once
// Numbers as the CI formats print them: with their unit, counts exact, never in exponent
// notation a reader has to decode (`%.6g` turned 1000001 instructions into 1e+06).
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "perfharness/figures/limit_unit.hpp"
#include "perfharness/report/run_result.hpp"

namespace ph::report {

/// Which moved parameter-set rows a person's view of a comparison shows: a few per sweep case,
/// since a grid of hundreds that all moved would bury the rest; the JSON has them all.
class ParameterSetRows {
 public:
  static constexpr std::size_t kShown = 5;
  /// False for a parameter-set row beyond the first kShown of its case; true for any other row.
  bool show(const FigureComparison& c);
  /// "OP [CASE]: N more parameter sets moved (...)", one per case with rows left out.
  std::vector<std::string> left_out() const;

 private:
  std::map<std::pair<std::string, std::string>, std::size_t> moved_;
};

/// `v` without an exponent for everyday magnitudes: integers exactly, others to 4 significant
/// digits (more before the point when needed), tiny values in `%.3g`.
std::string plain_number(double v);

/// plain_number with thousands separators in its integer part: "1,000,001", "27,840.5".
std::string grouped_number(double v);

/// `v` in its unit as a person reads it: durations (s, ms) scaled to ns, µs, ms or s; sizes
/// (MB, which figures mean as MiB) in B, KiB, MiB or GiB; counts exact with separators and no
/// unit word ("4,812,331"), instruction counts with theirs ("27,840 instructions"); 4
/// significant digits at most, never an exponent for everyday magnitudes.
std::string with_unit(double v, const std::string& unit);
/// A budget's value or limit in the limit's unit ("50 ms", "100 MB").
inline std::string with_unit(double v, figures::LimitUnit unit) { return with_unit(v, std::string(figures::unit_text(unit))); }

/// What a budget limits, without its operation: "time median, max across cases", "time p95, whole
/// operation"; a run-level budget is its metric ("bottlenecks").
std::string budget_label(const BudgetOutcome& b);

/// The case that decided a budget and, for a sweep's time, its slowest parameter set:
/// "sma_cross grid ACME 2021 (slowest parameter set: fast_period=5, slow_period=20)"; empty
/// when no single case decided.
std::string deciding_text(const BudgetOutcome& b);

/// A relative change as a signed percentage with one decimal: "+41.4%", "-3.0%", "+inf%".
std::string signed_percent(double fraction);
/// "±8.2%": a band around zero, from a fraction.
std::string band_percent(double fraction);

/// The columns `text` takes in a terminal: UTF-8 code points, not bytes ("µs" is 2 wide).
std::size_t display_width(const std::string& text);

/// `seconds` with the 3 decimals JUnit consumers accept (Jenkins' SUREFIRE_TIME pattern).
std::string junit_seconds(double seconds);

/// `raw` as text inside XML or HTML markup or an attribute value: printable (no control bytes,
/// which XML 1.0 forbids; valid UTF-8, so the file stays readable) with & < > " ' escaped.
std::string markup_text(const std::string& raw);

}  // namespace ph::report
