// backtest operations: strategies × symbols × ranges, each case measured on its own.
// Cases run one after another on purpose: the heap peak is process-wide, so
// concurrent cases would be charged each other's memory and share the cores.
#include "backtest_executor.hpp"

#include <map>

#include "perfharness/common/errors.hpp"
#include "perfharness/data/series_view.hpp"

namespace ph::runner {

std::vector<BacktestCase> expand_backtest_cases(const scenario::BacktestSpec& spec) {
  std::vector<BacktestCase> cases;
  for (const auto& params : spec.strategies)
    for (const auto& symbol : spec.symbols)
      for (const auto& range : spec.ranges) cases.push_back({&params, symbol, &range});
  return cases;
}

std::string case_label(const BacktestCase& c, bool with_parameters) {
  const std::string strategy = c.params->strategy().name;
  return (with_parameters ? strategy + "(" + describe(*c.params) + ")" : strategy) + " " + c.symbol + " " + c.range->label;
}

void BacktestExecutor::prepare(RunContext& ctx) {
  cases_ = expand_backtest_cases(spec_);
  // A strategy listed twice (with other parameters) is told apart by its parameters.
  std::map<std::string, int> listed;
  for (const auto& p : spec_.strategies) ++listed[p.strategy().name];
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    const auto& c = cases_[i];
    auto series = ctx.cache.get(c.symbol);
    const SeriesView bars = view_of(*series, c.range->start, c.range->end);
    if (bars.size == 0)
      throw InputError(op_.path + ": symbol '" + c.symbol + "' has no bars in range '" + c.range->label +
                       "'; choose a range inside its data");
    auto& cr = case_result(i, case_label(c, listed[c.params->strategy().name] > 1));
    cr.bars = bars.size;
    cr.workload = report::BacktestWorkload{*c.params, c.symbol, c.range->label, format_iso_date(bars.dates[0]),
                                           format_iso_date(bars.dates[bars.size - 1]), static_cast<std::int64_t>(bars.size)};
  }
}

void BacktestExecutor::run_once(RunContext& ctx, bool measured) {
  results_.clear();
  std::vector<RegionSample> samples;
  std::vector<std::size_t> ran;  // the case of each sample (under --shard, not every case runs)
  samples.reserve(cases_.size());
  results_.reserve(cases_.size());
  const RegionSample total = measure_region([&] {
    for (std::size_t i = 0; i < cases_.size() && !ctx.interrupted; ++i) {
      if (!runs_case(i)) continue;
      ran.push_back(i);
      const auto& c = cases_[i];
      auto series = ctx.cache.get(c.symbol);
      // A fresh workspace per case: its memory figures are what one backtest needs.
      samples.push_back(measure_case(result_.cases[i].label, [&] {
        BacktestWorkspace ws;
        results_.push_back(run_backtest(*series, *c.params, c.range->start, c.range->end, ctx.scenario.defaults.backtest, ws));
      }));
    }
  });
  if (!measured) return;
  // Bookkeeping stays outside the measured region.
  record_total(total);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    auto& cr = result_.cases[ran[i]];
    record_case(cr, samples[i]);
    const std::string digest = report::results_digest(results_[i]);
    if (!cr.results_digest.empty() && cr.results_digest != digest)
      result_.warnings.push_back("case '" + cr.label + "' gave different results across repetitions");
    cr.results_digest = digest;
    cr.results = report::BacktestOutcome{results_[i].metrics, results_[i].trades.size()};
  }
}

}  // namespace ph::runner
