// The Markdown summary (GitHub's job summary, a pull-request comment). Every cell is escaped:
// an operation named `a|b` or `<b>x</b>` must neither split a table cell nor inject HTML.
#include <cctype>
#include <cmath>
#include <sstream>

#include "perfharness/common/printable.hpp"
#include "perfharness/report/reporter.hpp"
#include "reporter_factories.hpp"
#include "text_format.hpp"

namespace ph::report {
namespace {

std::string md(const std::string& raw) {
  const std::string s = printable(raw, raw.size() * 6 + 16);
  const auto word = [&](std::size_t i) { return i < s.size() && std::isalnum(static_cast<unsigned char>(s[i])); };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '_':
        // Inside a word (backtest_sma) an underscore cannot start emphasis: it stays readable.
        if (i > 0 && word(i - 1) && word(i + 1)) {
          out += c;
          break;
        }
        [[fallthrough]];
      case '|': case '`': case '\\': case '*': case '[': case ']': case '#': case '~': case '!':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string budget_name(const BudgetOutcome& b) {
  return (b.operation.empty() ? std::string("run") : b.operation) + ": " + budget_label(b);
}

std::string mark(const BudgetOutcome& b) { return !b.available ? "❔" : b.passed ? "✅" : "❌"; }

void operations_table(std::ostringstream& m, const RunResult& run) {
  m << "| operation | kind | time (median) | ± MAD | peak memory | budgets |\n|---|---|---|---|---|---|\n";
  for (const auto& op : run.operations) {
    std::string time = "-", mad = "-", peak = "-";
    if (auto it = op.figures.find(figures::key::time); it != op.figures.end() && !it->second.samples.empty()) {
      const auto s = it->second.summary();
      time = with_unit(s.median, it->second.unit);
      mad = s.median > 0 ? plain_number(100 * s.mad / s.median) + " %" : "-";
    }
    if (auto it = op.figures.find(figures::key::peak_memory); it != op.figures.end() && !it->second.samples.empty())
      peak = with_unit(it->second.summary().max, it->second.unit);
    std::string marks;
    for (const auto& b : run.budgets)
      if (b.operation == op.name) marks += mark(b);
    if (!op.error.empty()) marks += " failed: " + md(op.error);
    m << "| " << md(op.name) << " | " << md(std::string(to_string(op.kind))) << " | " << time << " | " << mad << " | " << peak << " | " << marks
      << " |\n";
  }
}

void budgets_table(std::ostringstream& m, const RunResult& run) {
  if (run.budgets.empty()) return;
  m << "\n| budget | actual | limit | | decided by |\n|---|---|---|---|---|\n";
  for (const auto& b : run.budgets)
    m << "| " << md(budget_name(b)) << " | " << (b.available ? with_unit(b.actual, b.unit) : "unavailable") << " | "
      << with_unit(b.limit, b.unit) << " | " << mark(b) << " | " << (b.deciding_case.empty() ? "-" : md(deciding_text(b))) << " |\n";
}

void comparison_table(std::ostringstream& m, const ComparisonResult& cmp) {
  m << "\n**Against the baseline:** " << cmp.regressions << " regressed, " << cmp.improvements << " improved";
  if (cmp.geometric_mean_ratio) m << ", geometric mean of new/base " << plain_number(*cmp.geometric_mean_ratio) << "×";
  if (cmp.unconfirmed > 0)
    m << "; " << cmp.unconfirmed << " more looked regressed, but a second measurement in fresh processes did not agree";
  m << "\n";
  bool header = false;
  ParameterSetRows parameter_sets;
  for (const auto& c : cmp.comparisons) {
    if (c.verdict != Verdict::regressed && c.verdict != Verdict::improved) continue;
    if (!parameter_sets.show(c)) continue;
    if (!header) m << "\n| operation | figure | base | new | change | noise band | p-value | |\n|---|---|---|---|---|---|---|---|\n";
    header = true;
    m << "| " << md(subject_of(c)) << " | " << md(c.figure) << " | " << with_unit(c.base_median, c.unit) << " | "
      << with_unit(c.new_median, c.unit) << " | " << (std::isfinite(c.change) ? signed_percent(c.change) : "-") << " | "
      << (c.exact ? "exact" : band_percent(c.noise_band)) << " | " << (c.p_value ? "p = " + plain_number(*c.p_value) : "-") << " | "
      << (c.verdict == Verdict::regressed ? "❌ regressed" : "✅ improved") << " |\n";
  }
  for (const auto& line : parameter_sets.left_out()) m << "\n" << md(line) << "\n";
}

}  // namespace

std::string markdown_summary(const RunResult& run) {
  std::ostringstream m;
  m << "### perfharness: " << md(run.scenario.name.empty() ? std::string("scenario") : run.scenario.name)
    << (run.exit_code == 0 ? " ✅" : " ❌") << "\n\n";
  operations_table(m, run);
  budgets_table(m, run);
  if (run.comparison) comparison_table(m, run.comparison->result);
  if (!run.bottlenecks.empty()) {
    m << "\n**Bottlenecks**\n\n";
    for (const auto& b : run.bottlenecks) m << "- " << md(b) << "\n";
  }
  if (run.interrupted) m << "\n**Interrupted:** the figures cover the repetitions finished before SIGINT.\n";
  else if (!run.complete) m << "\n**Incomplete:** an operation failed; its error is in the report.\n";
  m << "\nVerdict: exit " << run.exit_code << "\n\n";
  return m.str();
}

namespace {

class MarkdownReporter final : public Reporter {
 public:
  std::string render(const RunResult& run) const override { return markdown_summary(run); }
};

}  // namespace

std::unique_ptr<Reporter> make_markdown_reporter() { return std::make_unique<MarkdownReporter>(); }

}  // namespace ph::report
