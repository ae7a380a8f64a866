#include "shard_set.hpp"

#include <algorithm>

#include "perfharness/common/errors.hpp"

namespace ph::runner {
namespace {

const char* const kFix = "give every shard's report once: `perfharness merge s1.json ... sN.json`";

[[noreturn]] void refuse(const ShardReport& r, const std::string& problem) { throw InputError(r.file + ": " + problem + "; " + kFix); }

}  // namespace

std::vector<ShardReport> ordered_shard_set(std::vector<ShardReport> reports) {
  if (reports.empty()) throw InputError(std::string("merge: no reports given; ") + kFix);
  for (const auto& r : reports)
    if (!r.run.shard) refuse(r, "not a shard's report (it has no \"shard\"; write shards with `run --shard I/N`)");
  for (const auto& r : reports)
    if (r.run.interrupted) refuse(r, "the shard was interrupted (exit 130), so its figures are partial; run that shard again");
  const ShardReport& first = reports.front();
  const int count = first.run.shard->count;
  for (const auto& r : reports) {
    if (r.run.shard->count != count)
      refuse(r, "is shard " + std::to_string(r.run.shard->index) + " of " + std::to_string(r.run.shard->count) + ", but " +
                    first.file + " is one of " + std::to_string(count));
    if (r.run.scenario.sha256 != first.run.scenario.sha256)
      refuse(r, "ran another scenario (sha256 " + r.run.scenario.sha256.substr(0, 12) + "…) than " + first.file + " (" +
                    first.run.scenario.sha256.substr(0, 12) + "…)");
    if (r.run.tool.version != first.run.tool.version)
      refuse(r, "was written by perfharness " + r.run.tool.version + ", " + first.file + " by " + first.run.tool.version);
  }
  std::stable_sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) { return a.run.shard->index < b.run.shard->index; });
  for (std::size_t i = 1; i < reports.size(); ++i)
    if (reports[i].run.shard->index == reports[i - 1].run.shard->index)
      refuse(reports[i], "is shard " + std::to_string(reports[i].run.shard->index) + " again (so is " + reports[i - 1].file + ")");
  if (static_cast<int>(reports.size()) != count) {
    int expected = 1;
    for (const auto& r : reports) {
      if (r.run.shard->index != expected) break;
      ++expected;
    }
    throw InputError("merge: shard " + std::to_string(expected) + " of " + std::to_string(count) + " is missing; " + kFix);
  }
  // Equal repetitions: an operation's samples are combined repetition by repetition.
  for (const auto& r : reports)
    for (std::size_t op = 0; op < r.run.operations.size() && op < first.run.operations.size(); ++op) {
      const auto& mine = r.run.operations[op];
      if (mine.cases.empty()) continue;  // none of its work in this shard
      for (const auto& other : reports) {
        const auto& theirs = other.run.operations[op];
        if (!theirs.cases.empty() && theirs.repetitions != mine.repetitions)
          refuse(r, "operation '" + mine.name + "' has " + std::to_string(mine.repetitions) + " repetitions, " + std::to_string(theirs.repetitions) +
                        " in " + other.file + " (run every shard with the same --repeat)");
      }
    }
  return reports;
}

}  // namespace ph::runner
