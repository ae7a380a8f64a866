#pragma once
// `run --baseline HISTORY.db`: the past runs of the same scenario and environment in a history
// database, as the baseline a run is judged against (docs/compare.md, "Baselines from history").
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "perfharness/report/baseline.hpp"
#include "perfharness/report/run_result.hpp"

namespace ph::runner {

/// What a --baseline argument names, read.
struct ResolvedBaseline {
  std::optional<report::Baseline> baseline;  // none: a history without an earlier run of the series
  std::vector<std::int64_t> runs;            // a history baseline's runs, oldest first
  std::string label;                         // the base side's name in messages
  std::vector<std::string> notes;            // about the series: a new one, a changed scenario
};

/// True when `path` is an SQLite file (a history database), by its header.
bool is_sqlite_file(const std::filesystem::path& path);

/// A report file as it is; a history database as the last `runs` finished, complete runs of
/// `run`'s scenario whose environment (host, CPU model, compiler, build type, perfharness
/// version) is `run`'s. Throws ph::InputError for an unreadable report or database.
ResolvedBaseline resolve_baseline(const std::filesystem::path& path, const report::RunResult& run, int runs);

}  // namespace ph::runner
