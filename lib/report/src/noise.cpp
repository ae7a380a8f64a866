#include "perfharness/report/noise.hpp"

#include <cmath>

#include "perfharness/figures/catalogue.hpp"
#include "perfharness/figures/limit_unit.hpp"
#include "perfharness/stats/noise.hpp"

namespace ph::report {

std::vector<std::string> noise_warnings(const OperationResult& op) {
  std::vector<std::string> lines;
  const auto time = op.figures.find(figures::key::time);
  if (time != op.figures.end() && !time->second.samples.empty())
    for (auto& w : stats::noise_warnings(time->second.summary())) lines.push_back("time: " + w);
  return lines;
}

namespace {

// The figure a budget judged: its deciding case's, else the operation's own.
const Figure* judged_figure(const OperationResult& op, const BudgetOutcome& b) {
  const Figures* figures = &op.figures;
  for (const auto& c : op.cases)
    if (!b.deciding_case.empty() && c.label == b.deciding_case) figures = &c.figures;
  const auto it = figures->find(b.metric);
  return it == figures->end() || it->second.samples.empty() ? nullptr : &it->second;
}

}  // namespace

bool noise_could_change_verdict(const RunResult& run, const OperationResult& op) {
  for (const auto& b : run.budgets) {
    if (b.operation != op.name || !b.available) continue;
    const Figure* f = judged_figure(op, b);
    if (f == nullptr || (f->unit != "s" && f->unit != "ms")) continue;
    const double mad = figures::in_limit_unit(f->summary().mad, f->unit, b.unit);
    if (std::fabs(b.actual - b.limit) <= kNoiseMadsToTip * mad) return true;
  }
  if (run.comparison)
    for (const auto& c : run.comparison->result.comparisons)
      if (c.operation == op.name && c.verdict != Verdict::unchanged) return true;
  return false;
}

}  // namespace ph::report
