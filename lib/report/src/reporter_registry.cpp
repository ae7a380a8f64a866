// The registry of reporters. Each format's file defines its Reporter and its make function.
#include <stdexcept>

#include "perfharness/report/reporters.hpp"
#include "reporter_factories.hpp"

namespace ph::report {

const std::vector<ReporterInfo>& reporters() {
  static const std::vector<ReporterInfo> all = {
      {"json", "the JSON report (docs/report-format.md)", make_json_reporter},
      {"flamegraph", "sampled stacks of the measured repetitions, collapsed (flamegraph.pl, speedscope)",
       make_flamegraph_reporter},
      {"junit", "JUnit XML: one test case per budget and regression check", make_junit_reporter},
      {"markdown", "a Markdown summary: operations, budgets, regressions", make_markdown_reporter},
      {"benchmark-json", "judged figures in github-action-benchmark's customSmallerIsBetter format",
       make_benchmark_json_reporter},
      {"summary", "the short human summary perfharness prints on stderr", make_console_summary_reporter},
      {"trace", "every zone call and each operation's and case's span as a Chrome trace (Perfetto)",
       make_trace_reporter},
      {"html", "one self-contained HTML page: verdict, budgets, distributions, zones, flame graph, sweep heatmap",
       make_html_reporter},
  };
  return all;
}

const ReporterInfo* find_reporter(std::string_view format) {
  for (const auto& r : reporters())
    if (r.format == format) return &r;
  return nullptr;
}

std::string render(std::string_view format, const RunResult& run) {
  const ReporterInfo* info = find_reporter(format);
  if (!info) throw std::invalid_argument("no reporter writes the format '" + std::string(format) + "'");
  return info->make()->render(run);
}

}  // namespace ph::report
