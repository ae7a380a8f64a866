#pragma once
// Collects the zone trees of every thread that works on one operation during
// its measured repetitions, merged into one tree (and one trace).
#include <memory>
#include <mutex>

#include "perfharness/profilers/zones.hpp"
#include "perfharness/report/run_result.hpp"

namespace ph::runner {

class ZoneCapture {
 public:
  ZoneCapture(bool enabled, bool trace) : enabled_(enabled), trace_(trace) {}

  /// Records the calling thread's zones while alive (when enabled and measured), then adds them
  /// to the repetition in progress; `keep_repetition` or `drop_repetition` settles it.
  class Worker {
   public:
    Worker(ZoneCapture* capture, bool measured) : capture_(capture && capture->enabled_ && measured ? capture : nullptr) {
      if (capture_) {
        recorder_ = std::make_unique<profilers::ZoneRecorder>(profilers::ZoneRecorderOptions{true, capture_->trace_});
        recording_ = std::make_unique<profilers::ZoneRecording>(*recorder_);
      }
    }
    ~Worker() {
      if (!capture_) return;
      recording_.reset();
      std::lock_guard lock(capture_->mutex_);
      capture_->repetition_tree_.merge(recorder_->tree());
      if (capture_->trace_) capture_->repetition_events_.append(recorder_->trace());
    }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

   private:
    ZoneCapture* capture_;
    // Pointers, not std::optional: GCC 12 under ASan warns that an optional's disengaged
    // payload "may be used uninitialized" at every use (a false positive, GCC bug 105562).
    std::unique_ptr<profilers::ZoneRecorder> recorder_;
    std::unique_ptr<profilers::ZoneRecording> recording_;
  };

  /// Once every Worker of a repetition is gone: its zones join the capture, or, for a repetition
  /// cut short by SIGINT (whose figures are rolled back too), are forgotten.
  void keep_repetition();
  void drop_repetition();

  bool enabled() const noexcept { return enabled_; }
  const profilers::ZoneTree& tree() const noexcept { return tree_; }
  const profilers::TraceBuffer& events() const noexcept { return events_; }

 private:
  bool enabled_;
  bool trace_;
  std::mutex mutex_;
  profilers::ZoneTree tree_;
  profilers::TraceBuffer events_;
  profilers::ZoneTree repetition_tree_;  // the repetition in progress, until it is kept or dropped
  profilers::TraceBuffer repetition_events_;
};

/// The tree as the report shows it: times and call counts per measured repetition.
report::ZoneStats zone_stats(const profilers::ZoneTree& tree, const std::string& root_name, int repetitions);
std::vector<report::Hotspot> report_hotspots(const std::vector<profilers::Hotspot>& rows, int repetitions);

}  // namespace ph::runner
