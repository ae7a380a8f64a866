// The report's operations and cases as the JSON reporter writes them (report_json.cpp),
// read field by field; the profilers' sections are in report_read_profiles.cpp.
#include "perfharness/report/report_read.hpp"

#include <fstream>
#include <sstream>

#include "perfharness/figures/catalogue.hpp"
#include "perfharness/report/reporter.hpp"
#include "perfharness/strategies/strategy.hpp"
#include "report_read_parts.hpp"

namespace ph::report {
namespace detail {
namespace {

Figures read_figures(const JsonField& j) {
  Figures out;
  j.members([&](const std::string& name, const JsonField& f) {
    Figure& figure = out[name];
    figure.unit = f.at("unit").string();
    figure.samples = f.at("samples").numbers();
    if (const auto exact = f.find("exact")) figure.exact = exact->boolean();
    if (const auto per_process = f.find("per_process"))
      per_process->each([&](const JsonField& p) { figure.process_values.push_back(static_cast<std::uint32_t>(p.at("values").count())); });
  });
  return out;
}

Parameters read_parameters(const std::string& strategy_name, const JsonField& j) {
  const StrategyInfo* strategy = find_strategy(strategy_name);
  if (!strategy) j.fail("strategy '" + strategy_name + "' is not known here: load its plugin (--plugin FILE)");
  std::vector<double> values;
  for (const auto& spec : strategy->params) values.push_back(j.at(spec.name.c_str()).number());
  return Parameters(strategy, std::move(values));
}

Metrics read_metrics(const JsonField& j) {
  Metrics m;
  m.total_return = j.at("total_return").number();
  m.annual_return = j.at("annual_return").number();
  m.sharpe_ratio = j.at("sharpe_ratio").number();
  m.sortino_ratio = j.at("sortino_ratio").number();
  m.max_drawdown = j.at("max_drawdown").number();
  m.calmar_ratio = j.at("calmar_ratio").number();
  m.total_trades = static_cast<int>(j.at("total_trades").integer());
  m.winning_trades = static_cast<int>(j.at("winning_trades").integer());
  m.losing_trades = static_cast<int>(j.at("losing_trades").integer());
  m.win_rate = j.at("win_rate").number();
  if (const auto pf = j.find("profit_factor")) m.profit_factor = pf->number();
  m.avg_win = j.at("avg_win").number();
  m.avg_loss = j.at("avg_loss").number();
  m.best_trade = j.at("best_trade").number();
  m.worst_trade = j.at("worst_trade").number();
  m.exposure = j.at("exposure").number();
  m.final_equity = j.at("final_equity").number();
  return m;
}

Workload read_workload(OperationKind kind, const JsonField& j) {
  if (j.is_null()) return std::monostate{};
  switch (kind) {
    case OperationKind::Backtest:
      return BacktestWorkload{read_parameters(j.at("strategy").string(), j.at("parameters")), j.at("symbol").string(),
                              j.at("range").string(), j.at("start_date").string(), j.at("end_date").string(),
                              j.at("bars").integer()};
    case OperationKind::DataLoad:
      return DataLoadWorkload{j.at("symbol").string(), j.at("range").string(), j.at("start_date").string(),
                              j.at("end_date").string()};
    case OperationKind::Sweep:
      return SweepWorkload{j.at("strategy").string(), j.at("combinations").count(), j.at("skipped").count(),
                           j.at("symbol").string(), j.at("range").string(), j.at("bars").integer()};
    case OperationKind::Persistence:
      return PersistenceWorkload{j.at("source").string(), static_cast<int>(j.at("saves").integer()),
                                 static_cast<int>(j.at("fetches").integer())};
    case OperationKind::Command:
      return CommandWorkload{j.at("command").strings(), j.at("working_dir").string()};
  }
  return std::monostate{};
}

// A sweep's grid in columns: each row its parameter values, then the metrics the grid names.
void read_grid(const JsonField& j, SweepOutcome& out) {
  out.parameter_names = j.at("parameters").strings();
  const std::vector<std::string> metrics = j.at("metrics").strings();
  const std::size_t width = out.parameter_names.size();
  j.at("rows").each([&](const JsonField& row) {
    if (!row.json().is_array() || row.json().size() != width + metrics.size())
      row.fail("expected " + std::to_string(width + metrics.size()) + " values: the parameters, then the metrics");
    for (std::size_t k = 0; k < width; ++k) out.parameter_values.push_back(row.json()[k].get<double>());
    Metrics m;
    for (std::size_t k = 0; k < metrics.size(); ++k) {
      const nlohmann::ordered_json& v = row.json()[width + k];
      const double x = v.is_number() ? v.get<double>() : std::numeric_limits<double>::quiet_NaN();
      if (metrics[k] == "sharpe_ratio") m.sharpe_ratio = x;
      else if (metrics[k] == "total_return") m.total_return = x;
      else if (metrics[k] == "max_drawdown") m.max_drawdown = x;
      else if (metrics[k] == "win_rate") m.win_rate = x;
      else if (metrics[k] == "total_trades") m.total_trades = static_cast<int>(x);
    }
    out.metrics.push_back(m);
  });
}

// A sweep's best sets name their parameters only: the strategy is the case's.
CaseOutcome read_results(OperationKind kind, const JsonField& j, const Workload& workload) {
  if (j.is_null()) return std::monostate{};
  switch (kind) {
    case OperationKind::Backtest:
      return BacktestOutcome{read_metrics(j.at("metrics")), j.at("trades").count()};
    case OperationKind::DataLoad:
      return DataLoadOutcome{j.at("bars").integer(), j.at("first_date").string(), j.at("last_date").string(),
                             j.at("last_close").number()};
    case OperationKind::Sweep: {
      SweepOutcome out;
      const auto* sweep = std::get_if<SweepWorkload>(&workload);
      if (!sweep) j.fail("a sweep case's results need its workload's strategy");
      j.at("best_by_sharpe").each([&](const JsonField& best) {
        out.best_by_sharpe.emplace_back(read_parameters(sweep->strategy, best.at("parameters")), read_metrics(best.at("metrics")));
      });
      if (const auto grid = j.find("grid")) read_grid(*grid, out);
      return out;
    }
    case OperationKind::Persistence: {
      PersistenceOutcome out;
      j.at("saved_ids").each([&](const JsonField& id) { out.saved_ids.push_back(id.integer()); });
      out.fetched_and_verified = j.at("fetched_and_verified").count();
      out.round_trips_verified = j.at("round_trips_verified").count();
      out.bulk_rows = j.at("bulk_rows").count();
      return out;
    }
    case OperationKind::Command:
      return CommandOutcome{static_cast<int>(j.at("exit_code").integer())};
  }
  return std::monostate{};
}

CaseResult read_case(OperationKind kind, const JsonField& j) {
  CaseResult c;
  c.label = j.at("label").string();
  c.workload = read_workload(kind, j.at("workload"));
  c.bars = j.at("bars").integer();
  c.figures = read_figures(j.at("figures"));
  c.results_digest = j.at("results_digest").string();
  c.results = read_results(kind, j.at("results"), c.workload);
  if (const auto sets = j.find("parameter_sets")) {
    const auto* sweep = std::get_if<SweepWorkload>(&c.workload);
    if (!sweep) sets->fail("parameter sets belong to a sweep case");
    sets->each([&](const JsonField& set) {
      c.parameter_sets.push_back({read_parameters(sweep->strategy, set.at("parameters")), set.at("instructions").number()});
    });
  }
  if (const auto seconds = j.find("parameter_set_seconds")) c.parameter_set_seconds = seconds->numbers();
  if (const auto share = j.find("shard_share"))
    c.shard_share = ShardShare{share->at("case").count(), share->at("first").count(), share->at("count").count()};
  return c;
}

ZoneStats read_zone(const JsonField& j) {
  ZoneStats z;
  z.name = j.at("name").string();
  z.cumulative_s = j.at("cumulative_time").number();
  z.self_s = j.at("self_time").number();
  z.calls = j.at("call_count").count();
  if (const auto allocations = j.find("allocations")) {
    z.allocations = allocations->integer();
    z.bytes_allocated = j.at("bytes_allocated").integer();
    z.peak_growth_bytes = j.at("peak_growth_bytes").integer();
    z.growth_bytes = j.at("growth_bytes").integer();
  }
  j.at("children").each([&](const JsonField& child) { z.children.push_back(read_zone(child)); });
  return z;
}

std::vector<Hotspot> read_hotspots(const JsonField& j) {
  std::vector<Hotspot> rows;
  j.each([&](const JsonField& h) {
    rows.push_back({h.at("function").string(), h.at("cumulative_time").number(), h.at("self_time").number(),
                    h.at("call_count").count(), h.at("time_per_call").number()});
  });
  return rows;
}

OperationResult read_operation(const JsonField& j) {
  OperationResult op;
  op.name = j.at("name").string();
  const std::string kind = j.at("kind").string();
  const auto parsed = parse_operation_kind(kind);
  if (!parsed) j.at("kind").fail("'" + kind + "' is not an operation kind");
  op.kind = *parsed;
  op.warmup = static_cast<int>(j.at("warmup").integer());
  op.repetitions = static_cast<int>(j.at("repetitions").integer());
  const JsonField timing = j.at("timing");
  op.timing.processes = static_cast<int>(timing.at("processes").integer());
  op.timing.values = static_cast<int>(timing.at("values").integer());
  op.timing.min_time_s = timing.at("min_time").number();
  timing.at("iterations").each([&](const JsonField& n) { op.timing.iterations.push_back(n.count()); });
  if (const auto error = j.find("error")) op.error = error->string();
  op.figures = read_figures(j.at("figures"));
  j.at("cases").each([&](const JsonField& c) { op.cases.push_back(read_case(op.kind, c)); });
  if (const auto zones = j.find("zones")) op.zones = read_zone(*zones);
  const JsonField hotspots = j.at("hotspots");
  op.top_by_cumulative = read_hotspots(hotspots.at("top_by_cumulative"));
  op.top_by_self = read_hotspots(hotspots.at("top_by_self"));
  op.memory = read_memory(j.at("memory"));
  op.counters = read_counters(j.at("counters"));
  op.sampling = read_sampling(j.at("sampling"));
  if (const auto database = j.find("database")) op.database = read_database(*database);
  if (const auto per_repetition = j.find("backtests_per_repetition")) {
    SweepThroughput& sweep = op.sweep.emplace();
    sweep.backtests_per_repetition = per_repetition->number();
    sweep.threads = static_cast<int>(j.at("threads").integer());
    sweep.backtests_per_s = j.at("backtests_per_s").numbers();
  }
  op.warnings = j.at("warnings").strings();
  return op;
}

}  // namespace
}  // namespace detail

namespace {

const std::string kReportFix = "give a report written by `perfharness run -o FILE.json`";

nlohmann::ordered_json parse_report(const std::string& text, const std::string& label) {
  try {
    return nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(label + ": not JSON (" + std::string(e.what()) + "); " + kReportFix);
  }
}

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string() + ": cannot be read; give the path of a report written by `perfharness run -o`");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ScenarioInfo read_scenario(const detail::JsonField& j) {
  if (j.at("schema_version").integer() != kSchemaVersion)
    j.at("schema_version").fail("this perfharness reads version " + std::to_string(kSchemaVersion));
  const detail::JsonField scenario = j.at("scenario");
  return {scenario.at("name").string(), scenario.at("path").string(), scenario.at("sha256").string(),
          scenario.at("description").string(), scenario.at("seed").count()};
}

}  // namespace

