#include "history_baseline.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <utility>

#include "perfharness/common/errors.hpp"
#include "perfharness/persistence/database.hpp"

namespace ph::runner {
namespace {

// A series is the runs of one scenario whose timings can be compared: the same machine, build
// and tool. Past runs elsewhere differ for reasons other than the code.
struct SeriesKey {
  std::array<std::string, 5> fields;  // in kFieldNames' order
  bool operator==(const SeriesKey&) const = default;
};

constexpr std::array<const char*, 5> kFieldNames = {"host", "CPU model", "compiler", "build type", "perfharness version"};

SeriesKey key_of(const report::RunResult& run) {
  const auto& e = run.environment;
  return {{e.host, e.cpu_model, e.compiler, e.build_type, run.tool.version}};
}

SeriesKey key_of(const report::ReportOrigin& o) {
  return {{o.host, o.cpu_model, o.compiler, o.build_type, o.tool_version}};
}

// "compiler 'GNU 12.2.0' -> 'GNU 13.1.0'", for each field that differs.
std::string differences(const SeriesKey& was, const SeriesKey& now) {
  std::string out;
  for (std::size_t i = 0; i < kFieldNames.size(); ++i)
    if (was.fields[i] != now.fields[i])
      out += (out.empty() ? "" : ", ") + std::string(kFieldNames[i]) + " '" + was.fields[i] + "' -> '" + now.fields[i] + "'";
  return out;
}

// Reading a report costs; a series is looked for among this many of the scenario's latest runs.
constexpr int kRunsScanned = 200;

ResolvedBaseline from_history(const std::filesystem::path& path, const report::RunResult& run, int runs) {
  persistence::DatabaseOptions options;
  options.create = false;
  options.read_only = true;
  persistence::Database db(path, options);
  const SeriesKey mine = key_of(run);
  const std::string where = path.string();
  std::vector<std::pair<std::int64_t, report::StoredReport>> found;  // newest first
  std::string latest_sha;  // the scenario file's hash in the series' latest run
  std::optional<std::pair<std::int64_t, SeriesKey>> newest;             // the scenario's latest complete run
  int scanned = 0;
  db.for_each_run_report(run.scenario.name, [&](std::int64_t id, const std::string& text) {
    if (++scanned > kRunsScanned) return false;
    auto stored = report::StoredReport::parse(where + " run " + std::to_string(id), text);
    if (!stored || !stored->origin().complete) return true;  // an interrupted run measured less
    const SeriesKey key = key_of(stored->origin());
    if (!newest) newest.emplace(id, key);
    if (!(key == mine)) return true;
    if (found.empty()) latest_sha = stored->origin().scenario_sha256;
    found.emplace_back(id, std::move(*stored));
    return found.size() < static_cast<std::size_t>(runs);
  });

  ResolvedBaseline out;
  const std::string changed = newest && !(newest->second == mine)
                                  ? "the environment changed since run " + std::to_string(newest->first) + " (" +
                                        differences(newest->second, mine) + ")"
                                  : std::string();
  if (found.empty()) {
    out.label = where;
    out.notes.push_back(where + ": no earlier complete run of scenario '" + run.scenario.name +
                        "' on this environment (host, CPU model, compiler, build type, perfharness version)" +
                        (changed.empty() ? "" : "; " + changed) + ": this run starts a new series, nothing to compare");
    return out;
  }
  std::vector<report::StoredReport> reports;  // oldest first
  for (auto it = found.rbegin(); it != found.rend(); ++it) reports.push_back(std::move(it->second));
  std::vector<std::pair<std::size_t, std::string>> unreadable;
  out.baseline = report::Baseline::from_reports(reports, unreadable);
  std::vector<bool> left_out(reports.size(), false);
  for (const auto& [index, problem] : unreadable) {
    left_out[index] = true;
    out.notes.push_back(problem + ": left out of the series");
  }
  for (std::size_t i = 0; i < reports.size(); ++i)
    if (!left_out[i]) out.runs.push_back(found[found.size() - 1 - i].first);
  if (!out.baseline) {
    out.label = where;
    out.notes.push_back(where + ": no readable run in the series of scenario '" + run.scenario.name + "': nothing to compare");
    return out;
  }
  if (!changed.empty())
    out.notes.push_back(where + ": " + changed + ": judged against the " + std::to_string(out.runs.size()) +
                        " latest runs of this environment, not the runs since");
  if (latest_sha != run.scenario.sha256)
    out.notes.push_back(where + ": the scenario file changed since run " + std::to_string(found.front().first) +
                        ": differences may come from the scenario, not the code");
  out.label = where + " (" + std::to_string(out.runs.size()) + (out.runs.size() == 1 ? " run)" : " runs)");
  return out;
}

}  // namespace

bool is_sqlite_file(const std::filesystem::path& path) {
  static constexpr char kHeader[] = "SQLite format 3";  // and its terminating NUL: 16 bytes
  std::ifstream in(path, std::ios::binary);
  char head[sizeof kHeader] = {};
  return in.read(head, sizeof head) && std::equal(head, head + sizeof head, kHeader);
}

ResolvedBaseline resolve_baseline(const std::filesystem::path& path, const report::RunResult& run, int runs) {
  if (runs < 1) throw InputError("--baseline-runs must be at least 1, not " + std::to_string(runs));
  if (is_sqlite_file(path)) return from_history(path, run, runs);
  ResolvedBaseline out;
  out.label = path.string();
  out.baseline = report::Baseline::from_file(path.string());
  return out;
}

}  // namespace ph::runner
