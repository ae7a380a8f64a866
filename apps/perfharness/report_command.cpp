// `perfharness report REPORT.json --html F`: draw a saved report, optionally compared with a
// baseline report, as the HTML page `run --html` writes.
#include <memory>
#include <string>

#include "commands.hpp"
#include "shared_options.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/common/output_file.hpp"
#include "perfharness/report/compare.hpp"
#include "perfharness/report/html.hpp"

namespace ph::cli {
namespace {

struct ReportOptions {
  std::string report_file;
  std::string baseline_file;
  std::string html;
  double threshold_percent = 5.0;
  double alpha = 0.05;
  std::string gate = "all";
};

void require_report_shape(const nlohmann::ordered_json& report, const std::string& path) {
  const bool shaped = report.is_object() && report.contains("schema_version") && report["schema_version"] == 1 &&
                      report.contains("operations") && report["operations"].is_array();
  if (!shaped)
    throw InputError(path + ": not a perfharness report (schema_version 1 with operations); "
                            "give a file written by `perfharness run -o`");
}

int run(const ReportOptions& o) {
  check_output_writable(o.html, "HTML report");
  report::require_chart_library();
  nlohmann::ordered_json next = report::read_report_file(o.report_file);
  require_report_shape(next, o.report_file);
  if (!o.baseline_file.empty()) {
    const nlohmann::ordered_json base = report::read_report_file(o.baseline_file);
    require_report_shape(base, o.baseline_file);
    report::CompareOptions options;
    options.threshold = o.threshold_percent / 100.0;
    options.alpha = o.alpha;
    options.gate = report::gate_named(o.gate).value_or(report::Gate::all);  // CLI11 checked the name
    options.base_label = o.baseline_file;
    options.new_label = o.report_file;
    nlohmann::ordered_json comparison = report::to_json(report::compare_reports(base, next, options));
    comparison["baseline"] = o.baseline_file;
    comparison["baseline_runs"] = nlohmann::ordered_json::array();
    next["comparison"] = std::move(comparison);
  }
  write_output_file(o.html, report::html_report_page(next));
  return exit_code::kOk;
}

}  // namespace

Action add_report_command(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand("report", "Draw a saved JSON report as a self-contained HTML page, optionally "
                                               "compared with a baseline report.");
  cmd->footer("The page opens offline (Chart.js from Debian's libjs-chart.js is inlined). See docs/html-report.md.\n"
              "Exit codes: 0 page written, 2 unreadable report or missing libjs-chart.js, 3 the page could not be "
              "written.");
  cmd->add_option("REPORT", o->report_file, "report written by `perfharness run -o`")->required();
  cmd->add_option("--html", o->html, "write the HTML page here")->required();
  cmd->add_option("--baseline", o->baseline_file, "compare with this earlier report and draw the comparison");
  add_threshold_option(cmd, o->threshold_percent, "with --baseline: smallest median change that counts, in percent");
  add_alpha_option(cmd, o->alpha, "with --baseline: significance level of the Mann-Whitney U test");
  add_gate_option(cmd, o->gate, "with --baseline: figures judged, all or instructions")->capture_default_str();
  return [o] { return run(*o); };
}

}  // namespace ph::cli
