// The Markdown summary (GitHub's job summary, a pull-request comment). Every cell is escaped:
// an operation named `a|b` or `<b>x</b>` must neither split a table cell nor inject HTML.
#include <cctype>
#include <functional>
#include <sstream>

#include "perfharness/common/printable.hpp"
#include "perfharness/report/reporter.hpp"
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
  return (b.operation.empty() ? std::string("run") : b.operation) + ": " + b.metric +
         (b.operation.empty() ? ""
          : " " + std::string(stats::to_string(b.statistic)) +
                (b.across == stats::Across::total ? ", whole operation"
                                                  : ", " + std::string(stats::to_string(b.across)) + " across cases"));
}

std::string mark(const BudgetOutcome& b) { return !b.available ? "❔" : b.passed ? "✅" : "❌"; }

void operations_table(std::ostringstream& m, const RunResult& run) {
  m << "| operation | kind | time (median) | ± MAD | peak memory | budgets |\n|---|---|---|---|---|---|\n";
  for (const auto& op : run.operations) {
    std::string time = "-", mad = "-", peak = "-";
    if (auto it = op.figures.find("time"); it != op.figures.end() && !it->second.samples.empty()) {
      const auto s = it->second.summary();
      time = with_unit(s.median, it->second.unit);
      mad = s.median > 0 ? plain_number(100 * s.mad / s.median) + " %" : "-";
    }
    if (auto it = op.figures.find("peak_memory"); it != op.figures.end() && !it->second.samples.empty())
      peak = with_unit(it->second.summary().max, it->second.unit);
    std::string marks;
    for (const auto& b : run.budgets)
      if (b.operation == op.name) marks += mark(b);
    if (!op.error.empty()) marks += " failed: " + md(op.error);
    m << "| " << md(op.name) << " | " << md(op.kind) << " | " << time << " | " << mad << " | " << peak << " | " << marks
      << " |\n";
  }
}

void budgets_table(std::ostringstream& m, const RunResult& run) {
  if (run.budgets.empty()) return;
  m << "\n| budget | actual | limit | |\n|---|---|---|---|\n";
  for (const auto& b : run.budgets)
    m << "| " << md(budget_name(b)) << " | " << (b.available ? with_unit(b.actual, b.unit) : "unavailable") << " | "
      << with_unit(b.limit, b.unit) << " | " << mark(b) << " |\n";
}

void comparison_table(std::ostringstream& m, const nlohmann::ordered_json& cmp) {
  m << "\n**Against the baseline:** " << cmp.value("regressions", 0) << " regressed, " << cmp.value("improvements", 0)
    << " improved";
  if (cmp.contains("geometric_mean_ratio") && cmp["geometric_mean_ratio"].is_number())
    m << ", geometric mean of new/base " << plain_number(cmp["geometric_mean_ratio"].get<double>()) << "×";
  m << "\n";
  bool header = false;
  for (const auto& c : cmp["comparisons"]) {
    const std::string verdict = c.value("verdict", std::string());
    if (verdict != "regressed" && verdict != "improved") continue;
    if (!header) m << "\n| operation | figure | base median | new median | change | p-value | |\n|---|---|---|---|---|---|---|\n";
    header = true;
    const std::string unit = c.value("unit", std::string());
    const auto number = [&](const char* key, const std::function<std::string(double)>& show) {
      return c.contains(key) && c[key].is_number() ? show(c[key].get<double>()) : std::string("-");
    };
    const auto figure = [&](double v) { return with_unit(v, unit); };
    m << "| " << md(c.value("operation", std::string())) << " | " << md(c.value("figure", std::string())) << " | "
      << number("base_median", figure) << " | " << number("new_median", figure) << " | "
      << number("change", signed_percent) << " | "
      << number("p_value", [](double v) { return "p = " + plain_number(v); }) << " | "
      << (verdict == "regressed" ? "❌ regressed" : "✅ improved") << " |\n";
  }
}

}  // namespace

std::string markdown_summary(const RunResult& run) {
  std::ostringstream m;
  m << "### perfharness: " << md(run.scenario.value("name", std::string("scenario")))
    << (run.exit_code == 0 ? " ✅" : " ❌") << "\n\n";
  operations_table(m, run);
  budgets_table(m, run);
  if (run.comparison.contains("comparisons")) comparison_table(m, run.comparison);
  if (!run.bottlenecks.empty()) {
    m << "\n**Bottlenecks**\n\n";
    for (const auto& b : run.bottlenecks) m << "- " << md(b) << "\n";
  }
  if (!run.complete) m << "\n**Interrupted:** the figures cover the repetitions finished before SIGINT.\n";
  m << "\nVerdict: exit " << run.exit_code << "\n\n";
  return m.str();
}

}  // namespace ph::report
