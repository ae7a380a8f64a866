#include "perfharness/scenario/scenario_json.hpp"

#include "perfharness/strategies/strategy.hpp"

namespace ph::scenario {

using nlohmann::json;

json to_json(const Parameters& p) {
  json params = json::object();
  const auto& specs = p.strategy().params;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].type == ParamType::Integer) params[specs[i].name] = p.integer(i);
    else params[specs[i].name] = p[i];
  }
  return {{"strategy", p.strategy().name}, {"parameters", params}};
}

json to_json(const Thresholds& t) {
  return {{"hotspot_top_n", t.hotspot_top_n},       {"hotspot_medium_s", t.hotspot_medium_s},
          {"hotspot_high_s", t.hotspot_high_s},     {"memory_medium_mb", t.memory_medium_mb},
          {"memory_high_mb", t.memory_high_mb},     {"slow_load_s", t.slow_load_s},
          {"slow_query_ms", t.slow_query_ms},       {"slow_query_bottleneck", t.slow_query_bottleneck},
          {"mb_per_1k_bars", t.mb_per_1k_bars},     {"full_scan_rows", t.full_scan_rows},
          {"share_medium", t.share_medium},         {"share_high", t.share_high},
          {"allocations_per_bar_medium", t.allocations_per_bar_medium},
          {"allocations_per_bar_high", t.allocations_per_bar_high},
          {"sweep_signals_share", t.sweep_signals_share}};
}

json to_json(const Budget& b) {
  return {{"metric", b.metric}, {"statistic", stats::to_string(b.statistic)}, {"across", stats::to_string(b.across)},
          {"unit", std::string(figures::limit_key(b.unit))},     {"limit", b.limit},         {"path", b.path}};
}

namespace {

json data_json(const DataSource& d) {
  if (d.kind == DataSource::Kind::Synthetic) {
    const auto& s = d.synthetic;
    return {{"synthetic",
             {{"first_date", format_iso_date(s.first_date)},
              {"last_date", format_iso_date(s.last_date)},
              {"seed", s.seed},
              {"drift", s.drift},
              {"volatility", s.volatility},
              {"start_price", s.start_price}}}};
  }
  json files = json::object();
  for (const auto& [symbol, file] : d.csv_files) files[symbol] = file.string();
  return {{"csv", {{"dir", d.csv_dir.string()}, {"files", files}}}};
}

json budgets_json(const std::vector<Budget>& budgets) {
  json out = json::array();
  for (const auto& b : budgets) out.push_back(to_json(b));
  return out;
}

// Measurement settings as they take effect: the operation's own, else the defaults.
json operation_json(const Operation& op, const RunDefaults& d) {
  json o = {{"name", op.name}, {"kind", to_string(op.kind())}, {"path", op.path}};
  const auto list = [](const std::vector<Parameters>& ps) {
    json out = json::array();
    for (const auto& p : ps) out.push_back(to_json(p));
    return out;
  };
  if (const auto* spec = std::get_if<PersistenceSpec>(&op.spec)) {
    o["source"] = spec->source;
    o["saves"] = spec->saves;
    o["fetches"] = spec->fetches;
    o["bulk_strategy"] = spec->bulk_strategy;
  }
  if (const auto* spec = std::get_if<CommandSpec>(&op.spec)) {
    o["command"] = spec->argv;
    o["shell"] = spec->shell;
    o["working_dir"] = spec->working_dir.string();
    json env = json::object();
    for (const auto& [k, v] : spec->env) env[k] = v;
    o["env"] = env;
    o["allowed_exit_codes"] = spec->allowed_exit_codes;
    o["timeout"] = spec->timeout_s ? json(*spec->timeout_s) : json(nullptr);
    o["output"] = {{"stdout", spec->stdout_file.empty() ? json(nullptr) : json(spec->stdout_file.string())},
                   {"stderr", spec->stderr_file.empty() ? json(nullptr) : json(spec->stderr_file.string())}};
  }
  if (const CaseAxes* axes = op.axes()) {
    o["symbols"] = axes->symbols;
    json ranges = json::array();
    for (const auto& r : axes->ranges)
      ranges.push_back({{"label", r.label}, {"start", format_iso_date(r.start)}, {"end", format_iso_date(r.end)}});
    o["ranges"] = ranges;
  }
  if (const auto* spec = std::get_if<BacktestSpec>(&op.spec)) o["strategies"] = list(spec->strategies);
  if (const auto* spec = std::get_if<SweepSpec>(&op.spec)) {
    o["grid"] = list(spec->grid);
    o["grid_skipped"] = spec->grid_skipped;
  }
  o["profile"] = {{"zones", op.profile.zones},
                  {"memory", op.profile.memory},
                  {"counters", op.profile.counters},
                  {"sampling", op.profile.sampling}};
  o["repetitions"] = op.repetitions.value_or(d.repetitions);
  o["warmup"] = op.warmup.value_or(d.warmup);
  o["processes"] = op.processes.value_or(d.processes);
  o["values"] = op.values.value_or(d.values);
  o["min_time"] = op.min_time_s.value_or(d.min_time_s);
  o["budgets"] = budgets_json(op.budgets);
  return o;
}

}  // namespace

json to_json(const Scenario& s) {
  json ops = json::array();
  for (const auto& op : s.operations) ops.push_back(operation_json(op, s.defaults));
  json plugins = json::array();
  for (const auto& file : s.plugins) plugins.push_back(file.string());
  const auto& d = s.defaults;
  return {{"path", s.path.string()},
          {"sha256", s.sha256},
          {"name", s.name},
          {"description", s.description},
          {"seed", s.seed},
          {"plugins", plugins},
          {"gate", s.gate_instructions ? "instructions" : "all"},
          {"confirm", s.confirm},
          {"data", data_json(s.data)},
          {"defaults",
           {{"capital", d.backtest.portfolio.capital},
            {"fees", d.backtest.portfolio.fees},
            {"slippage", d.backtest.portfolio.slippage},
            {"annualization", d.backtest.annualization},
            {"warmup", d.warmup},
            {"repetitions", d.repetitions},
            {"processes", d.processes},
            {"values", d.values},
            {"min_time", d.min_time_s}}},
          {"thresholds", to_json(s.thresholds)},
          {"operations", ops},
          {"budgets", budgets_json(s.run_budgets)}};
}

}  // namespace ph::scenario
