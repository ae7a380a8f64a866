#include <fmt/format.h>

#include <sstream>
#include <string>

#include "perfharness/common/exit_codes.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/report/reporter.hpp"
#include "text_format.hpp"
#include "reporter_factories.hpp"

namespace ph::report {
void write_console_summary(std::ostream& out, const RunResult& run) {
  out << "perfharness: " << (run.scenario.name.empty() ? std::string("scenario") : run.scenario.name);
  if (run.shard) out << ", shard " << run.shard->index << " of " << run.shard->count << " (from " << run.shard->source << ")";
  out << (run.interrupted ? " (INCOMPLETE: interrupted)" : run.complete ? "" : " (INCOMPLETE: an operation failed)") << '\n';
  for (const auto& op : run.operations) {
    if (run.shard && op.cases.empty() && op.error.empty()) {
      out << "  " << op.name << " [" << to_string(op.kind) << ": none of its work is in this shard]\n";
      continue;
    }
    out << "  " << op.name << " [" << to_string(op.kind) << ", " << op.cases.size() << " case" << (op.cases.size() == 1 ? "" : "s") << ", "
        << op.repetitions << " runs";
    if (op.timing.processes > 0)
      out << ", timed in " << op.timing.processes << " process" << (op.timing.processes == 1 ? "" : "es") << " × "
          << op.timing.values << " value" << (op.timing.values == 1 ? "" : "s");
    out << "]";
    if (!op.error.empty()) {
      out << "  FAILED: " << op.error << '\n';
      continue;
    }
    for (const auto& figure : figures::catalogue()) {
      if (!figure.headline) continue;
      const std::string_view name = figure.key;
      const auto it = op.figures.find(name);
      if (it == op.figures.end() || it->second.samples.empty()) continue;
      const auto s = it->second.summary();
      out << "  " << name << ' ' << with_unit(s.median, it->second.unit);
      if (s.n > 1 && s.median > 0) out << fmt::format(" ±{:.0f}%", 100.0 * s.mad / s.median);
    }
    out << '\n';
    for (const auto& w : op.warnings) out << "    warning: " << w << '\n';
  }
  if (!run.bottlenecks.empty()) {
    out << "  bottlenecks:\n";
    for (std::size_t i = 0; i < run.bottlenecks.size(); ++i)
      out << "    " << i + 1 << ". " << run.bottlenecks[i] << " -> " << run.priorities[i] << '\n';
  }
  if (!run.budgets.empty()) out << "  budgets:\n";
  for (const auto& b : run.budgets) {
    const char* mark = !b.available ? "?" : (b.passed ? "✓" : "✗");
    out << "    " << mark << ' ' << (b.operation.empty() ? "run" : b.operation) << ": " << b.metric;
    if (!b.operation.empty()) out << " (" << stats::to_string(b.statistic) << ", " << stats::to_string(b.across) << ")";
    if (b.available) {
      out << ' ' << with_unit(b.actual, b.unit) << " <= " << with_unit(b.limit, b.unit);
    } else {
      out << " unavailable: " << b.detail;
    }
    out << '\n';
  }
  for (const auto& w : run.warnings) out << "  warning: " << w << '\n';
  // PASSED, INTERRUPTED, or FAILED with the reason the report's verdict gives.
  const auto& verdict = exit_code::meaning(run.exit_code);
  if (run.shard && run.exit_code == exit_code::kOk) {
    out << "  verdict: shard done; `perfharness merge` judges the budgets over every shard (exit 0)\n";
    return;
  }
  out << "  verdict: "
      << (run.exit_code == exit_code::kOk            ? std::string("PASSED")
          : run.exit_code == exit_code::kInterrupted ? std::string("INTERRUPTED")
                                                     : "FAILED: " + std::string(verdict.reason))
      << " (exit " << run.exit_code << ")\n";
}

namespace {

class ConsoleSummaryReporter final : public Reporter {
 public:
  std::string render(const RunResult& run) const override { 
    std::ostringstream out;
    write_console_summary(out, run);
    return out.str();
   }
};

}  // namespace

std::unique_ptr<Reporter> make_console_summary_reporter() { return std::make_unique<ConsoleSummaryReporter>(); }

}  // namespace ph::report