RunResult read_report_text(const std::string& text, const std::string& label) {
  const nlohmann::ordered_json doc = parse_report(text, label);
  const detail::JsonField j(doc, "", label, kReportFix);
  RunResult run;
  run.scenario = read_scenario(j);
  const detail::JsonField tool = j.at("tool");
  run.tool.name = tool.at("name").string();
  run.tool.version = tool.at("version").string();
  run.environment = detail::read_environment(j.at("environment"));
  run.complete = j.at("complete").boolean();
  if (const auto shard = j.find("shard"))
    run.shard = ShardInfo{static_cast<int>(shard->at("index").integer()), static_cast<int>(shard->at("count").integer()),
                          shard->at("source").string()};
  j.at("operations").each([&](const detail::JsonField& op) { run.operations.push_back(detail::read_operation(op)); });
  run.warnings = j.at("warnings").strings();
  run.exit_code = static_cast<int>(j.at("verdict").at("exit_code").integer());
  run.interrupted = run.exit_code == 130;
  return run;
}

RunResult read_report_file(const std::filesystem::path& file) { return read_report_text(file_text(file), file.string()); }

ScenarioInfo read_report_scenario(const std::filesystem::path& file) {
  const nlohmann::ordered_json doc = parse_report(file_text(file), file.string());
  return read_scenario(detail::JsonField(doc, "", file.string(), kReportFix));
}

}  // namespace ph::report
