#include "run_outputs.hpp"

#include <unistd.h>

#include "backtest_executor.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/common/output_file.hpp"
#include "perfharness/common/version.hpp"
#include "perfharness/persistence/database.hpp"
#include "perfharness/profilers/trace.hpp"
#include "perfharness/report/reporters.hpp"
#include "zone_capture.hpp"

namespace ph::runner {

const std::string& RenderedRun::as(const std::string& format) {
  auto it = texts_.find(format);
  if (it == texts_.end()) it = texts_.emplace(format, report::render(format, run_)).first;
  return it->second;
}

namespace {

std::string output_formats() {
  std::string list;
  for (const auto& r : report::reporters()) list += (list.empty() ? "" : ", ") + std::string(r.format);
  return list;
}

}  // namespace

void check_outputs(const std::vector<OutputRequest>& outputs) {
  for (const auto& out : outputs) {
    const report::ReporterInfo* reporter = report::find_reporter(out.format);
    if (!reporter)
      throw InputError("output format '" + out.format + "': no reporter writes it; use one of " + output_formats());
    reporter->make()->check_ready();
    check_output_writable(out.path, out.format == "json" ? "report" : "output");
  }
}

void write_outputs(const std::vector<OutputRequest>& outputs, RenderedRun& rendered) {
  // "-" is standard output, written through its descriptor like /dev/stdout (output_file.hpp).
  for (const auto& out : outputs) write_output_file(out.path, rendered.as(out.format));
}

report::Timeline timeline_of(std::vector<OperationProfiling>& profiling,
                             const std::vector<std::unique_ptr<OperationExecutor>>& executors) {
  report::Timeline timeline;
  timeline.pid = static_cast<long>(::getpid());
  report::TimelineBuilder builder(timeline);
  for (const auto& e : executors)
    for (const TraceSlice& s : e->trace_slices()) builder.add(s.name, s.category, s.tid, s.start_ns, s.duration_ns);
  // One bound for the whole run's zone calls, as for one buffer: memory stays bounded.
  std::size_t room = profilers::TraceBuffer::default_capacity;
  for (auto& p : profiling) {
    const profilers::TraceBuffer& events = p.zones().events();
    timeline.dropped += events.dropped();
    for (const profilers::TraceEvent& e : events.events()) {
      if (room == 0) {
        ++timeline.dropped;
        continue;
      }
      --room;
      builder.add(e.name != nullptr ? e.name : "", report::Timeline::Category::zone, e.tid, e.start_ns, e.duration_ns);
    }
  }
  return timeline;
}

RunRecorder::RunRecorder(const RunOptions& options, const scenario::Scenario& sc) {
  const auto& file = options.history ? options.history : options.db;
  if (!file) return;
  db_ = std::make_unique<persistence::Database>(*file);
  run_id_ = db_->record_run_start({sc.name, sc.sha256, std::string(version()), ""});
}

RunRecorder::~RunRecorder() = default;

void RunRecorder::save_results(const std::vector<BacktestExecutor*>& backtests) {
  if (!db_) return;
  for (const BacktestExecutor* bt : backtests) {
    if (!bt || !bt->result().error.empty()) continue;
    const auto& results = bt->latest_results();
    const auto& cases = bt->result().cases;
    for (std::size_t i = 0; i < results.size(); ++i) {
      double seconds = 0;
      if (i < cases.size())
        if (auto it = cases[i].figures.find(figures::key::time); it != cases[i].figures.end() && !it->second.samples.empty())
          seconds = it->second.summary().median;
      db_->save_result(run_id_, results[i], seconds);
    }
  }
}

void RunRecorder::finish(RenderedRun& rendered) {
  if (!db_ || !run_id_) return;
  const report::RunResult& run = rendered.run();
  persistence::RunFigures figures;
  int failed = 0;
  for (const auto& b : run.budgets) failed += b.available && !b.passed;
  figures.emplace_back("budgets_failed", failed);
  figures.emplace_back("bottlenecks", static_cast<double>(run.bottlenecks.size()));
  for (const auto& op : run.operations) {
    const auto it = op.figures.find("time");
    if (it != op.figures.end() && !it->second.samples.empty()) figures.emplace_back(op.name + ".time_s", it->second.summary().median);
  }
  const std::string verdict(exit_code::meaning(run.exit_code).name);
  db_->record_run_finish(*run_id_, verdict, rendered.as("json"), figures);
}

}  // namespace ph::runner
