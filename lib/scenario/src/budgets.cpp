// Budgets: which metrics each operation kind measures and which limit keys fit them.
#include <algorithm>

#include "readers.hpp"

namespace ph::scenario {

namespace {

std::vector<std::string> gating_figures_of(OperationKind kind) {
  std::vector<std::string> out;
  for (const auto& f : figures::catalogue())
    if (f.role == figures::Role::gates && (f.kinds & figures::kind_bit(kind))) out.emplace_back(f.key);
  return out;
}

}  // namespace

const std::vector<std::string>& budget_metrics(OperationKind kind) {
  static const std::vector<std::string> backtest = gating_figures_of(OperationKind::Backtest);
  static const std::vector<std::string> data_load = gating_figures_of(OperationKind::DataLoad);
  static const std::vector<std::string> sweep = gating_figures_of(OperationKind::Sweep);
  static const std::vector<std::string> persistence = gating_figures_of(OperationKind::Persistence);
  static const std::vector<std::string> command = gating_figures_of(OperationKind::Command);
  switch (kind) {
    case OperationKind::Backtest: return backtest;
    case OperationKind::DataLoad: return data_load;
    case OperationKind::Sweep: return sweep;
    case OperationKind::Persistence: return persistence;
    case OperationKind::Command: return command;
  }
  return backtest;
}

const std::vector<std::string>& run_budget_metrics() {
  static const std::vector<std::string> metrics = {"bottlenecks", "high_priority_opportunities", "opportunities"};
  return metrics;
}

std::vector<std::string> budget_units(std::string_view metric) {
  const figures::FigureInfo* f = figures::find(metric);
  if (!f) return {std::string(figures::limit_key(figures::LimitUnit::count))};  // run-level counts
  std::vector<std::string> keys;
  for (const auto u : figures::limit_units_for(*f)) keys.emplace_back(figures::limit_key(u));
  if (metric == figures::key::slow_queries) keys.emplace_back("max_slow_queries");  // the seed suite's spelling
  return keys;
}

}  // namespace ph::scenario

namespace ph::scenario::detail {
namespace {

const std::vector<std::string> kUnitKeys(figures::limit_keys().begin(), figures::limit_keys().end());
template <class E, std::size_t N>
std::vector<std::string> names_of(const std::array<E, N>& values) {
  std::vector<std::string> out;
  for (const E v : values) out.emplace_back(stats::to_string(v));
  return out;
}
const std::vector<std::string> kStatistics = names_of(stats::kStatistics);
const std::vector<std::string> kAcross = names_of(stats::kAcross);

std::optional<std::string> one_of(const Node& n, const std::string& path, Problems& p,
                                  const std::vector<std::string>& allowed) {
  const auto s = as_string(n, path, p);
  if (!s) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *s) != allowed.end()) return s;
  p.add(n, path, quote(*s) + " is not one of " + join(allowed) + did_you_mean(*s, allowed));
  return std::nullopt;
}

void read_budget(const Node& node, const std::string& path, const std::vector<std::string>& metrics,
                 const std::string& owner, Problems& p, std::vector<Budget>& out) {
  MapReader m(node, path, p);
  if (!m.ok()) return;
  Budget b;
  b.path = path;
  b.pos = node.pos;
  bool good = true;
  if (const Node* metric = m.require("metric", "e.g. metric: time")) {
    const auto s = as_string(*metric, m.path_of("metric"), p);
    if (s && std::find(metrics.begin(), metrics.end(), *s) == metrics.end()) {
      p.add(*metric, m.path_of("metric"),
            quote(*s) + " is not a metric of " + owner + "; use one of " + join(metrics) + did_you_mean(*s, metrics));
      good = false;
    } else if (s) {
      b.metric = *s;
    } else {
      good = false;
    }
  } else {
    good = false;
  }
  const figures::FigureInfo* info = figures::find(b.metric);
  b.statistic = info ? info->budget_statistic : stats::Statistic::max;
  b.across = stats::Across::max;
  if (const Node* s = m.get("statistic")) {
    if (auto v = one_of(*s, m.path_of("statistic"), p, kStatistics)) b.statistic = *stats::parse_statistic(*v);
    else good = false;
  }
  if (const Node* a = m.get("across")) {
    if (auto v = one_of(*a, m.path_of("across"), p, kAcross)) b.across = *stats::parse_across(*v);
    else good = false;
  }
  std::vector<const Entry*> limits;
  for (const Entry& e : node.entries)
    if (std::find(kUnitKeys.begin(), kUnitKeys.end(), e.key) != kUnitKeys.end()) {
      limits.push_back(&e);
      m.allow(e.key);
    }
  const std::vector<std::string> fits = b.metric.empty() ? std::vector<std::string>{} : budget_units(b.metric);
  const std::string fit_text = fits.empty() ? "" : "; '" + b.metric + "' takes " + join(fits, " or ");
  if (limits.empty()) {
    p.add(node, path, "needs exactly one limit such as max_ms: 500" + fit_text);
    good = false;
  } else if (limits.size() > 1) {
    p.add(limits[1]->key_pos, child(path, limits[1]->key),
          "a budget takes exactly one limit, but both '" + limits[0]->key + "' and '" + limits[1]->key +
              "' are given; split it into two budgets");
    good = false;
  } else {
    const Entry& limit = *limits.front();
    const std::string limit_path = child(path, limit.key);
    if (!fits.empty() && std::find(fits.begin(), fits.end(), limit.key) == fits.end()) {
      p.add(limit.key_pos, limit_path, "'" + limit.key + "' does not fit metric '" + b.metric + "'" + fit_text);
      good = false;
    }
    if (const auto v = as_number(limit.value, limit_path, p, 0, 1e18)) b.limit = *v;
    else good = false;
    b.unit = *figures::parse_limit_key(limit.key);  // one of kUnitKeys
  }
  std::vector<std::string> known = {"metric", "statistic", "across"};
  known.insert(known.end(), kUnitKeys.begin(), kUnitKeys.end());
  m.finish(known);
  if (good) out.push_back(std::move(b));
}

}  // namespace

void read_budgets(const Node& node, const std::string& path, const std::vector<std::string>& metrics,
                  const std::string& owner, Problems& p, std::vector<Budget>& out) {
  if (node.type == Node::Type::Null) return;
  if (!node.is_seq()) {
    p.add(node, path, std::string("must be a list of budgets (- metric: time ...), not ") + type_phrase(node.type));
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) read_budget(node.items[i], index(path, i), metrics, owner, p, out);
}

}  // namespace ph::scenario::detail
