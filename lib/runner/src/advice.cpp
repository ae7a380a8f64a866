#include "advice.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "perfharness/figures/catalogue.hpp"
#include "perfharness/stats/summary.hpp"

namespace ph::runner {
namespace {

// A backtest has a fixed cost in allocations (its result, its trades): a case below this many per
// repetition is not judged per bar, or a short range would look like a leak.
constexpr double kMinAllocations = 100;

report::Priority priority_of(double value, double high) {
  return value > high ? report::Priority::high : report::Priority::medium;
}

struct ZoneShare {
  std::string path;
  double self_s = 0;
};

// Zones below the kind's own one ("backtest/signals", a plugin's "backtest/signals/keltner.atr"):
// the kind's zone and the operation's are the whole, not a place.
void collect(const report::ZoneStats& zone, const std::string& path, int depth, std::vector<ZoneShare>& out) {
  if (depth >= 2) out.push_back({path, zone.self_s});
  for (const auto& child : zone.children) collect(child, path.empty() ? child.name : path + "/" + child.name, depth + 1, out);
}

// Zones of worker threads are merged into the tree: with several threads the zones below the root
// hold more than its wall time, and shares are of their sum.
double zone_total(const report::ZoneStats& root) {
  double children = 0;
  for (const auto& c : root.children) children += c.cumulative_s;
  return std::max(root.cumulative_s, children);
}

void zone_shares(const scenario::Thresholds& th, const report::OperationResult& op, std::vector<report::Opportunity>& out) {
  if (!op.zones) return;
  const double total = zone_total(*op.zones);
  if (total <= 0) return;
  std::vector<ZoneShare> zones;
  for (const auto& child : op.zones->children) collect(child, child.name, 1, zones);
  std::stable_sort(zones.begin(), zones.end(), [](const auto& a, const auto& b) { return a.self_s > b.self_s; });
  const std::size_t top = std::min<std::size_t>(static_cast<std::size_t>(th.hotspot_top_n), zones.size());
  for (std::size_t i = 0; i < top; ++i) {
    const double share = zones[i].self_s / total;
    if (share <= th.share_medium) break;
    out.push_back({op.name, zones[i].path, "Large share of time",
                   fmt::format("{:.0f}% of the operation's time in this zone's own code", 100 * share),
                   priority_of(share, th.share_high),
                   report::ShareEvidence{report::ShareEvidence::Source::zones, share, zones[i].self_s, total, 0}});
  }
}

void sampled_shares(const scenario::Thresholds& th, const report::OperationResult& op, std::vector<report::Opportunity>& out) {
  if (op.sampling.state != report::SamplingProfile::State::available) return;
  const std::size_t top = std::min<std::size_t>(static_cast<std::size_t>(th.hotspot_top_n), op.sampling.top_self.size());
  for (std::size_t i = 0; i < top; ++i) {
    const auto& f = op.sampling.top_self[i];
    if (f.fraction <= th.share_medium) break;
    out.push_back({op.name, f.function, "Large share of samples",
                   fmt::format("{:.0f}% of the operation's stack samples in this function", 100 * f.fraction),
                   priority_of(f.fraction, th.share_high),
                   report::ShareEvidence{report::ShareEvidence::Source::sampler, f.fraction, 0, 0, f.samples}});
  }
}

void allocations_per_bar(const scenario::Thresholds& th, const report::OperationResult& op, std::vector<report::Opportunity>& out) {
  std::optional<report::AllocationEvidence> worst;
  for (const auto& c : op.cases) {
    const auto it = c.figures.find(figures::key::allocations);
    if (it == c.figures.end() || it->second.samples.empty() || c.bars <= 0) continue;
    const double allocations = stats::value_of(it->second.summary(), stats::Statistic::median);
    if (allocations < kMinAllocations) continue;
    const double per_bar = allocations / static_cast<double>(c.bars);
    if (!worst || per_bar > worst->per_bar) worst = report::AllocationEvidence{c.label, allocations, c.bars, per_bar};
  }
  if (!worst || worst->per_bar <= th.allocations_per_bar_medium) return;
  out.push_back({op.name, "", "Allocations per bar",
                 fmt::format("{:.2f} heap allocations per bar in {} ({:.0f} per repetition over {} bars)", worst->per_bar,
                             worst->case_label, worst->allocations, worst->bars),
                 priority_of(worst->per_bar, th.allocations_per_bar_high), *worst});
}

double cumulative_named(const report::ZoneStats& zone, const std::string& name) {
  if (zone.name == name) return zone.cumulative_s;
  double sum = 0;
  for (const auto& child : zone.children) sum += cumulative_named(child, name);
  return sum;
}

void repeated_signals(const scenario::Scenario& sc, const scenario::Thresholds& th, const report::OperationResult& op,
                      std::vector<report::Opportunity>& out) {
  if (!op.zones) return;
  const auto found = std::find_if(sc.operations.begin(), sc.operations.end(), [&](const auto& o) { return o.name == op.name; });
  const auto* sweep = found == sc.operations.end() ? nullptr : std::get_if<scenario::SweepSpec>(&found->spec);
  if (!sweep || sweep->grid.size() < 2) return;
  // A built-in strategy's sweep computes each distinct indicator series once for the grid;
  // a plugin's strategy computes its own in every backtest.
  if (sweep->grid.front().strategy().shared.keys) return;
  const double backtests = cumulative_named(*op.zones, "backtest");
  const double signals = cumulative_named(*op.zones, "signals");
  if (backtests <= 0 || signals / backtests <= th.sweep_signals_share) return;
  // The parameter whose values the most parameter sets share: its indicator is computed again
  // for each of them.
  const auto& specs = sweep->grid.front().strategy().params;
  std::size_t best = specs.size(), best_distinct = 0;
  for (std::size_t k = 0; k < specs.size(); ++k) {
    std::set<double> values;
    for (const auto& p : sweep->grid) values.insert(p[k]);
    if (values.size() * 2 > sweep->grid.size()) continue;  // each value used by fewer than 2 sets
    if (best == specs.size() || values.size() < best_distinct) {
      best = k;
      best_distinct = values.size();
    }
  }
  if (best == specs.size()) return;
  const double share = signals / backtests;
  out.push_back({op.name, "signals", "Signals recomputed across the sweep",
                 fmt::format("{:.0f}% of the backtests' time computes signals; each of the {} values of {} is computed "
                             "again for about {} of the {} parameter sets",
                             100 * share, best_distinct, specs[best].name, sweep->grid.size() / best_distinct,
                             sweep->grid.size()),
                 report::Priority::medium,
                 report::RepeatedWorkEvidence{share, sweep->grid.size(), specs[best].name, best_distinct}});
}

}  // namespace

void relative_advice(const scenario::Scenario& sc, const report::OperationResult& op,
                     std::vector<report::Opportunity>& out) {
  if (op.kind != OperationKind::Backtest && op.kind != OperationKind::Sweep) return;
  const scenario::Thresholds& th = sc.thresholds;
  zone_shares(th, op, out);
  sampled_shares(th, op, out);
  if (op.kind == OperationKind::Backtest) allocations_per_bar(th, op, out);
  else repeated_signals(sc, th, op, out);
}

}  // namespace ph::runner
