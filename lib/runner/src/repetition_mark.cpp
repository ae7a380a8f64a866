#include "repetition_mark.hpp"

#include <algorithm>

namespace ph::runner {
namespace {

// Figures the repetition created are removed; the others lose the samples it added.
void truncate(report::Figures& figures, const std::map<std::string, std::size_t>& counts) {
  for (auto it = figures.begin(); it != figures.end();) {
    const auto before = counts.find(it->first);
    if (before == counts.end()) {
      it = figures.erase(it);
      continue;
    }
    if (it->second.samples.size() > before->second) it->second.samples.resize(before->second);
    ++it;
  }
}

}  // namespace

std::map<std::string, std::size_t> sample_counts(const report::Figures& figures) {
  std::map<std::string, std::size_t> counts;
  for (const auto& [name, f] : figures) counts[name] = f.samples.size();
  return counts;
}

RepetitionMark::RepetitionMark(OperationExecutor& executor)
    : sample_counts_(sample_counts(executor.result().figures)),
      sweep_(executor.result().sweep),
      warnings_(executor.result().warnings.size()),
      trace_slices_(executor.trace_slices().size()) {
  const report::OperationResult& result = executor.result();
  cases_.reserve(result.cases.size());
  for (const auto& c : result.cases)
    cases_.push_back({sample_counts(c.figures), c.results_digest, c.results, c.parameter_set_seconds});
}

void RepetitionMark::roll_back(OperationExecutor& executor) const {
  report::OperationResult& result = executor.result();
  auto& slices = executor.trace_slices();
  slices.erase(slices.begin() + static_cast<std::ptrdiff_t>(std::min(trace_slices_, slices.size())), slices.end());
  truncate(result.figures, sample_counts_);
  if (result.cases.size() > cases_.size()) result.cases.resize(cases_.size());
  for (std::size_t i = 0; i < result.cases.size(); ++i) {
    truncate(result.cases[i].figures, cases_[i].sample_counts);
    result.cases[i].results_digest = cases_[i].results_digest;
    result.cases[i].results = cases_[i].results;
    result.cases[i].parameter_set_seconds = cases_[i].parameter_set_seconds;
  }
  result.sweep = sweep_;
  if (result.warnings.size() > warnings_) result.warnings.resize(warnings_);
}

}  // namespace ph::runner
