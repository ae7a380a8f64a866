#pragma once
// The options that name a run's output files, shared by `run` and `merge`: one flag per reporter.
#include <array>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "perfharness/runner/run.hpp"

namespace ph::cli {

struct OutputOption {
  const char* flag;
  const char* format;  // a reporter's (report::reporters())
  const char* help;
};

// In the order the files are written.
inline constexpr OutputOption kOutputOptions[] = {
    {"-o,--output", "json", "write the JSON report here ('-' for stdout)"},
    {"--flamegraph", "flamegraph", "write sampled stacks in collapsed format (flamegraph.pl, speedscope)"},
    {"--trace", "trace", "write the zones as a Chrome trace (Perfetto, chrome://tracing)"},
    {"--junit", "junit", "write JUnit XML: one test case per budget and regression check"},
    {"--markdown", "markdown", "write a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)"},
    {"--benchmark-json", "benchmark-json", "write figures in the benchmark-action customSmallerIsBetter format"},
    {"--html", "html", "write one self-contained HTML page: verdict, budgets, distributions, zones, flame graph, heatmap"},
};
inline constexpr std::size_t kOutputOptionCount = std::size(kOutputOptions);
using OutputPaths = std::array<std::string, kOutputOptionCount>;  // by kOutputOptions' order; empty: not asked for

/// The files asked for, in kOutputOptions' order.
inline std::vector<runner::OutputRequest> requested_outputs(const OutputPaths& paths) {
  std::vector<runner::OutputRequest> outputs;
  for (std::size_t i = 0; i < paths.size(); ++i)
    if (!paths[i].empty()) outputs.push_back({kOutputOptions[i].format, paths[i]});
  return outputs;
}

}  // namespace ph::cli
