#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "perfharness/common/exit_codes.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/report/backtest_json.hpp"
#include "perfharness/report/compare.hpp"
#include "perfharness/report/reporter.hpp"
#include "reporter_factories.hpp"
#include "case_records_json.hpp"
#include "grid_rows_text.hpp"
#include "profiles_json.hpp"
#include "perfharness/stats/noise.hpp"

namespace ph::report {
namespace {

nlohmann::ordered_json figures_json(const Figures& figures) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [name, f] : figures) {
    if (f.samples.empty()) continue;
    nlohmann::ordered_json fj;
    fj["unit"] = f.unit;
    fj["samples"] = f.samples;
    const stats::Summary s = f.summary();
    fj["summary"] = summary_json(s);
    if (f.exact) fj["exact"] = true;
    if (!f.process_values.empty()) {
      nlohmann::ordered_json per_process = nlohmann::ordered_json::array();
      std::size_t from = 0;
      for (const std::uint32_t n : f.process_values) {
        const std::vector<double> values(f.samples.begin() + static_cast<std::ptrdiff_t>(from),
                                         f.samples.begin() + static_cast<std::ptrdiff_t>(std::min(from + n, f.samples.size())));
        from += n;
        const stats::Summary p = stats::summarize(values);
        per_process.push_back({{"values", n}, {"median", p.median}, {"min", p.min}});
      }
      fj["per_process"] = std::move(per_process);
    }
    j[name] = std::move(fj);
  }
  return j;
}

nlohmann::ordered_json zone_json(const ZoneStats& z) {
  nlohmann::ordered_json j;
  j["name"] = z.name;
  j["cumulative_time"] = z.cumulative_s;
  j["self_time"] = z.self_s;
  j["call_count"] = z.calls;
  j["time_per_call"] = z.calls ? z.cumulative_s / static_cast<double>(z.calls) : 0.0;
  if (z.allocations >= 0) {
    j["allocations"] = z.allocations;
    j["bytes_allocated"] = z.bytes_allocated;
    j["peak_growth_bytes"] = z.peak_growth_bytes;
    j["growth_bytes"] = z.growth_bytes;
  }
  j["children"] = nlohmann::ordered_json::array();
  for (const auto& c : z.children) j["children"].push_back(zone_json(c));
  return j;
}

nlohmann::ordered_json hotspots_json(const std::vector<Hotspot>& rows) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const auto& h : rows)
    a.push_back({{"function", h.function}, {"cumulative_time", h.cumulative_time}, {"self_time", h.self_time},
                 {"call_count", h.call_count}, {"time_per_call", h.time_per_call}});
  return a;
}

nlohmann::ordered_json operation_json(const OperationResult& op, detail::GridRows rows) {
  nlohmann::ordered_json j;
  j["name"] = op.name;
  j["kind"] = std::string(to_string(op.kind));
  j["warmup"] = op.warmup;
  j["repetitions"] = op.repetitions;
  j["timing"] = {{"processes", op.timing.processes},
                 {"values", op.timing.values},
                 {"min_time", op.timing.min_time_s},
                 {"iterations", op.timing.iterations}};
  if (!op.error.empty()) j["error"] = op.error;
  j["figures"] = figures_json(op.figures);
  j["cases"] = nlohmann::ordered_json::array();
  for (const auto& c : op.cases) {
    nlohmann::ordered_json cj;
    cj["label"] = c.label;
    cj["workload"] = detail::to_json(c.workload);
    cj["bars"] = c.bars;
    cj["figures"] = figures_json(c.figures);
    cj["results_digest"] = c.results_digest;
    cj["results"] = detail::to_json(c.results, rows);
    if (!c.parameter_sets.empty()) {
      cj["parameter_sets"] = nlohmann::ordered_json::array();
      for (const auto& p : c.parameter_sets)
        cj["parameter_sets"].push_back({{"parameters", parameters_json(p.parameters)}, {"instructions", p.instructions}});
    }
    if (!c.parameter_set_seconds.empty()) cj["parameter_set_seconds"] = c.parameter_set_seconds;
    if (c.shard_share) cj["shard_share"] = {{"case", c.shard_share->case_index}, {"first", c.shard_share->first}, {"count", c.shard_share->count}};
    j["cases"].push_back(std::move(cj));
  }
  j["zones"] = op.zones ? zone_json(*op.zones) : nlohmann::ordered_json();
  j["hotspots"] = {{"top_by_cumulative", hotspots_json(op.top_by_cumulative)}, {"top_by_self", hotspots_json(op.top_by_self)}};
  j["memory"] = detail::to_json(op.memory);
  j["counters"] = detail::to_json(op.counters);
  j["sampling"] = detail::to_json(op.sampling);
  if (op.database) j["database"] = detail::to_json(*op.database);
  if (op.sweep) detail::add_to(j, *op.sweep);
  j["warnings"] = op.warnings;
  return j;
}

