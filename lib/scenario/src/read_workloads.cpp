// The workload pieces of operations: strategies, symbols, date ranges.
#include <algorithm>
#include <cmath>

#include "perfharness/common/errors.hpp"
#include "perfharness/common/printable.hpp"
#include "perfharness/strategies/strategy.hpp"
#include "readers.hpp"
#include "workload_checks.hpp"

namespace ph::scenario::detail {

std::vector<std::string> strategy_names() {
  std::vector<std::string> names;
  for (const auto& s : all_strategies()) names.push_back(s.name);
  return names;
}

const StrategyInfo* find_strategy_or_report(const Node& node, const std::string& path, Problems& p) {
  const auto name = as_name(node, path, p);
  if (!name) return nullptr;
  if (const StrategyInfo* s = find_strategy(*name)) return s;
  const auto names = strategy_names();
  p.add(node, path, "unknown strategy " + quote(*name) + did_you_mean(*name, names) + " (known strategies: " +
                        join(names) + "; a plugin's strategies need its file under plugins: or --plugin)");
  return nullptr;
}

std::string allowed_values(const ParamSpec& spec) {
  return std::string(spec.type == ParamType::Integer ? "an integer" : "a number") + " from " + number_text(spec.min) +
         " to " + number_text(spec.max);
}

std::optional<double> param_value(const StrategyInfo& s, const ParamSpec& spec, const Node& value,
                                  const std::string& path, Problems& p) {
  const auto v = number_value(value);
  const std::string where = "strategy '" + s.name + "': parameter '" + spec.name + "'";
  if (!v) {
    p.add(value, path, where + " must be " + allowed_values(spec) + ", not " +
                           (value.type == Node::Type::String ? quote(value.text) : type_phrase(value.type)));
    return std::nullopt;
  }
  if (!std::isfinite(*v) || *v < spec.min || *v > spec.max ||
      (spec.type == ParamType::Integer && *v != std::floor(*v))) {
    p.add(value, path, where + " is " + printable(value.text) + " but must be " + allowed_values(spec));
    return std::nullopt;
  }
  return v;
}

const ParamSpec* param_or_report(const StrategyInfo& s, const std::string& name, SourcePos pos,
                                 const std::string& path, Problems& p) {
  const int i = s.param_index(name);
  if (i >= 0) return &s.params[static_cast<std::size_t>(i)];
  std::vector<std::string> names;
  for (const auto& spec : s.params) names.push_back(spec.name);
  p.add(pos, path, "strategy '" + s.name + "' has no parameter " + quote(name) + did_you_mean(name, names) +
                       " (its parameters: " + join(names) + ")");
  return nullptr;
}

std::optional<Parameters> read_strategy(const Node& node, const std::string& path, Problems& p) {
  if (node.type != Node::Type::Map) {
    if (node.type != Node::Type::String) {
      p.add(node, path, std::string("must be a strategy name or {name: ..., parameters: {...}}, not ") +
                            type_phrase(node.type));
      return std::nullopt;
    }
    const StrategyInfo* s = find_strategy_or_report(node, path, p);
    if (!s) return std::nullopt;
    return resolve_parameters(*s, std::vector<ParamAssignment>{});
  }
  MapReader m(node, path, p);
  const Node* name = m.require("name", "e.g. name: sma_cross");
  const Node* params = m.get("parameters");
  m.finish({"name", "parameters"});
  const StrategyInfo* s = name ? find_strategy_or_report(*name, m.path_of("name"), p) : nullptr;
  if (!s) return std::nullopt;
  std::vector<std::pair<std::string, double>> given;
  bool good = true;
  if (params) {
    MapReader pm(*params, m.path_of("parameters"), p);
    if (!pm.ok()) return std::nullopt;
    for (const Entry& e : params->entries) {
      pm.allow(e.key);
      const std::string param_path = pm.path_of(e.key);
      const ParamSpec* spec = param_or_report(*s, e.key, e.key_pos, param_path, p);
      const auto v = spec ? param_value(*s, *spec, e.value, param_path, p) : std::nullopt;
      if (v) given.emplace_back(e.key, *v);
      else good = false;
    }
    pm.finish({});
  }
  if (!good) return std::nullopt;
  try {
    return resolve_parameters(*s, given);
  } catch (const InputError& e) {  // the strategy's own cross-parameter rule
    p.add(params ? *params : node, params ? m.path_of("parameters") : path, e.what());
  }
  return std::nullopt;
}

void read_symbols(const Node& node, const std::string& path, Problems& p, std::vector<std::string>& out) {
  if (!node.is_seq()) {
    p.add(node, path, std::string("must be a list of symbols, e.g. [AAPL, MSFT], not ") + type_phrase(node.type));
    return;
  }
  if (node.items.empty()) p.add(node, path, "must list at least one symbol");
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const std::string item_path = index(path, i);
    const auto s = as_name(node.items[i], item_path, p);
    if (!s) continue;
    if (!valid_symbol(*s)) {
      p.add(node.items[i], item_path,
            quote(*s) + " is not a valid symbol (letters, digits, '.', '-', '_'; 1 to 32 characters)");
    } else if (std::find(out.begin(), out.end(), *s) != out.end()) {
      p.add(node.items[i], item_path, "symbol " + quote(*s) + " is listed twice");
    } else {
      out.push_back(*s);
    }
  }
}

void read_ranges(const Node& node, const std::string& path, Problems& p, std::vector<DateRange>& out) {
  if (!node.is_seq()) {
    p.add(node, path, std::string("must be a list of {start: YYYY-MM-DD, end: YYYY-MM-DD}, not ") +
                          type_phrase(node.type));
    return;
  }
  if (node.items.empty()) p.add(node, path, "must list at least one date range");
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const std::string item_path = index(path, i);
    MapReader m(node.items[i], item_path, p);
    if (!m.ok()) continue;
    const Node* start = m.require("start", "e.g. start: 2023-01-01");
    const Node* end = m.require("end", "e.g. end: 2023-12-31");
    const Node* label = m.get("label");
    m.finish({"label", "start", "end"});
    Date s = 0, e = 0;
    std::string l;
    bool good = start && assign(as_date(*start, m.path_of("start"), p), s);
    good = end && assign(as_date(*end, m.path_of("end"), p), e) && good;
    good = (!label || assign(as_name(*label, m.path_of("label"), p), l)) && good;
    if (!good) continue;
    if (e < s) {
      p.add(*end, m.path_of("end"), "end " + format_iso_date(e) + " is before start " + format_iso_date(s) +
                                        "; swap them");
      continue;
    }
    DateRange r{label ? l : format_iso_date(s) + ".." + format_iso_date(e), s, e};
    const bool duplicate = std::any_of(out.begin(), out.end(), [&](const DateRange& o) { return o.label == r.label; });
    if (duplicate) {
      p.add(node.items[i], item_path, "range " + quote(r.label) + " is listed twice; give each range its own label");
      continue;
    }
    out.push_back(std::move(r));
  }
}

}  // namespace ph::scenario::detail
