// The HTML page's construction: the report goes in whole and comes back out of the page equal,
// no text of the report can end its <script> element early, and a missing or unusable chart
// library is refused with the package named. (tests/html load the pages in Chromium.)
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "golden_run.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/report/html.hpp"
#include "perfharness/report/reporter.hpp"
#include "scratch_folder.hpp"

using namespace ph::report;
using namespace ph::report::test;

namespace {

// Points PERFHARNESS_CHARTJS at a stand-in library for the test's lifetime, then restores it.
class ChartLibrary {
 public:
  explicit ChartLibrary(const std::string& text, bool create = true) {
    if (const char* old = std::getenv("PERFHARNESS_CHARTJS")) previous_ = old;
    path_ = folder_.file("chart.min.js").string();
    if (create) std::ofstream(path_) << text;
    ::setenv("PERFHARNESS_CHARTJS", path_.c_str(), 1);
  }
  ~ChartLibrary() {
    if (previous_)
      ::setenv("PERFHARNESS_CHARTJS", previous_->c_str(), 1);
    else
      ::unsetenv("PERFHARNESS_CHARTJS");
  }
  const std::string& path() const { return path_; }

 private:
  ph_test::ScratchFolder folder_{"ph-html-test"};
  std::string path_;
  std::optional<std::string> previous_;
};

constexpr const char* kStub = "/* stand-in for Chart.js */ var Chart = function () {};";

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

nlohmann::ordered_json page_data(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"ph-data\">";
  const auto from = page.find(open);
  REQUIRE(from != std::string::npos);
  const auto to = page.find("</script>", from);
  REQUIRE(to != std::string::npos);
  return nlohmann::ordered_json::parse(page.substr(from + open.size(), to - from - open.size()));
}

}  // namespace

TEST_CASE("html: the page carries the whole report, which reads back equal", "[html]") {
  const ChartLibrary library(kStub);
  const nlohmann::ordered_json report = report_json(golden_run());
  const std::string page = html_report_page(report);
  const nlohmann::ordered_json data = page_data(page);
  CHECK(data["page"] == "report");
  CHECK(data["report"] == report);
  CHECK(page.find(kStub) != std::string::npos);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
}

TEST_CASE("html: text in the report cannot close the page's script elements or fill its markers", "[html]") {
  const ChartLibrary library(kStub);
  nlohmann::ordered_json report = report_json(golden_run());
  const std::string hostile = "</script><script>alert(1)</script><!-- @CHARTJS@ @SCRIPT@ @DATA@";
  report["scenario"]["description"] = hostile;
  report["scenario"]["name"] = "<b>&\"name\"";
  const std::string page = html_report_page(report);
  // The data, the library and the page's own script: three elements, each closed once.
  CHECK(count_of(page, "</script>") == 3);
  CHECK(count_of(page, kStub) == 1);
  CHECK(page_data(page)["report"]["scenario"]["description"] == hostile);
  CHECK(page.find("<title>perfharness report: &lt;b&gt;&amp;&quot;name&quot;</title>") != std::string::npos);
}

TEST_CASE("html: a missing chart library is refused with the Debian package named", "[html]") {
  const ChartLibrary library("", false);
  try {
    require_chart_library();
    FAIL("no error for a missing library");
  } catch (const ph::InputError& e) {
    const std::string message = e.what();
    CHECK(message.find("libjs-chart.js") != std::string::npos);
    CHECK(message.find(library.path()) != std::string::npos);
    CHECK(message.find("apt-get install libjs-chart.js") != std::string::npos);
  }
  CHECK_THROWS_AS(html_report_page(report_json(golden_run())), ph::InputError);
}

TEST_CASE("html: a chart library that would end its script element is refused", "[html]") {
  const ChartLibrary library("var s = '</script>';");
  CHECK_THROWS_AS(require_chart_library(), ph::InputError);
}

TEST_CASE("html: the history page holds each run's figures and the figures its comparison regressed", "[html]") {
  const ChartLibrary library(kStub);
  nlohmann::ordered_json first = report_json(golden_run());
  nlohmann::ordered_json second = first;
  second["verdict"]["regressions"] = nlohmann::ordered_json::array({{{"operation", "bt"}, {"figure", "time"}}});
  second["verdict"]["exit_code"] = 4;
  const std::string page = html_history_page(
      "runs.db", {{1, "golden", "2026-01-01T00:00:00Z", "passed", first},
                  {2, "golden", "2026-01-02T00:00:00Z", "regressed", second},
                  {3, "golden", "2026-01-03T00:00:00Z", "", std::nullopt}});
  const nlohmann::ordered_json data = page_data(page);
  REQUIRE(data["page"] == "history");
  const auto& runs = data["history"]["runs"];
  REQUIRE(runs.size() == 3);
  CHECK(data["history"]["database"] == "runs.db");
  nlohmann::ordered_json golden_regressions = nlohmann::ordered_json::array();
  for (const auto& r : first["verdict"]["regressions"])
    golden_regressions.push_back(r["operation"].get<std::string>() + " / " + r["figure"].get<std::string>());
  REQUIRE_FALSE(golden_regressions.empty());
  CHECK(runs[0]["regressions"] == golden_regressions);
  CHECK(runs[1]["regressions"] == nlohmann::ordered_json::array({"bt / time"}));
  CHECK(runs[1]["exit_code"] == 4);
  CHECK(runs[2]["has_report"] == false);
  CHECK_FALSE(runs[2].contains("figures"));
  // Each operation figure's median, as the report's summary has it.
  for (const auto& op : first["operations"])
    for (const auto& [name, figure] : op["figures"].items()) {
      const std::string key = op["name"].get<std::string>() + " / " + name;
      INFO(key);
      REQUIRE(runs[0]["figures"].contains(key));
      CHECK(runs[0]["figures"][key]["median"] == figure["summary"]["median"]);
      CHECK(runs[0]["figures"][key]["unit"] == figure["unit"]);
    }
}
