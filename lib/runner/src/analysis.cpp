#include "analysis.hpp"
#include "advice.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <variant>

#include "perfharness/common/exit_codes.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/figures/limit_unit.hpp"
#include "perfharness/profilers/heap.hpp"
#include "perfharness/stats/summary.hpp"

namespace ph::runner {
namespace {

const scenario::Operation* find_op(const scenario::Scenario& sc, const std::string& name) {
  for (const auto& op : sc.operations)
    if (op.name == name) return &op;
  return nullptr;
}

double max_of(const report::Figures& figures, std::string_view name, double fallback = 0) {
  const auto it = figures.find(name);
  if (it == figures.end() || it->second.samples.empty()) return fallback;
  return *std::max_element(it->second.samples.begin(), it->second.samples.end());
}

// A sweep case's slowest parameter set by its backtest time, as "name=value, ..."; empty when
// the case is not a sweep's or its parameter sets were not timed one by one.
std::string slowest_parameter_set(const report::CaseResult& c) {
  const auto* sweep = std::get_if<report::SweepOutcome>(&c.results);
  if (!sweep || c.parameter_set_seconds.empty()) return {};
  const std::size_t width = sweep->parameter_names.size();
  const auto slowest = static_cast<std::size_t>(
      std::max_element(c.parameter_set_seconds.begin(), c.parameter_set_seconds.end()) - c.parameter_set_seconds.begin());
  if (width == 0 || (slowest + 1) * width > sweep->parameter_values.size()) return {};
  std::string out;
  for (std::size_t k = 0; k < width; ++k)
    out += (k ? ", " : "") + sweep->parameter_names[k] + "=" + fmt::format("{}", sweep->parameter_values[slowest * width + k]);
  return out;
}

}  // namespace

double statistic(const std::vector<double>& samples, stats::Statistic s) {
  return stats::value_of(stats::summarize(samples), s);
}

void analyse(const scenario::Scenario& sc, report::RunResult& run) {
  const auto& th = sc.thresholds;
  run.opportunities.clear();
  run.bottlenecks.clear();
  run.priorities.clear();
  run.profiling_areas = static_cast<int>(run.operations.size());

  bool backtest_high = false;
  double slowest_load = 0;
  std::string slowest_load_case;
  int slow_queries = 0;
  double worst_mb_per_1k = 0;
  std::string worst_mb_op;

  for (const auto& op : run.operations) {
    // The seed's rules: a top-N zone by cumulative time over the thresholds…
    const std::size_t top = std::min<std::size_t>(static_cast<std::size_t>(th.hotspot_top_n), op.top_by_cumulative.size());
    for (std::size_t i = 0; i < top; ++i) {
      const auto& h = op.top_by_cumulative[i];
      if (h.cumulative_time <= th.hotspot_medium_s) continue;
      const auto priority = h.cumulative_time > th.hotspot_high_s ? report::Priority::high : report::Priority::medium;
      run.opportunities.push_back({op.name, h.function, "High cumulative time",
                                   fmt::format("{:.3f} s cumulative per repetition", h.cumulative_time), priority,
                                   report::HotspotEvidence{h.cumulative_time, h.self_time, h.call_count, i + 1}});
      if (priority == report::Priority::high && op.kind == OperationKind::Backtest) backtest_high = true;
    }
    // …and peak memory over the thresholds.
    const double peak = max_of(op.figures, figures::key::peak_memory);
    if (peak > th.memory_medium_mb)
      run.opportunities.push_back({op.name, "", "High memory usage", fmt::format("{:.1f} MB peak", peak),
                                   peak > th.memory_high_mb ? report::Priority::high : report::Priority::medium,
                                   report::MemoryEvidence{peak}});
    // Where a backtest's or sweep's time and allocations go, whatever its size.
    relative_advice(sc, op, run.opportunities);
    // The database profiler's findings (full scans of large tables).
    if (op.database)
      for (const auto& scan : op.database->scans)
        run.opportunities.push_back({op.name, scan.table, scan.issue, scan.figure, scan.priority,
                                     report::TableScanEvidence{scan.table, scan.column, scan.sql, scan.table_rows}});

    if (op.kind == OperationKind::DataLoad)
      for (const auto& c : op.cases) {
        const auto it = c.figures.find(figures::key::time);
        if (it == c.figures.end()) continue;
        const double median = statistic(it->second.samples, stats::Statistic::median);
        if (median > slowest_load) {
          slowest_load = median;
          slowest_load_case = op.name + ": " + c.label;
        }
      }
    if (op.kind == OperationKind::Persistence) slow_queries += static_cast<int>(max_of(op.figures, figures::key::slow_queries));
    if (op.kind == OperationKind::Backtest) {
      std::vector<double> per_case;
      for (const auto& c : op.cases) {
        const auto it = c.figures.find(figures::key::memory_per_1k_bars);
        if (it != c.figures.end()) per_case.push_back(statistic(it->second.samples, stats::Statistic::max));
      }
      if (!per_case.empty()) {
        const double mean = std::accumulate(per_case.begin(), per_case.end(), 0.0) / static_cast<double>(per_case.size());
        if (mean > worst_mb_per_1k) {
          worst_mb_per_1k = mean;
          worst_mb_op = op.name;
        }
      }
    }
  }

  if (backtest_high) {
    run.bottlenecks.push_back("High-priority performance issues in backtest execution");
    run.priorities.push_back("Optimize hot functions in strategy calculations");
  }
  if (slowest_load > th.slow_load_s) {
    run.bottlenecks.push_back("Slow data loading operations (" + slowest_load_case + ": " + fmt::format("{:.3f} s", slowest_load) + ")");
    run.priorities.push_back("Implement data caching or optimize data provider");
  }
  if (slow_queries > th.slow_query_bottleneck) {
    run.bottlenecks.push_back("Multiple slow database queries detected (" + std::to_string(slow_queries) + ")");
    run.priorities.push_back("Add database indexes or optimize query patterns");
  }
  if (worst_mb_per_1k > th.mb_per_1k_bars) {
    run.bottlenecks.push_back("High memory usage per data point (" + worst_mb_op + ": " + fmt::format("{:.2f} MB per 1,000 bars", worst_mb_per_1k) + ")");
    run.priorities.push_back("Optimize memory allocation patterns");
  }
}

namespace {

report::BudgetOutcome judge(const scenario::Budget& b, const report::OperationResult* op, double actual, bool available,
                            std::string detail) {
  report::BudgetOutcome o;
  o.operation = op ? op->name : "";
  o.metric = b.metric;
  o.statistic = b.statistic;
  o.across = b.across;
  o.unit = b.unit;
  o.limit = b.limit;
  o.actual = actual;
  o.path = b.path;
  o.available = available;
  o.passed = available && actual <= b.limit;
  o.detail = std::move(detail);
  return o;
}

report::BudgetOutcome check_operation_budget(const scenario::Budget& b, const report::OperationResult& op) {
  std::vector<std::pair<const report::CaseResult*, const report::Figure*>> per_case;
  for (const auto& c : op.cases) {
    const auto it = c.figures.find(b.metric);
    if (it != c.figures.end() && !it->second.samples.empty()) per_case.emplace_back(&c, &it->second);
  }
  const auto total = op.figures.find(b.metric);
  if (b.across == stats::Across::total || per_case.empty()) {
    if (total == op.figures.end() || total->second.samples.empty()) {
      const figures::FigureInfo* info = figures::find(b.metric);
      const bool heap_figure = info && info->source == figures::Source::heap;
      // Heap tracking is blamed only when it is really off; with it on, a missing heap figure
      // has another cause (memory_per_1k_bars of cases without bars, say).
      return judge(b, &op, 0, false,
                   "figure '" + b.metric + "' was not measured" +
                       (info && info->source == figures::Source::callgrind
                            ? std::string(": run with --instructions (needs valgrind)")
                        : heap_figure && !profilers::heap_tracking_active()
                            ? std::string(": heap tracking is off (") + profilers::heap_tracking_unavailable_reason() + ")"
                            : std::string(" (see the operation's warnings)")));
    }
    return judge(b, &op, figures::in_limit_unit(statistic(total->second.samples, b.statistic), total->second.unit, b.unit), true,
                 "operation as a whole");
  }
  std::vector<double> values;
  const report::CaseResult* worst = nullptr;
  const report::CaseResult* best = nullptr;
  double worst_value = 0, best_value = 0;
  for (const auto& [c, f] : per_case) {
    const double v = figures::in_limit_unit(statistic(f->samples, b.statistic), f->unit, b.unit);
    values.push_back(v);
    if (!worst || v > worst_value) {
      worst_value = v;
      worst = c;
    }
    if (!best || v < best_value) {
      best_value = v;
      best = c;
    }
  }
  const double actual = stats::combine(values, b.across);
  auto outcome = judge(b, &op, actual, true, std::to_string(values.size()) + " cases; worst: " + worst->label);
  const report::CaseResult* deciding = b.across == stats::Across::min ? best
                                       : b.across == stats::Across::max || values.size() == 1 ? worst
                                                                                              : nullptr;
  if (deciding) {
    outcome.deciding_case = deciding->label;
    if (const std::string& u = per_case.front().second->unit; u == "s" || u == "ms") outcome.slowest_parameter_set = slowest_parameter_set(*deciding);
  }
  return outcome;
}

}  // namespace

void check_budgets(const scenario::Scenario& sc, report::RunResult& run) {
  run.budgets.clear();
  for (const auto& op : run.operations) {
    const scenario::Operation* spec = find_op(sc, op.name);
    if (!spec) continue;
    for (const auto& b : spec->budgets) {
      if (!op.error.empty()) {
        run.budgets.push_back(judge(b, &op, 0, false, "operation failed: " + op.error));
        continue;
      }
      run.budgets.push_back(check_operation_budget(b, op));
    }
  }
  int high = 0;
  for (const auto& o : run.opportunities) high += o.priority == report::Priority::high;
  for (const auto& b : sc.run_budgets) {
    double actual = 0;
    if (b.metric == "bottlenecks") actual = static_cast<double>(run.bottlenecks.size());
    else if (b.metric == "high_priority_opportunities") actual = high;
    else actual = static_cast<double>(run.opportunities.size());
    run.budgets.push_back(judge(b, nullptr, actual, true, ""));
  }
}

int verdict_code(const report::RunResult& run, bool regression) {
  for (const auto& op : run.operations)
    if (!op.error.empty()) return exit_code::kRuntime;
  for (const auto& b : run.budgets)
    if (b.available && !b.passed) return exit_code::kBudgetFailed;
  return regression ? exit_code::kRegression : exit_code::kOk;
}

}  // namespace ph::runner
