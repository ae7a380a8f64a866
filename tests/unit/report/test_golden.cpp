// Golden outputs: every registered reporter, and the comparison table, render golden_run() byte
// for byte as tests/data/golden/ holds it. A reporter without a golden file fails too.
// After a deliberate change of an output, rewrite the files and review their diff:
//   PH_UPDATE_GOLDEN=1 build/tests/test_report '[golden]'
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "file_text.hpp"
#include "golden_run.hpp"
#include "perfharness/report/compare.hpp"
#include "perfharness/report/reporters.hpp"

using namespace ph::report;
using namespace ph::report::test;

namespace {

const std::filesystem::path kGolden = std::filesystem::path(PH_TEST_DATA_DIR) / "golden";

std::string file_name_of(std::string_view format) {
  if (format == "json") return "report.json";
  if (format == "junit") return "junit.xml";
  if (format == "markdown") return "markdown.md";
  if (format == "benchmark-json") return "benchmark.json";
  if (format == "flamegraph") return "stacks.folded";
  if (format == "trace") return "trace.json";
  if (format == "html") return "html-data.json";
  return std::string(format) + ".txt";
}

bool updating() {
  const char* v = std::getenv("PH_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// The first line where `actual` and `expected` differ, both shown: enough to see what changed.
std::string first_difference(const std::string& actual, const std::string& expected) {
  std::istringstream a(actual), e(expected);
  std::string la, le;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, la));
    const bool more_e = static_cast<bool>(std::getline(e, le));
    if (!more_a && !more_e) return "they differ only in the final newline";
    if (!more_a || !more_e || la != le)
      return "line " + std::to_string(line) + ":\n  golden:   " + (more_e ? le : "<end>") +
             "\n  rendered: " + (more_a ? la : "<end>");
  }
}

void check_golden(const std::string& name, const std::string& rendered) {
  const std::filesystem::path file = kGolden / name;
  INFO("golden file " << file.string()
                      << " (after a deliberate change: PH_UPDATE_GOLDEN=1 build/tests/test_report '[golden]')");
  if (updating()) {
    std::filesystem::create_directories(kGolden);
    std::ofstream(file, std::ios::binary) << rendered;
    WARN("rewrote " << file.string());
  }
  REQUIRE(std::filesystem::exists(file));
  const std::string expected = ph_test::file_text(file);
  INFO(first_difference(rendered, expected));
  CHECK(rendered == expected);
}

// The HTML page's golden is its data: the page around it is perfharness's script and Debian's
// Chart.js, whose bytes are not ours to pin (tests/html load the whole page in Chromium).
std::string golden_text(std::string_view format, const std::string& rendered) {
  if (format != "html") return rendered;
  const std::string open = "<script type=\"application/json\" id=\"ph-data\">";
  const auto from = rendered.find(open);
  const auto to = rendered.find("</script>", from);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  return rendered.substr(from + open.size(), to - from - open.size()) + "\n";
}

}  // namespace

TEST_CASE("every reporter renders the golden run exactly as its golden file holds it", "[golden]") {
  const RunResult run = golden_run();
  for (const auto& reporter : reporters()) {
    SECTION(std::string(reporter.format)) {
      check_golden(file_name_of(reporter.format), golden_text(reporter.format, render(reporter.format, run)));
    }
  }
}

TEST_CASE("the comparison table renders the golden run's comparison exactly as its golden file holds it", "[golden]") {
  const RunResult run = golden_run();
  REQUIRE(run.comparison);
  check_golden("comparison.txt", format_comparison(run.comparison->result));
}

TEST_CASE("the golden files are the registry's outputs and nothing else", "[golden]") {
  std::set<std::string> expected{"comparison.txt"};
  for (const auto& reporter : reporters()) expected.insert(file_name_of(reporter.format));
  std::set<std::string> present;
  for (const auto& entry : std::filesystem::directory_iterator(kGolden)) present.insert(entry.path().filename().string());
  CHECK(present == expected);
}
