// The Markdown summary as GitHub renders it: cmark-gfm (GitHub's own renderer) turns it into
// HTML here, and the tables must keep their cells whatever an operation is called.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "perfharness/report/reporter.hpp"
#include "report_test_util.hpp"
#include "scratch_folder.hpp"

using namespace ph::report;
using namespace ph::report::test;

namespace {

std::string rendered(const std::string& markdown) {
  ph_test::ScratchFolder dir("ph-markdown-test");
  const std::string file = dir.file("summary.md").string();
  write_text(file, markdown);
  const CommandOutput out = run_command("cmark-gfm --extension table '" + file + "'");
  REQUIRE(out.status == 0);
  return out.text;
}

// The number of <td> cells of each table body row, in order.
std::vector<int> cells_per_row(const std::string& html) {
  std::vector<int> out;
  const std::regex row("<tr>([\\s\\S]*?)</tr>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), row); it != std::sregex_iterator(); ++it) {
    const std::string r = (*it)[1].str();
    if (r.find("<th") != std::string::npos) continue;
    int n = 0;
    for (auto at = r.find("<td"); at != std::string::npos; at = r.find("<td", at + 3)) ++n;
    out.push_back(n);
  }
  return out;
}

}  // namespace

TEST_CASE("Markdown cells hold a hostile operation name whole, as text", "[markdown]") {
  const std::string hostile = "a|b <b>bold</b> & `tick` \\| [link](http://x) *star* _u_ \x1b[2J";
  RunResult run = mixed_run(hostile);
  run.scenario.name = "<script>alert(1)</script>";
  run.bottlenecks.push_back("slow | very <i>slow</i>");
  const std::string html = rendered(markdown_summary(run));
  INFO(markdown_summary(run) << "\n---\n" << html);
  // operations: 2 rows of 6; budgets: 5 rows of 5; regressions: 1 row of 8.
  CHECK(cells_per_row(html) == std::vector<int>{6, 6, 5, 5, 5, 5, 5, 8});
  for (const char* tag : {"<b>", "<i>", "<script>", "<code>", "<a ", "<em>"}) CHECK_THAT(html, !Catch::Contains(tag));
  CHECK_THAT(html, Catch::Contains("a|b &lt;b&gt;bold&lt;/b&gt; &amp; `tick` \\| [link](http://x) *star* _u_ \\x1b[2J"));
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;"));
  CHECK_THAT(html, !Catch::Contains("\x1b"));
}

TEST_CASE("every number in the Markdown summary has its unit, every budget its deciding case", "[markdown]") {
  RunResult run = mixed_run();
  run.budgets[0].deciding_case = "sma_cross AAA 2022";
  const std::string md = markdown_summary(run);
  INFO(md);
  CHECK_THAT(md, Catch::Contains("| bt | backtest | 250 ms | 0 % | 14 MiB |"));
  CHECK_THAT(md, Catch::Contains("| bt: time median, max across cases | 61.23 ms | 50 ms | ❌ | sma_cross AAA 2022 |"));
  CHECK_THAT(md, Catch::Contains("| 1,000,001 instructions | 1,000,000 instructions | ❌ | - |"));
  CHECK_THAT(md, Catch::Contains("| run: bottlenecks | 0 | 0 | ✅ | - |"));
  CHECK_THAT(md, Catch::Contains("| 125 ms | 250 ms | +100.0% | ±0.0% | p = 0.012 | ❌ regressed |"));
  CHECK_THAT(md, !Catch::Contains("e+0"));
}

TEST_CASE("an interrupted run says so in its Markdown summary", "[markdown]") {
  RunResult run = mixed_run();
  CHECK_THAT(markdown_summary(run), !Catch::Contains("Interrupted"));
  run.complete = false;
  run.interrupted = true;
  CHECK_THAT(markdown_summary(run), Catch::Contains("**Interrupted:**"));
}

TEST_CASE("a run with a failed operation is marked incomplete in its Markdown summary, not interrupted", "[markdown]") {
  RunResult run = mixed_run();
  run.complete = false;
  const std::string md = markdown_summary(run);
  CHECK_THAT(md, Catch::Contains("**Incomplete:** an operation failed"));
  CHECK_THAT(md, !Catch::Contains("Interrupted"));
}

TEST_CASE("an underscore inside a word stays as written in the Markdown source", "[markdown]") {
  const std::string md = markdown_summary(mixed_run("backtest_sma_cross _lead trail_"));
  CHECK_THAT(md, Catch::Contains("| backtest_sma_cross \\_lead trail\\_ |"));
  CHECK_THAT(rendered(md), Catch::Contains("<td>backtest_sma_cross _lead trail_</td>"));
}
