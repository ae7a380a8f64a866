// Sweep grids: each parameter a list of values or {from, to, step}; the cartesian
// product in the strategy's parameter order, the last parameter varying fastest.
// Its size is computed from the axis lengths before a single value is generated.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "readers.hpp"
#include "workload_checks.hpp"

namespace ph::scenario::detail {
namespace {

struct Axis {
  std::size_t param = 0;  // index in the strategy's specs
  const Node* node = nullptr;
  std::string path;
  double count = 0;  // values on this axis (a double: a hostile range may hold 1e300)
  // {from, to, step} axes; list axes keep their values here directly.
  double from = 0, step = 0;
  std::vector<double> values;
};

// Keeps range arithmetic from printing 0.30000000000000004 in reports.
double tidy(double v) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.12g", v);
  return std::strtod(buffer, nullptr);
}

bool read_list_axis(const StrategyInfo& s, const ParamSpec& spec, Axis& axis, Problems& p) {
  const Node& list = *axis.node;
  if (list.items.empty()) {
    p.add(list, axis.path, "must list at least one value");
    return false;
  }
  bool good = true;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const std::string item_path = index(axis.path, i);
    const auto v = param_value(s, spec, list.items[i], item_path, p);
    if (!v) {
      good = false;
    } else if (std::find(axis.values.begin(), axis.values.end(), *v) != axis.values.end()) {
      p.add(list.items[i], item_path, "value " + number_text(*v) + " is listed twice");
      good = false;
    } else {
      axis.values.push_back(*v);
    }
  }
  axis.count = static_cast<double>(axis.values.size());
  return good;
}

bool read_range_axis(const StrategyInfo& s, const ParamSpec& spec, Axis& axis, Problems& p) {
  MapReader m(*axis.node, axis.path, p);
  const Node* from = m.require("from", "e.g. {from: 5, to: 50, step: 5}");
  const Node* to = m.require("to", "e.g. {from: 5, to: 50, step: 5}");
  const Node* step = m.get("step");
  m.finish({"from", "to", "step"});
  double f = 0, t = 0, st = 1;
  bool good = from && assign(param_value(s, spec, *from, m.path_of("from"), p), f);
  good = to && assign(param_value(s, spec, *to, m.path_of("to"), p), t) && good;
  if (step) {
    if (!assign(as_number(*step, m.path_of("step"), p, 0, 1e300), st)) {
      good = false;
    } else if (st <= 0) {
      p.add(*step, m.path_of("step"), "must be greater than 0");
      good = false;
    } else if (spec.type == ParamType::Integer && st != std::floor(st)) {
      p.add(*step, m.path_of("step"), "must be a whole number: '" + spec.name + "' is an integer parameter");
      good = false;
    }
  }
  if (!good) return false;
  if (t < f) {
    p.add(*to, m.path_of("to"), "to (" + number_text(t) + ") is below from (" + number_text(f) + "); swap them");
    return false;
  }
  axis.from = f;
  axis.step = st;
  // A tolerance of 1e-9 steps keeps {from: 0.1, to: 0.3, step: 0.1} at three values.
  axis.count = std::floor((t - f) / st + 1e-9) + 1;
  return true;
}

void expand_values(const Axis& axis, std::vector<double>& out) {
  if (axis.node->is_seq()) {
    out = axis.values;
    return;
  }
  const auto n = static_cast<std::size_t>(axis.count);
  out.resize(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = tidy(axis.from + static_cast<double>(i) * axis.step);
}

}  // namespace

void read_grid(const Node& node, const std::string& path, const StrategyInfo& s, Context& cx, SweepSpec& op) {
  Problems& p = cx.problems;
  MapReader m(node, path, p);
  if (!m.ok()) return;
  if (node.entries.empty()) {
    p.add(node, path, "needs at least one parameter, e.g. fast_period: [5, 10, 20]");
    return;
  }
  std::vector<Axis> axes;
  bool good = true;
  for (const Entry& e : node.entries) {
    m.allow(e.key);
    Axis axis;
    axis.node = &e.value;
    axis.path = m.path_of(e.key);
    const ParamSpec* spec = param_or_report(s, e.key, e.key_pos, axis.path, p);
    if (!spec) {
      good = false;
      continue;
    }
    if (std::any_of(axes.begin(), axes.end(),
                    [&](const Axis& a) { return &s.params[a.param] == spec; }))
      continue;  // a duplicate key; finish() reports it
    axis.param = static_cast<std::size_t>(spec - s.params.data());
    if (e.value.is_seq()) {
      good = read_list_axis(s, *spec, axis, p) && good;
    } else if (e.value.is_map()) {
      good = read_range_axis(s, *spec, axis, p) && good;
    } else {
      p.add(e.value, axis.path, std::string("must be a list of values or {from, to, step}, not ") +
                                    type_phrase(e.value.type));
      good = false;
    }
    axes.push_back(std::move(axis));
  }
  m.finish({});
  if (!good) return;

  double size = 1;
  for (const Axis& a : axes) size *= a.count;
  if (size > static_cast<double>(cx.options.max_grid)) {
    char text[40];
    std::snprintf(text, sizeof text, "%.0f", size);
    p.add(node, path, "the grid has " + std::string(text) + " combinations, over the limit of " +
                          std::to_string(cx.options.max_grid) + " (--max-grid); use fewer values or larger steps");
    return;
  }

  std::sort(axes.begin(), axes.end(), [](const Axis& a, const Axis& b) { return a.param < b.param; });
  std::vector<std::vector<double>> values(axes.size());
  for (std::size_t i = 0; i < axes.size(); ++i) expand_values(axes[i], values[i]);
  std::vector<double> point;
  for (const auto& spec : s.params) point.push_back(spec.default_value);
  std::vector<std::size_t> at(axes.size(), 0);
  op.grid.reserve(static_cast<std::size_t>(size));
  while (true) {
    for (std::size_t i = 0; i < axes.size(); ++i) point[axes[i].param] = values[i][at[i]];
    Parameters candidate(&s, point);
    if (s.check && !s.check(candidate).empty()) ++op.grid_skipped;
    else op.grid.push_back(std::move(candidate));
    // Odometer: the last axis turns fastest.
    std::size_t i = axes.size();
    while (i > 0 && ++at[i - 1] == values[i - 1].size()) at[--i] = 0;
    if (i == 0) break;
  }
  if (op.grid.empty())
    p.add(node, path, "every one of the " + std::to_string(op.grid_skipped) +
                          " combinations breaks the strategy's rule '" + s.constraint + "'; change the values");
}

}  // namespace ph::scenario::detail