// null, not 0, when the figure was not measured (heap tracking off, as in a sanitizer build).
nlohmann::ordered_json max_or_null(const Figures& f, std::string_view name) {
  const auto it = f.find(name);
  if (it == f.end() || it->second.samples.empty()) return nullptr;
  return *std::max_element(it->second.samples.begin(), it->second.samples.end());
}

}  // namespace

nlohmann::ordered_json summary_json(const stats::Summary& s) {
  return {{"n", s.n}, {"min", s.min}, {"median", s.median}, {"mean", s.mean}, {"stddev", s.stddev},
          {"mad", s.mad}, {"p95", s.p95}, {"max", s.max}, {"outliers", s.outliers}};
}

namespace {

nlohmann::ordered_json report_tree(const RunResult& run, detail::GridRows rows) {
  nlohmann::ordered_json j;
  j["schema_version"] = kSchemaVersion;
  j["tool"] = detail::to_json(run.tool);
  j["scenario"] = detail::to_json(run.scenario);
  j["environment"] = detail::to_json(run.environment);
  j["complete"] = run.complete;
  if (run.shard) j["shard"] = {{"index", run.shard->index}, {"count", run.shard->count}, {"source", run.shard->source}};
  j["operations"] = nlohmann::ordered_json::array();
  for (const auto& op : run.operations) j["operations"].push_back(operation_json(op, rows));

  nlohmann::ordered_json summary = nlohmann::ordered_json::object();
  for (const auto& op : run.operations) {
    const auto t = op.figures.find(figures::key::time);
    summary[op.name] = {{"execution_time", t != op.figures.end() && !t->second.samples.empty() ? t->second.summary().median : 0.0},
                        {"peak_memory_mb", max_or_null(op.figures, figures::key::peak_memory)}};
  }
  j["performance_summary"] = std::move(summary);

  j["optimization_opportunities"] = nlohmann::ordered_json::array();
  for (const auto& o : run.opportunities) j["optimization_opportunities"].push_back(detail::to_json(o));
  j["executive_summary"] = {{"profiling_areas", run.profiling_areas},
                            {"performance_bottlenecks", run.bottlenecks},
                            {"optimization_priorities", run.priorities}};
  j["budgets"] = nlohmann::ordered_json::array();
  nlohmann::ordered_json failed = nlohmann::ordered_json::array();
  for (const auto& b : run.budgets) {
    nlohmann::ordered_json bj = {{"operation", b.operation}, {"metric", b.metric}, {"statistic", stats::to_string(b.statistic)},
                                 {"across", stats::to_string(b.across)}, {"limit", b.limit}, {"actual", b.available ? nlohmann::ordered_json(b.actual) : nlohmann::ordered_json()},
                                 {"unit", std::string(figures::unit_text(b.unit))}, {"limit_key", std::string(figures::limit_key(b.unit))}, {"passed", b.passed}, {"available", b.available}, {"path", b.path}, {"detail", b.detail}};
    if (!b.deciding_case.empty()) bj["deciding_case"] = b.deciding_case;
    if (!b.slowest_parameter_set.empty()) bj["slowest_parameter_set"] = b.slowest_parameter_set;
    if (b.available && !b.passed) failed.push_back(bj);
    j["budgets"].push_back(std::move(bj));
  }
  if (run.comparison) {
    j["comparison"] = to_json(run.comparison->result);
    j["comparison"]["baseline"] = run.comparison->baseline;
    j["comparison"]["baseline_runs"] = run.comparison->runs;
  }
  j["warnings"] = run.warnings;
  // The regressed checks belong in the verdict too: with a budget also failing, the exit code
  // (1) and reason say nothing of them.
  nlohmann::ordered_json regressed = nlohmann::ordered_json::array();
  if (run.comparison)
    for (const auto& c : run.comparison->result.comparisons)
      if (c.verdict == Verdict::regressed)
        regressed.push_back({{"operation", c.operation},
                             {"case", c.case_label.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(c.case_label)},
                             {"figure", c.figure},
                             {"change", std::isfinite(c.change) ? nlohmann::ordered_json(c.change) : nlohmann::ordered_json()},
                             {"p_value", c.p_value ? nlohmann::ordered_json(*c.p_value) : nlohmann::ordered_json()}});
  j["verdict"] = {{"passed", run.exit_code == 0},
                  {"failed_budgets", std::move(failed)},
                  {"regressions", std::move(regressed)},
                  {"exit_code", run.exit_code},
                  {"reason", std::string(exit_code::meaning(run.exit_code).reason)}};
  return j;
}

}  // namespace

