#pragma once
// A run judged against an earlier report or a series of past runs (`perfharness run --baseline`).
#include <cstddef>
#include <memory>
#include <string>
#include <optional>
#include <utility>
#include <vector>

#include "perfharness/report/comparison.hpp"
#include "perfharness/report/run_result.hpp"

namespace ph::report {

/// What a stored report says of where it ran: what decides whether a past run belongs to a
/// run's series (a history baseline). Empty strings for fields the report lacks.
struct ReportOrigin {
  bool complete = false;  // not interrupted
  std::string host, cpu_model, compiler, build_type, tool_version, scenario_sha256;
};

/// A past run's report from a history database, parsed once: its origin decides whether it
/// joins the series, and its document is then what the series is judged against.
class StoredReport {
 public:
  /// None when `text` is not a JSON object. `label` names the run in messages ("h.db run 31").
  static std::optional<StoredReport> parse(std::string label, const std::string& text);
  const ReportOrigin& origin() const noexcept { return origin_; }

 private:
  friend class Baseline;
  struct Document;
  StoredReport(std::string label, std::shared_ptr<const Document> doc, ReportOrigin origin);
  std::string label_;
  std::shared_ptr<const Document> doc_;
  ReportOrigin origin_;
};

/// What a run is judged against: one earlier report, or the reports of past runs of a series
/// (docs/compare.md, "Baselines from history"). Read once, judged as often as needed: the
/// judgement and its confirmation. Copies share the reports read.
class Baseline {
 public:
  /// Reads a report file. Throws ph::InputError naming the file when it cannot be read or has
  /// not the report shape.
  static Baseline from_file(const std::string& path);
  /// Past runs' reports, oldest first. A report without the report shape is left out, and its
  /// index in `reports` and problem appended to `unreadable`: one damaged row must not stop
  /// every later run. None when no report is left.
  static std::optional<Baseline> from_reports(const std::vector<StoredReport>& reports,
                                              std::vector<std::pair<std::size_t, std::string>>& unreadable);

  /// Compares `run` with the baseline, as `perfharness compare BASELINE NEW` would compare it
  /// with the run's own report; with several past runs, as docs/compare.md describes.
  ComparisonResult judge(const RunResult& run, const CompareOptions& options) const;
  /// The operations the baseline's reports hold, by name (each once, sorted).
  std::vector<std::string> operation_names() const;

 private:
  struct Views;
  explicit Baseline(std::shared_ptr<const Views> views);
  std::shared_ptr<const Views> views_;
};

/// The operations with a timing figure that `result` finds regressed and that were timed in
/// worker processes: what a confirmation measures again (docs/compare.md, "Confirmation").
std::vector<std::string> operations_to_confirm(const ComparisonResult& result);

/// Folds a second measurement into `result`. `remeasured` judges the same baseline against the
/// run with `operations` measured again. Each regressed timing figure of those operations gets
/// the second judgement as its confirmation and stays regressed only when that agrees; otherwise
/// its verdict is unchanged and its reason says why. Recounts regressions and unconfirmed.
void apply_confirmation(ComparisonResult& result, const ComparisonResult& remeasured,
                        const std::vector<std::string>& operations);

}  // namespace ph::report
