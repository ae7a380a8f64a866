#pragma once
// Reporters: each renders a finished run into one output format. The registry lists them;
// `perfharness run --FORMAT FILE` and the runner's output requests name them by format.
// Adding a format: one file with a Reporter and one line in reporter_registry.cpp.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "perfharness/report/run_result.hpp"

namespace ph::report {

class Reporter {
 public:
  virtual ~Reporter() = default;
  /// The whole output for `run`, exactly as it is written to the file.
  virtual std::string render(const RunResult& run) const = 0;
  /// Throws ph::InputError when the reporter could not render (a library it needs is missing);
  /// called before a run starts, so a run is never measured for an output it cannot write.
  virtual void check_ready() const {}
};

struct ReporterInfo {
  std::string_view format;       // "json", "junit", ...: the name an output request uses
  std::string_view description;  // one line, for help and docs
  std::unique_ptr<Reporter> (*make)();
};

/// Every reporter, in the order their outputs are written.
const std::vector<ReporterInfo>& reporters();

/// The reporter of `format`, or nullptr.
const ReporterInfo* find_reporter(std::string_view format);

/// Renders `run` in `format`; throws std::invalid_argument for a format no reporter has.
std::string render(std::string_view format, const RunResult& run);

}  // namespace ph::report
