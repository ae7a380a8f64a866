// The console summary, in the manner of hyperfine and Google Benchmark: per operation a table of
// its cases, slowest first; the budgets, each with the case that decided it; the warnings last.
#include <fmt/format.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "perfharness/common/exit_codes.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/report/noise.hpp"
#include "perfharness/report/reporter.hpp"
#include "reporter_factories.hpp"
#include "text_format.hpp"

namespace ph::report {
namespace {

constexpr std::size_t kCasesShown = 10;

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string padded(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return text + std::string(width > w ? width - w : 0, ' ');
}

// "62.5 ms ± 3%": the median and its MAD relative to it.
std::string median_and_spread(const Figure& f) {
  const auto s = f.summary();
  std::string text = with_unit(s.median, f.unit);
  if (s.n > 1 && s.median > 0) text += fmt::format(" ± {:.0f}%", 100.0 * s.mad / s.median);
  return text;
}

const Figure* measured(const Figures& figures, std::string_view key) {
  const auto it = figures.find(key);
  return it == figures.end() || it->second.samples.empty() ? nullptr : &it->second;
}

std::string operation_header(const OperationResult& op) {
  std::string line = "  " + op.name + " [" + std::string(to_string(op.kind)) + ", " + plural(op.cases.size(), "case", "cases") +
                     ", " + plural(static_cast<std::size_t>(op.repetitions), "run", "runs");
  if (op.timing.processes > 0)
    line += ", timed in " + plural(static_cast<std::size_t>(op.timing.processes), "process", "processes") + " × " +
            plural(static_cast<std::size_t>(op.timing.values), "value", "values");
  return line + "]";
}

// The operation's headline figures on one line, for operations whose cases have no time.
std::string headline_figures(const OperationResult& op) {
  std::string line;
  for (const auto& figure : figures::catalogue()) {
    if (!figure.headline) continue;
    if (const Figure* f = measured(op.figures, figure.key)) line += "  " + std::string(figure.key) + " " + median_and_spread(*f);
  }
  return line;
}

// Each case with a time, slowest first: median ± MAD, min … max, peak memory, and how much
// slower than the fastest it ran.
void case_table(std::ostream& out, const OperationResult& op) {
  struct Row {
    const CaseResult* c;
    const Figure* time;
    double median;
  };
  std::vector<Row> rows;
  for (const auto& c : op.cases)
    if (const Figure* t = measured(c.figures, figures::key::time)) rows.push_back({&c, t, t->summary().median});
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.median > b.median; });
  const double fastest = rows.back().median;
  std::vector<std::vector<std::string>> cells = {{"case", "time", "min … max", "peak memory", rows.size() > 1 ? "relative" : ""}};
  for (std::size_t i = 0; i < rows.size() && i < kCasesShown; ++i) {
    const auto s = rows[i].time->summary();
    const Figure* memory = measured(rows[i].c->figures, figures::key::peak_memory);
    std::string relative;
    if (rows.size() > 1)
      relative = rows[i].median == fastest ? "fastest"
                 : fastest > 0             ? fmt::format("{:.2f}× slower", rows[i].median / fastest)
                                           : "";
    cells.push_back({rows[i].c->label, median_and_spread(*rows[i].time),
                     with_unit(s.min, rows[i].time->unit) + " … " + with_unit(s.max, rows[i].time->unit),
                     memory ? with_unit(memory->summary().max, memory->unit) : "-", relative});
  }
  std::vector<std::size_t> width(cells.front().size(), 0);
  for (const auto& row : cells)
    for (std::size_t k = 0; k < row.size(); ++k) width[k] = std::max(width[k], display_width(row[k]));
  for (const auto& row : cells) {
    std::string line = "   ";
    for (std::size_t k = 0; k < row.size(); ++k) line += " " + (k + 1 < row.size() ? padded(row[k], width[k] + 1) : row[k]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
  if (rows.size() > kCasesShown)
    out << "    … " << plural(rows.size() - kCasesShown, "more case", "more cases") << ", all faster (the report lists them all)\n";
}

void operation_section(std::ostream& out, const RunResult& run, const OperationResult& op) {
  if (run.shard && op.cases.empty() && op.error.empty()) {
    out << "  " << op.name << " [" << to_string(op.kind) << ": none of its work is in this shard]\n";
    return;
  }
  out << operation_header(op);
  if (!op.error.empty()) {
    out << "  FAILED: " << op.error << '\n';
    return;
  }
  const bool cases_timed = std::any_of(op.cases.begin(), op.cases.end(),
                                       [](const CaseResult& c) { return measured(c.figures, figures::key::time) != nullptr; });
  if (!cases_timed) {
    out << headline_figures(op) << '\n';
    return;
  }
  out << '\n';
  case_table(out, op);
}

std::string budget_line(const BudgetOutcome& b) {
  const char* mark = !b.available ? "?" : (b.passed ? "✓" : "✗");
  std::string line = std::string("    ") + mark + " " + (b.operation.empty() ? "run" : b.operation) + ": " + budget_label(b);
  if (!b.available) return line + ": unavailable: " + b.detail;
  // The sign that is true of the two numbers: a failed budget is over its limit.
  line += ": " + with_unit(b.actual, b.unit) + (b.passed ? " <= " : " > ") + with_unit(b.limit, b.unit);
  if (!b.deciding_case.empty()) line += ", decided by " + deciding_text(b);
  return line;
}

// Every warning, grouped at the end; noise warnings only where noise could change a verdict,
// unless all are asked for.
void warnings_section(std::ostream& out, const RunResult& run, const ConsoleSummaryOptions& options) {
  std::vector<std::string> lines;
  std::size_t hidden = 0;
  for (const auto& op : run.operations) {
    const auto noise = noise_warnings(op);
    const bool show_noise = options.all_warnings || noise_could_change_verdict(run, op);
    for (const auto& w : op.warnings) {
      if (!show_noise && std::find(noise.begin(), noise.end(), w) != noise.end()) {
        ++hidden;
        continue;
      }
      lines.push_back(op.name + ": " + w);
    }
  }
  for (const auto& w : run.warnings) lines.push_back(w);
  if (lines.empty() && hidden == 0) return;
  out << "  warnings:\n";
  for (const auto& line : lines) out << "    " << line << '\n';
  if (hidden > 0)
    out << "    (" << plural(hidden, "noise warning", "noise warnings")
        << " about timings no budget or comparison is close enough to be tipped by: -v shows them)\n";
}

}  // namespace

void write_console_summary(std::ostream& out, const RunResult& run, ConsoleSummaryOptions options) {
  out << "perfharness: " << (run.scenario.name.empty() ? std::string("scenario") : run.scenario.name);
  if (run.shard) out << ", shard " << run.shard->index << " of " << run.shard->count << " (from " << run.shard->source << ")";
  out << (run.interrupted ? " (INCOMPLETE: interrupted)" : run.complete ? "" : " (INCOMPLETE: an operation failed)") << '\n';
  out << "  (times: median ± MAD, the median absolute deviation, as a share of the median; min … max over the runs)\n";
  for (const auto& op : run.operations) operation_section(out, run, op);
  if (!run.bottlenecks.empty()) {
    out << "  bottlenecks:\n";
    for (std::size_t i = 0; i < run.bottlenecks.size(); ++i)
      out << "    " << i + 1 << ". " << run.bottlenecks[i] << " -> " << run.priorities[i] << '\n';
  }
  if (!run.budgets.empty()) out << "  budgets:\n";
  for (const auto& b : run.budgets) out << budget_line(b) << '\n';
  warnings_section(out, run, options);
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
