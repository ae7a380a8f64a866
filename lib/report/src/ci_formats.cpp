// The formats CI systems read: JUnit XML, a Markdown summary, benchmark-action JSON.
#include <cstdio>
#include <sstream>

#include "perfharness/report/reporter.hpp"

namespace ph::report {
namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';
        else out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string budget_name(const BudgetOutcome& b) {
  return (b.operation.empty() ? std::string("run") : b.operation) + "." + b.metric + " " + b.statistic +
         (b.operation.empty() ? "" : " across " + b.across) + " " + b.limit_key + " " + num(b.limit);
}

}  // namespace

std::string junit_xml(const RunResult& run) {
  struct Case {
    std::string classname, name, failure, skipped;
  };
  std::vector<Case> cases;
  const std::string suite = run.scenario.value("name", std::string("perfharness"));
  for (const auto& b : run.budgets) {
    Case c{"perfharness.budgets." + (b.operation.empty() ? std::string("run") : b.operation), budget_name(b), "", ""};
    if (!b.available) c.skipped = b.detail;
    else if (!b.passed) c.failure = b.metric + " " + num(b.actual) + " exceeds limit " + num(b.limit) + " (" + b.unit + ")";
    cases.push_back(std::move(c));
  }
  for (const auto& op : run.operations)
    if (!op.error.empty()) cases.push_back({"perfharness.operations", op.name, "operation failed: " + op.error, ""});
  if (run.comparison.contains("comparisons"))
    for (const auto& cmp : run.comparison["comparisons"]) {
      Case c{"perfharness.regressions." + cmp.value("operation", std::string()), cmp.value("figure", std::string()) + " vs baseline", "", ""};
      if (cmp.value("verdict", std::string()) == "regressed")
        c.failure = "regressed: median " + num(cmp.value("base_median", 0.0)) + " -> " + num(cmp.value("new_median", 0.0)) +
                    " (" + cmp.value("reason", std::string()) + ")";
      cases.push_back(std::move(c));
    }
  std::size_t failures = 0, skipped = 0;
  for (const auto& c : cases) {
    failures += !c.failure.empty();
    skipped += !c.skipped.empty();
  }
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites name=\"perfharness\" tests=\"" << cases.size() << "\" failures=\"" << failures << "\" skipped=\"" << skipped << "\">\n";
  x << "  <testsuite name=\"" << xml_escape(suite) << "\" tests=\"" << cases.size() << "\" failures=\"" << failures
    << "\" errors=\"0\" skipped=\"" << skipped << "\">\n";
  for (const auto& c : cases) {
    x << "    <testcase classname=\"" << xml_escape(c.classname) << "\" name=\"" << xml_escape(c.name) << "\"";
    if (c.failure.empty() && c.skipped.empty()) {
      x << "/>\n";
      continue;
    }
    x << ">\n";
    if (!c.failure.empty()) x << "      <failure message=\"" << xml_escape(c.failure) << "\"/>\n";
    if (!c.skipped.empty()) x << "      <skipped message=\"" << xml_escape(c.skipped) << "\"/>\n";
    x << "    </testcase>\n";
  }
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

std::string markdown_summary(const RunResult& run) {
  std::ostringstream m;
  m << "### perfharness: " << run.scenario.value("name", std::string("scenario")) << (run.exit_code == 0 ? " ✅" : " ❌") << "\n\n";
  m << "| operation | kind | time (median) | ± MAD | peak memory | budgets |\n|---|---|---|---|---|---|\n";
  for (const auto& op : run.operations) {
    std::string time = "-", mad = "-", peak = "-";
    if (auto it = op.figures.find("time"); it != op.figures.end() && !it->second.samples.empty()) {
      const auto s = it->second.summary();
      time = num(s.median * 1e3) + " ms";
      mad = s.median > 0 ? num(100 * s.mad / s.median) + "%" : "-";
    }
    if (auto it = op.figures.find("peak_memory"); it != op.figures.end() && !it->second.samples.empty())
      peak = num(it->second.summary().max) + " MB";
    std::string marks;
    for (const auto& b : run.budgets)
      if (b.operation == op.name) marks += !b.available ? "❔" : b.passed ? "✅" : "❌";
    if (!op.error.empty()) marks += " failed: " + op.error;
    m << "| " << op.name << " | " << op.kind << " | " << time << " | " << mad << " | " << peak << " | " << marks << " |\n";
  }
  m << "\n| budget | actual | limit | |\n|---|---|---|---|\n";
  for (const auto& b : run.budgets)
    m << "| " << budget_name(b) << " | " << (b.available ? num(b.actual) : "unavailable") << " | " << num(b.limit) << " | "
      << (!b.available ? "❔" : b.passed ? "✅" : "❌") << " |\n";
  if (run.comparison.contains("comparisons")) {
    const auto& cmp = run.comparison;
    m << "\n**Against the baseline:** " << cmp.value("regressions", 0) << " regressed, " << cmp.value("improvements", 0)
      << " improved";
    if (cmp.contains("geometric_mean_ratio") && cmp["geometric_mean_ratio"].is_number())
      m << ", geometric mean of new/base " << num(cmp["geometric_mean_ratio"].get<double>());
    m << "\n";
    bool header = false;
    for (const auto& c : cmp["comparisons"]) {
      const std::string verdict = c.value("verdict", std::string());
      if (verdict != "regressed" && verdict != "improved") continue;
      if (!header) m << "\n| operation | figure | base median | new median | change | p-value | |\n|---|---|---|---|---|---|---|\n";
      header = true;
      const auto number = [&](const char* key, double scale, const char* suffix) {
        return c.contains(key) && c[key].is_number() ? num(c[key].get<double>() * scale) + suffix : std::string("-");
      };
      m << "| " << c.value("operation", std::string()) << " | " << c.value("figure", std::string()) << " | "
        << number("base_median", 1, "") << " | " << number("new_median", 1, "") << " | " << number("change", 100, "%")
        << " | " << number("p_value", 1, "") << " | " << (verdict == "regressed" ? "❌ regressed" : "✅ improved") << " |\n";
    }
  }
  if (!run.bottlenecks.empty()) {
    m << "\n**Bottlenecks**\n\n";
    for (const auto& b : run.bottlenecks) m << "- " << b << "\n";
  }
  m << "\nVerdict: exit " << run.exit_code << "\n\n";
  return m.str();
}

nlohmann::ordered_json benchmark_json(const RunResult& run) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const auto& op : run.operations)
    for (const auto& [name, f] : op.figures) {
      if (f.samples.empty()) continue;
      const auto s = f.summary();
      a.push_back({{"name", op.name + " " + name}, {"unit", f.unit}, {"value", name == "peak_memory" ? s.max : s.median},
                   {"range", "± " + num(s.mad)}, {"extra", "n=" + std::to_string(s.n)}});
    }
  return a;
}

}  // namespace ph::report
