#pragma once
// What an operation's result held before a repetition, so that a repetition SIGINT cuts short
// can be undone: its samples would be partial (a sweep stopped half-way times half a grid),
// its digests would hash partial results and its warnings would compare them. After the roll
// back every figure has exactly `repetitions` samples again.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "executor.hpp"

namespace ph::runner {

/// How many samples each figure holds: what a repetition (or a worker's batch) appends after.
std::map<std::string, std::size_t> sample_counts(const report::Figures& figures);

class RepetitionMark {
 public:
  explicit RepetitionMark(OperationExecutor& executor);
  void roll_back(OperationExecutor& executor) const;

 private:
  struct CaseMark {
    std::map<std::string, std::size_t> sample_counts;
    std::string results_digest;
    report::CaseOutcome results;
    std::vector<double> parameter_set_seconds;  // a sweep's: a cut repetition leaves sets untimed
  };
  std::map<std::string, std::size_t> sample_counts_;
  std::vector<CaseMark> cases_;
  std::optional<report::SweepThroughput> sweep_;  // a sweep's backtests_per_s per repetition
  std::size_t warnings_ = 0;
  std::size_t trace_slices_ = 0;
};

}  // namespace ph::runner
