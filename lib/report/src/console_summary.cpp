#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

#include "perfharness/report/reporter.hpp"
#include "reporter_factories.hpp"

namespace ph::report {
namespace {

std::string human(double v, const std::string& unit) {
  char buf[64];
  if (unit == "s") {
    if (v < 1e-3) std::snprintf(buf, sizeof buf, "%.1f µs", v * 1e6);
    else if (v < 1) std::snprintf(buf, sizeof buf, "%.2f ms", v * 1e3);
    else std::snprintf(buf, sizeof buf, "%.3f s", v);
  } else if (unit == "ms") {
    std::snprintf(buf, sizeof buf, "%.3f ms", v);
  } else if (unit == "count") {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.3g %s", v, unit.c_str());
  }
  return buf;
}

std::string limit_text(double v, const std::string& unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g %s", v, unit.c_str());
  return buf;
}

}  // namespace

void write_console_summary(std::ostream& out, const RunResult& run) {
  out << "perfharness: " << (run.scenario.name.empty() ? std::string("scenario") : run.scenario.name) << (run.complete ? "" : " (INCOMPLETE: interrupted)") << '\n';
  for (const auto& op : run.operations) {
    out << "  " << op.name << " [" << op.kind << ", " << op.cases.size() << " case" << (op.cases.size() == 1 ? "" : "s") << ", "
        << op.repetitions << " runs]";
    if (!op.error.empty()) {
      out << "  FAILED: " << op.error << '\n';
      continue;
    }
    for (const char* name : {"time", "cpu_time", "peak_memory", "save_time", "fetch_time", "bulk_time", "time_per_backtest"}) {
      const auto it = op.figures.find(name);
      if (it == op.figures.end() || it->second.samples.empty()) continue;
      const auto s = it->second.summary();
      out << "  " << name << ' ' << human(s.median, it->second.unit);
      if (s.n > 1 && s.median > 0) {
        char rel[32];
        std::snprintf(rel, sizeof rel, " ±%.0f%%", 100.0 * s.mad / s.median);
        out << rel;
      }
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
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.4g", b.actual);
      out << ' ' << buf << " <= " << limit_text(b.limit, b.unit);
    } else {
      out << " unavailable: " << b.detail;
    }
    out << '\n';
  }
  for (const auto& w : run.warnings) out << "  warning: " << w << '\n';
  static const char* verdicts[] = {"PASSED", "FAILED: a budget failed", "FAILED: invalid input", "FAILED: runtime failure",
                                   "FAILED: regression against the baseline"};
  out << "  verdict: "
      << (run.exit_code == 130 ? "INTERRUPTED" : (run.exit_code >= 0 && run.exit_code <= 4 ? verdicts[run.exit_code] : "?"))
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
