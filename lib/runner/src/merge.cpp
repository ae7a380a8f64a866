#include "perfharness/runner/merge.hpp"

#include <chrono>

#include "analysis.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/utc_time.hpp"
#include "perfharness/report/report_read.hpp"
#include "perfharness/runner/run_observer.hpp"
#include "run_outputs.hpp"
#include "scenario_load.hpp"
#include "shard_merge.hpp"

namespace ph::runner {

int merge_shards(const MergeOptions& options, RunObserver* observer) {
  RunObserver silent;
  RunObserver& observe = observer ? *observer : silent;
  const std::string started_at = utc_now_iso8601();
  const auto started = std::chrono::steady_clock::now();
  if (options.shards.empty()) throw InputError("merge: no reports given; give every shard's report: `perfharness merge s1.json ... sN.json`");
  check_outputs(options.outputs);

  // The scenario first: it loads the plugins whose strategies the reports name.
  const report::ScenarioInfo ran = report::read_report_scenario(options.shards.front());
  const std::filesystem::path scenario_file = options.scenario.value_or(std::filesystem::path(ran.path));
  if (!options.scenario && !std::filesystem::exists(scenario_file))
    throw InputError(options.shards.front().string() + ": its scenario '" + ran.path +
                     "' is not there from here; give its path with --scenario FILE");
  std::vector<std::string> scenario_warnings;  // the shards' reports carry them already
  const scenario::Scenario sc =
      load_valid_scenario(scenario_file, {options.overrides, options.max_grid}, options.plugins, observe, scenario_warnings);
  if (sc.sha256 != ran.sha256)
    throw InputError(scenario_file.string() + ": it is not the scenario " + options.shards.front().string() + " ran (sha256 " +
                     sc.sha256.substr(0, 12) + "… here, " + ran.sha256.substr(0, 12) + "… there); give the file the shards ran with --scenario");

  std::vector<ShardReport> reports;
  for (const auto& file : options.shards) reports.push_back({file.string(), report::read_report_file(file)});
  reports = ordered_shard_set(std::move(reports));

  report::RunResult run = merge_shard_results(reports);
  analyse(sc, run);
  check_budgets(sc, run);
  run.exit_code = verdict_code(run, false);
  run.started_at = started_at;
  run.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  RenderedRun rendered(run);
  write_outputs(options.outputs, rendered);
  observe.finished(run);
  return run.exit_code;
}

}  // namespace ph::runner
