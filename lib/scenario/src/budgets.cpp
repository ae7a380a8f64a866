// Budgets: which metrics each operation kind measures and which limit keys fit them.
#include <algorithm>

#include "readers.hpp"

namespace ph::scenario {

const std::vector<std::string>& budget_metrics(OperationKind kind) {
  static const std::vector<std::string> backtest = {"time",        "cpu_time",   "peak_memory",
                                                    "memory_per_1k_bars", "allocations", "page_faults",
                                                    "instructions"};
  static const std::vector<std::string> data_load = {"time", "cpu_time", "peak_memory", "memory_per_1k_bars",
                                                     "allocations", "instructions"};
  static const std::vector<std::string> sweep = {"time", "cpu_time", "peak_memory", "allocations", "instructions"};
  static const std::vector<std::string> persistence = {"time",      "save_time",    "fetch_time",  "bulk_time",
                                                       "slow_queries", "peak_memory", "instructions"};
  switch (kind) {
    case OperationKind::Backtest: return backtest;
    case OperationKind::DataLoad: return data_load;
    case OperationKind::Sweep: return sweep;
    case OperationKind::Persistence: return persistence;
  }
  return backtest;
}

const std::vector<std::string>& run_budget_metrics() {
  static const std::vector<std::string> metrics = {"bottlenecks", "high_priority_opportunities", "opportunities"};
  return metrics;
}

const char* kind_name(OperationKind kind) noexcept {
  switch (kind) {
    case OperationKind::Backtest: return "backtest";
    case OperationKind::DataLoad: return "data_load";
    case OperationKind::Persistence: return "persistence";
    case OperationKind::Sweep: return "sweep";
  }
  return "backtest";
}

bool is_time_metric(std::string_view metric) noexcept {
  return metric == "time" || metric == "cpu_time" || metric == "save_time" || metric == "fetch_time" ||
         metric == "bulk_time";
}

std::vector<std::string> budget_units(std::string_view metric) {
  if (is_time_metric(metric)) return {"max_ms", "max_s"};
  if (metric == "peak_memory") return {"max_mb"};
  if (metric == "memory_per_1k_bars") return {"max_mb_per_1k_bars"};
  if (metric == "instructions") return {"max_instructions"};
  if (metric == "slow_queries") return {"max_count", "max_slow_queries"};
  return {"max_count"};
}

}  // namespace ph::scenario

namespace ph::scenario::detail {
namespace {

const std::vector<std::string> kUnitKeys = {"max_ms",    "max_s",           "max_mb",          "max_mb_per_1k_bars",
                                            "max_count", "max_instructions", "max_slow_queries"};
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
  const bool time_like = is_time_metric(b.metric);
  b.statistic = time_like ? stats::Statistic::median : stats::Statistic::max;
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
    // max_slow_queries is the seed suite's spelling of a count.
    b.unit = limit.key == "max_slow_queries" ? "max_count" : limit.key;
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
