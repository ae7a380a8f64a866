// JUnit XML that both Jenkins xunit's junit-10.xsd and the Ant schema (read by GitLab and
// dorny/test-reporter) accept; tests/data/junit holds both and tests/e2e/ci_formats.sh checks.
#include <map>
#include <sstream>

#include "perfharness/common/utc_time.hpp"
#include "perfharness/report/reporter.hpp"
#include "reporter_factories.hpp"
#include "text_format.hpp"

namespace ph::report {
namespace {

// The Ant schema's timestamp is a UTC date-time without a zone suffix.
std::string ant_timestamp(const std::string& started_at) {
  std::string t = started_at.empty() ? utc_now_iso8601() : started_at;
  if (!t.empty() && t.back() == 'Z') t.pop_back();
  return t;
}

struct Case {
  std::string classname, name, time;
  std::string outcome;  // "", "failure", "error", "skipped"
  std::string type, message, text;
};

// A name that survives edits of the limit: what is judged, never the number it is judged against.
double operation_seconds(const RunResult& run, const std::string& operation) {
  for (const auto& op : run.operations)
    if (op.name == operation)
      if (const auto it = op.figures.find(figures::key::time); it != op.figures.end()) {
        double sum = 0;
        for (double v : it->second.samples) sum += v;
        return sum;
      }
  return 0;
}

std::vector<Case> test_cases(const RunResult& run, const std::string& suite) {
  std::vector<Case> cases;
  const auto class_of = [&](const std::string& operation) { return operation.empty() ? suite : suite + "." + operation; };
  for (const auto& b : run.budgets) {
    Case c{class_of(b.operation), budget_label(b), junit_seconds(operation_seconds(run, b.operation)), "", "", "", ""};
    const std::string limit = with_unit(b.limit, b.unit);
    if (!b.available) {
      c.outcome = "skipped";
      c.message = "not measured: " + b.detail;
    } else if (!b.passed) {
      c.outcome = "failure";
      c.type = "budget_exceeded";
      c.message = budget_label(b) + " is " + with_unit(b.actual, b.unit) +
                  (b.deciding_case.empty() ? "" : " in " + deciding_text(b)) + ", over the limit of " + limit + " (" +
                  std::string(figures::limit_key(b.unit)) + " at " + b.path + ")";
      c.text = b.detail;
    }
    cases.push_back(std::move(c));
  }
  for (const auto& op : run.operations)
    if (!op.error.empty())
      cases.push_back({class_of(op.name), "runs without error", junit_seconds(operation_seconds(run, op.name)), "error",
                       "operation_failed", "operation failed: " + op.error, ""});
  if (run.comparison)
    for (const auto& cmp : run.comparison->result.comparisons) {
      // A sweep's parameter sets share their case's label: their parameters keep test names unique.
      const std::string in_case = cmp.case_label.empty() ? ""
                                  : " [" + cmp.case_label + "]" + (cmp.parameter_set ? " (" + cmp.parameters + ")" : "");
      Case c{class_of(cmp.operation), cmp.figure + " against the baseline" + in_case,
             junit_seconds(operation_seconds(run, cmp.operation)), "", "", "", ""};
      if (cmp.verdict == Verdict::regressed) {
        c.outcome = "failure";
        c.type = "regression";
        c.message = cmp.figure + " regressed" +
                    (cmp.case_label.empty() ? "" : " in case " + cmp.case_label +
                                                       (cmp.parameters.empty() ? "" : " (" + cmp.parameters + ")")) +
                    ": median " + with_unit(cmp.base_median, cmp.unit) + " -> " + with_unit(cmp.new_median, cmp.unit) +
                    " (" + cmp.reason + ")";
      }
      cases.push_back(std::move(c));
    }
  // Two budgets on one figure and statistic (max_s and max_ms, say) would share a name.
  std::map<std::string, int> seen;
  for (auto& c : cases)
    if (const int n = ++seen[c.classname + "\n" + c.name]; n > 1) c.name += " (" + std::to_string(n) + ")";
  return cases;
}

}  // namespace

std::string junit_xml(const RunResult& run) {
  std::string suite = run.scenario.name;
  if (suite.empty()) suite = "perfharness";
  std::string host = run.environment.host;
  if (host.empty()) host = "localhost";
  const std::vector<Case> cases = test_cases(run, suite);
  std::map<std::string, std::size_t> count;
  for (const auto& c : cases) ++count[c.outcome];

  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  x << "  <testsuite name=\"" << markup_text(suite) << "\" package=\"perfharness\" id=\"0\" timestamp=\""
    << ant_timestamp(run.started_at) << "\" hostname=\"" << markup_text(host) << "\" tests=\"" << cases.size()
    << "\" failures=\"" << count["failure"] << "\" errors=\"" << count["error"] << "\" skipped=\"" << count["skipped"]
    << "\" time=\"" << junit_seconds(run.elapsed_s) << "\">\n";
  x << "    <properties>\n";
  const auto property = [&](const std::string& name, const std::string& value) {
    x << "      <property name=\"" << name << "\" value=\"" << markup_text(value) << "\"/>\n";
  };
  property("perfharness.version", run.tool.version);
  property("scenario.path", run.scenario.path);
  property("scenario.sha256", run.scenario.sha256);
  property("complete", run.complete ? "true" : "false");
  property("exit_code", std::to_string(run.exit_code));
  x << "    </properties>\n";
  for (const auto& c : cases) {
    x << "    <testcase classname=\"" << markup_text(c.classname) << "\" name=\"" << markup_text(c.name) << "\" time=\"" << c.time
      << "\"";
    if (c.outcome.empty()) {
      x << "/>\n";
      continue;
    }
    x << ">\n      <" << c.outcome << " message=\"" << markup_text(c.message) << "\"";
    if (!c.type.empty()) x << " type=\"" << c.type << "\"";
    if (c.text.empty()) x << "/>\n";
    else x << ">" << markup_text(c.text) << "</" << c.outcome << ">\n";
    x << "    </testcase>\n";
  }
  x << "    <system-out/>\n    <system-err/>\n  </testsuite>\n</testsuites>\n";
  return x.str();
}

namespace {

class JunitReporter final : public Reporter {
 public:
  std::string render(const RunResult& run) const override { return junit_xml(run); }
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter() { return std::make_unique<JunitReporter>(); }

}  // namespace ph::report
