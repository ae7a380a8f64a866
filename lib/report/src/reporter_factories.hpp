#pragma once
// The make functions the registry lists; each defined beside its format's renderer.
#include <memory>

#include "perfharness/report/reporters.hpp"

namespace ph::report {

std::unique_ptr<Reporter> make_json_reporter();
std::unique_ptr<Reporter> make_flamegraph_reporter();
std::unique_ptr<Reporter> make_junit_reporter();
std::unique_ptr<Reporter> make_markdown_reporter();
std::unique_ptr<Reporter> make_benchmark_json_reporter();
std::unique_ptr<Reporter> make_console_summary_reporter();
std::unique_ptr<Reporter> make_trace_reporter();
std::unique_ptr<Reporter> make_html_reporter();

}  // namespace ph::report
