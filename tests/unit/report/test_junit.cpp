// JUnit XML as Jenkins (xunit's junit-10.xsd) and the Ant schema (GitLab, dorny/test-reporter)
// read it: both vendored schemas under tests/data/junit judge every file written here.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "perfharness/report/reporter.hpp"
#include "report_test_util.hpp"
#include "scratch_folder.hpp"

using namespace ph::report;
using namespace ph::report::test;

namespace {

const std::string kSchemas = std::string(PH_TEST_DATA_DIR) + "/junit/";

// xmllint's verdict on `xml` against one schema: empty when it validates, its messages otherwise.
std::string schema_problems(const std::string& xml, const std::string& schema) {
  ph_test::ScratchFolder dir("ph-junit-test");
  const std::string file = dir.file("junit.xml").string();
  write_text(file, xml);
  const CommandOutput out = run_command("xmllint --noout --schema '" + kSchemas + schema + "' '" + file + "'");
  return out.status == 0 ? std::string() : out.text.empty() ? "xmllint exit " + std::to_string(out.status) : out.text;
}

void require_both_schemas(const std::string& xml) {
  INFO(xml);
  CHECK(schema_problems(xml, "jenkins-xunit-junit-10.xsd") == "");
  CHECK(schema_problems(xml, "ant-junit.xsd") == "");
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("JUnit of a run with every outcome validates against Jenkins' and Ant's schemas", "[junit]") {
  const std::string xml = junit_xml(mixed_run());
  require_both_schemas(xml);
  // 5 budgets, 1 failed operation, 2 regression checks.
  CHECK_THAT(xml, Catch::Contains("tests=\"8\" failures=\"3\" errors=\"1\" skipped=\"1\" time=\"12.346\""));
  CHECK_THAT(xml, Catch::Contains("timestamp=\"2026-11-29T10:00:00\" hostname=\"ci-runner-7\""));
  CHECK(count(xml, "<testcase ") == 8);
  CHECK(count(xml, " time=\"") == 9);  // the suite and every case
  CHECK(count(xml, "<failure message=") == 3);
  CHECK(count(xml, "type=\"budget_exceeded\"") == 2);
  CHECK(count(xml, "type=\"regression\"") == 1);
  CHECK_THAT(xml, Catch::Contains("<error message=\"operation failed: prices.csv: not found\" type=\"operation_failed\""));
}

TEST_CASE("JUnit failure messages give the figure and the limit with units, counts exactly", "[junit]") {
  const std::string xml = junit_xml(mixed_run());
  CHECK_THAT(xml, Catch::Contains("message=\"time median, max across cases is 61.23 ms, over the limit of 50 ms"));
  CHECK_THAT(xml, Catch::Contains("is 1,000,001 instructions, over the limit of 1,000,000 instructions"));
  CHECK_THAT(xml, Catch::Contains("time regressed: median 125 ms -&gt; 250 ms"));
  CHECK_THAT(xml, !Catch::Contains("e+06"));
  // A test case's time is its operation's measured time: 0.5 + 0.25 + 0.25 s.
  CHECK_THAT(xml, Catch::Contains("name=\"time median, max across cases\" time=\"1.000\""));
}

TEST_CASE("JUnit test names stay the same when a limit is edited", "[junit]") {
  const auto names = [](const RunResult& run) {
    const std::string xml = junit_xml(run);
    std::vector<std::string> out;
    const std::regex name("<testcase classname=\"([^\"]*)\" name=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), name); it != std::sregex_iterator(); ++it)
      out.push_back((*it)[1].str() + "/" + (*it)[2].str());
    return out;
  };
  RunResult run = mixed_run();
  const auto before = names(run);
  for (auto& b : run.budgets) {
    b.limit *= 7;
    b.passed = b.available && b.actual <= b.limit;
  }
  CHECK(names(run) == before);
  CHECK(before.front() == "suite.bt/time median, max across cases");
  CHECK(before[4] == "suite/bottlenecks");  // a run-level budget: the run is its class
}

TEST_CASE("JUnit keeps two budgets on one figure apart", "[junit]") {
  RunResult run = mixed_run();
  run.budgets.push_back(budget("bt", "time", ph::figures::LimitUnit::s, 1, 0.06));
  const std::string xml = junit_xml(run);
  CHECK(count(xml, "name=\"time median, max across cases\"") == 1);
  CHECK(count(xml, "name=\"time median, max across cases (2)\"") == 1);
}

TEST_CASE("JUnit escapes hostile names and stays valid", "[junit]") {
  RunResult run = mixed_run("a<b>&\"q\" \x01\x1b[2J \xC2\x9B \xff end");
  run.scenario.name.clear();
  run.environment = {};
  run.started_at.clear();
  const std::string xml = junit_xml(run);
  require_both_schemas(xml);
  CHECK_THAT(xml, Catch::Contains("classname=\"perfharness.a&lt;b&gt;&amp;&quot;q&quot; \\x01\\x1b[2J \\x9b \\xff end\""));
  CHECK_THAT(xml, Catch::Contains("hostname=\"localhost\""));
  CHECK(std::regex_search(xml, std::regex("timestamp=\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\"")));
}

TEST_CASE("the vendored schemas reject what perfharness used to write", "[junit]") {
  // The old shape: a skipped count on <testsuites>, no time, timestamp or hostname, a failure
  // without a type. If a schema accepted this, the checks above would prove nothing.
  const std::string old =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"perfharness\" tests=\"1\" failures=\"1\" skipped=\"0\">\n"
      "  <testsuite name=\"s\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
      "    <testcase classname=\"c\" name=\"n\">\n      <failure message=\"m\"/>\n    </testcase>\n"
      "  </testsuite>\n</testsuites>\n";
  CHECK_THAT(schema_problems(old, "jenkins-xunit-junit-10.xsd"), Catch::Contains("skipped"));
  CHECK_THAT(schema_problems(old, "ant-junit.xsd"), Catch::Contains("timestamp") || Catch::Contains("properties"));
  std::string no_type = junit_xml(mixed_run());
  no_type.replace(no_type.find(" type=\"budget_exceeded\""), 23, "");
  CHECK_THAT(schema_problems(no_type, "ant-junit.xsd"), Catch::Contains("type"));
}
