// `run --html`: the HTML report of the finished run, drawn from its JSON report.
#include "perfharness/report/html.hpp"
#include "perfharness/report/reporter.hpp"
#include "reporter_factories.hpp"

namespace ph::report {
namespace {

class HtmlReporter final : public Reporter {
 public:
  std::string render(const RunResult& run) const override { return html_report_page(report_json(run)); }
  void check_ready() const override { require_chart_library(); }
};

}  // namespace

std::unique_ptr<Reporter> make_html_reporter() { return std::make_unique<HtmlReporter>(); }

}  // namespace ph::report
