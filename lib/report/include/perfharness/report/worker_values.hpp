#pragma once
// What one worker process of a run measured (docs/compare.md, "Values from fresh processes"):
// the timing figures of the operations it was given, one value per batch of runs. The worker
// writes it, the run that started the worker reads it back; the text is JSON, private to them.
#include <cstdint>
#include <string>
#include <vector>

#include "perfharness/report/run_result.hpp"

namespace ph::report {

struct WorkerCaseValues {
  std::string label;
  Figures figures;
};

struct WorkerOperationValues {
  std::string name;
  std::string error;             // non-empty: the operation failed in the worker
  std::uint64_t iterations = 0;  // runs per value
  Figures figures;               // a sample per value
  std::vector<WorkerCaseValues> cases;
};

struct WorkerValues {
  std::vector<WorkerOperationValues> operations;
};

std::string worker_values_text(const WorkerValues& values);
/// Throws ph::RuntimeFailure naming `source` when `text` is not what worker_values_text wrote.
WorkerValues read_worker_values(const std::string& text, const std::string& source);

}  // namespace ph::report
