// One operation: its kind, its workload, its repetitions, profile switches and budgets.
#include <algorithm>

#include "readers.hpp"
#include "workload_checks.hpp"

namespace ph::scenario::detail {
namespace {

const std::vector<std::string> kCommonKeys = {"name", "kind", "budgets", "repetitions", "warmup", "processes", "values", "min_time", "profile"};

std::vector<std::string> workload_keys(OperationKind kind) {
  switch (kind) {
    case OperationKind::Backtest: return {"strategies", "symbols", "ranges"};
    case OperationKind::DataLoad: return {"symbols", "ranges"};
    case OperationKind::Sweep: return {"strategy", "grid", "symbols", "ranges"};
    case OperationKind::Persistence: return {"source", "saves", "fetches", "bulk_strategy"};
    case OperationKind::Command: return command_keys();
  }
  return {};
}

std::optional<OperationKind> read_kind(const Node& node, const std::string& path, Problems& p) {
  const auto s = as_name(node, path, p);
  if (!s) return std::nullopt;
  if (const auto kind = parse_operation_kind(*s)) return kind;
  std::vector<std::string> names;
  for (const auto k : kOperationKinds) names.emplace_back(to_string(k));
  p.add(node, path, "unknown kind " + quote(*s) + did_you_mean(*s, names) + " (kinds: " + join(names) + ")");
  return std::nullopt;
}

void read_profile(const Node& node, const std::string& path, Problems& p, ProfileSwitches& out) {
  MapReader m(node, path, p);
  if (!m.ok()) return;
  const auto flag = [&](const char* key, bool& field) {
    if (const Node* n = m.get(key)) field = as_bool(*n, m.path_of(key), p).value_or(field);
  };
  flag("zones", out.zones);
  flag("memory", out.memory);
  flag("counters", out.counters);
  flag("sampling", out.sampling);
  m.finish({"zones", "memory", "counters", "sampling"});
}

void read_strategies(const Node& node, const std::string& path, Problems& p, std::vector<Parameters>& out) {
  if (!node.is_seq()) {
    p.add(node, path, std::string("must be a list of strategies, e.g. [sma_cross, rsi], not ") +
                          type_phrase(node.type));
    return;
  }
  if (node.items.empty()) p.add(node, path, "must list at least one strategy");
  for (std::size_t i = 0; i < node.items.size(); ++i)
    if (auto params = read_strategy(node.items[i], index(path, i), p)) out.push_back(std::move(*params));
}

void read_axes(MapReader& m, Problems& p, CaseAxes& axes) {
  if (const Node* n = m.require("symbols", "e.g. symbols: [AAPL, MSFT]")) read_symbols(*n, m.path_of("symbols"), p, axes.symbols);
  if (const Node* n = m.require("ranges", "e.g. ranges: [{start: 2023-01-01, end: 2023-12-31}]"))
    read_ranges(*n, m.path_of("ranges"), p, axes.ranges);
}

void read_spec(MapReader& m, Context&, BacktestSpec& spec, Problems& p) {
  if (const Node* n = m.require("strategies", "e.g. strategies: [sma_cross]"))
    read_strategies(*n, m.path_of("strategies"), p, spec.strategies);
  read_axes(m, p, spec);
}

void read_spec(MapReader& m, Context&, DataLoadSpec& spec, Problems& p) { read_axes(m, p, spec); }

void read_spec(MapReader& m, Context& cx, SweepSpec& spec, Problems& p) {
  const Node* strategy = m.require("strategy", "e.g. strategy: sma_cross");
  const Node* grid = m.require("grid", "e.g. grid: {fast_period: [5, 10], slow_period: {from: 20, to: 60, step: 10}}");
  const StrategyInfo* s = strategy ? find_strategy_or_report(*strategy, m.path_of("strategy"), p) : nullptr;
  if (s && grid) read_grid(*grid, m.path_of("grid"), *s, cx, spec);
  read_axes(m, p, spec);
}

void read_spec(MapReader& m, Context&, PersistenceSpec& spec, Problems& p) {
  if (const Node* n = m.require("source", "the name of a backtest operation whose results are saved"))
    spec.source = as_name(*n, m.path_of("source"), p).value_or("");
  if (const Node* n = m.get("saves"))
    spec.saves = static_cast<int>(as_integer(*n, m.path_of("saves"), p, 1, 100000).value_or(spec.saves));
  if (const Node* n = m.get("fetches"))
    spec.fetches = static_cast<int>(as_integer(*n, m.path_of("fetches"), p, 0, 100000).value_or(spec.fetches));
  if (spec.fetches > spec.saves)
    p.add(m.node(), m.path(), "fetches (" + std::to_string(spec.fetches) + ") must not exceed saves (" +
                                  std::to_string(spec.saves) + "): each fetch reads back a saved result by id");
  if (const Node* n = m.get("bulk_strategy"))
    if (const StrategyInfo* s = find_strategy_or_report(*n, m.path_of("bulk_strategy"), p)) spec.bulk_strategy = s->name;
}

}  // namespace

bool read_operation(const Node& node, const std::string& path, Context& cx, Operation& op) {
  Problems& p = cx.problems;
  op.path = path;
  op.pos = node.pos;
  MapReader m(node, path, p);
  if (!m.ok()) return false;
  if (const Node* n = m.require("name")) op.name = as_name(*n, m.path_of("name"), p).value_or("");
  const Node* kind_node = m.require("kind", "one of backtest, data_load, sweep, persistence, command");
  const auto kind = kind_node ? read_kind(*kind_node, m.path_of("kind"), p) : std::nullopt;
  if (const Node* n = m.get("repetitions"))
    op.repetitions = static_cast<int>(as_integer(*n, m.path_of("repetitions"), p, 1, 10000).value_or(1));
  if (const Node* n = m.get("warmup")) op.warmup = static_cast<int>(as_integer(*n, m.path_of("warmup"), p, 0, 1000).value_or(0));
  if (const Node* n = m.get("processes"))
    op.processes = static_cast<int>(as_integer(*n, m.path_of("processes"), p, 0, kMaxProcesses).value_or(0));
  if (const Node* n = m.get("values"))
    op.values = static_cast<int>(as_integer(*n, m.path_of("values"), p, 1, kMaxValues).value_or(1));
  if (const Node* n = m.get("min_time")) op.min_time_s = as_number(*n, m.path_of("min_time"), p, 0, kMaxMinTime);
  if (const Node* n = m.get("profile")) read_profile(*n, m.path_of("profile"), p, op.profile);
  if (!kind) {
    // Without a kind, neither the workload nor the budgets can be checked; only typos can.
    std::vector<std::string> every = kCommonKeys;
    for (const auto k : kOperationKinds)
      for (auto& key : workload_keys(k))
        if (std::find(every.begin(), every.end(), key) == every.end()) every.push_back(key);
    for (const auto& key : every) m.allow(key);
    m.finish(every);
    return false;
  }
  op.spec = spec_of(*kind);
  std::visit([&](auto& spec) { read_spec(m, cx, spec, p); }, op.spec);
  if (const Node* n = m.get("budgets"))
    read_budgets(*n, m.path_of("budgets"), budget_metrics(op.kind()), std::string(to_string(op.kind())) + " operations",
                 p, op.budgets);
  std::vector<std::string> known = kCommonKeys;
  for (auto& key : workload_keys(op.kind())) known.push_back(key);
  // A key of another kind gets a message that names the kind it belongs to.
  for (const Entry* e : m.unread()) {
    if (std::find(known.begin(), known.end(), e->key) != known.end()) continue;
    for (const auto k : kOperationKinds) {
      const auto keys = workload_keys(k);
      if (std::find(keys.begin(), keys.end(), e->key) == keys.end()) continue;
      p.add(e->key_pos, m.path_of(e->key),
            "'" + e->key + "' is not used by " + std::string(to_string(op.kind())) + " operations (it belongs to " +
                std::string(to_string(k)) +
                "); remove it or change the kind");
      m.mark_read(e);
      break;
    }
  }
  m.finish(known);
  return true;
}

}  // namespace ph::scenario::detail