nlohmann::ordered_json report_json(const RunResult& run) { return report_tree(run, detail::GridRows::values); }

namespace {

// The report as report_json() gives it, but each sweep grid's rows written by grid_rows_text
// rather than built as a tree: the tree holds a placeholder string where they go, replaced in
// the printed text.
class JsonReporter final : public Reporter {
 public:
  std::string render(const RunResult& run) const override {
    nlohmann::ordered_json j = report_tree(run, detail::GridRows::left_out);
    const std::string nonce = std::to_string(std::random_device{}());
    std::vector<std::pair<std::string, const SweepOutcome*>> grids;
    for (std::size_t o = 0; o < run.operations.size(); ++o)
      for (std::size_t c = 0; c < run.operations[o].cases.size(); ++c) {
        const auto* sweep = std::get_if<SweepOutcome>(&run.operations[o].cases[c].results);
        if (!sweep || sweep->metrics.empty()) continue;
        std::string token = "perfharness-grid-rows-" + nonce + "-" + std::to_string(grids.size());
        j["operations"][o]["cases"][c]["results"]["grid"]["rows"] = token;
        grids.emplace_back(std::move(token), sweep);
      }
    std::string text = j.dump(2);
    if (!grids.empty()) text = with_rows(text, grids);
    return text + "\n";
  }

 private:
  static std::string with_rows(const std::string& text, const std::vector<std::pair<std::string, const SweepOutcome*>>& grids) {
    std::string out;
    out.reserve(text.size() + grids.size() * 64);
    std::size_t from = 0;
    for (const auto& [token, sweep] : grids) {
      const std::string quoted = "\"" + token + "\"";
      const std::size_t at = text.find(quoted, from);
      if (at == std::string::npos) continue;  // cannot happen: each token was placed once
      const std::size_t line = text.rfind('\n', at);
      const std::size_t indent = text.find_first_not_of(' ', line + 1) - (line + 1);
      out.append(text, from, at - from);
      out += detail::grid_rows_text(*sweep, indent);
      from = at + quoted.size();
    }
    out.append(text, from, std::string::npos);
    return out;
  }
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter() { return std::make_unique<JsonReporter>(); }

}  // namespace ph::report
