// The flame graph input: every operation's sampled stacks in Brendan Gregg's collapsed
// format, one "frame;frame;... count" line each.
#include "reporter_factories.hpp"

namespace ph::report {
namespace {

class FlamegraphReporter final : public Reporter {
 public:
  std::string render(const RunResult& run) const override {
    std::string text;
    for (const auto& op : run.operations)
      for (const auto& line : op.sampling.collapsed_stacks) text += line + "\n";
    return text;
  }
};

}  // namespace

std::unique_ptr<Reporter> make_flamegraph_reporter() { return std::make_unique<FlamegraphReporter>(); }

}  // namespace ph::report
