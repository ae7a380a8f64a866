// The `customSmallerIsBetter` input of github-action-benchmark: one entry per figure that
// perfharness itself judges against baselines, valued by the statistic it judges (the median).
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/report/reporter.hpp"
#include "reporter_factories.hpp"
#include "text_format.hpp"

namespace ph::report {

nlohmann::ordered_json benchmark_json(const RunResult& run) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const auto& op : run.operations)
    for (const auto& [name, f] : op.figures) {
      if (f.samples.empty() || !figures::judged_against_baselines(name)) continue;
      const auto s = f.summary();
      const figures::FigureInfo* info = figures::find(name);
      const stats::Statistic statistic = info ? info->exported : stats::Statistic::median;
      const double value = stats::value_of(s, statistic);
      // The action divides by the previous value: a zero would become an infinite ratio (or
      // NaN) there. A figure at zero is left out; `perfharness compare` still judges it.
      if (value == 0) continue;
      a.push_back({{"name", op.name + " " + name},
                   {"unit", f.unit},
                   {"value", value},
                   {"range", "± " + with_unit(s.mad, f.unit)},
                   {"extra", f.exact ? std::string("exact count") : std::string(stats::to_string(statistic)) + " of " + std::to_string(s.n) + " repetitions"}});
    }
  return a;
}

namespace {

class BenchmarkJsonReporter final : public Reporter {
 public:
  std::string render(const RunResult& run) const override { return benchmark_json(run).dump(2) + "\n"; }
};

}  // namespace

std::unique_ptr<Reporter> make_benchmark_json_reporter() { return std::make_unique<BenchmarkJsonReporter>(); }

}  // namespace ph::report
