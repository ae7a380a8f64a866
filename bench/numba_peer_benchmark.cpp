// The numba peer: the sma_cross sweep a vectorbt user writes with numba (scripts/peer_numba.py,
// @njit(parallel=True), prange over the combinations) against `perfharness run` of the same
// grid on the same bars and cores, as a whole process (start-up, CSV, sweep, JSON report).
// numba is timed in its jitted steady state (compile time excluded and reported apart).
// The peer's trade counts and headline metrics are checked against perfharness's report.
#include "numba_peer_benchmark.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "bench_common.hpp"
#include "peer_common.hpp"

namespace ph::bench {
namespace {

// fast 1..50 × slow 27..126, fast < slow: 4,700 combinations, the size of the grid the issue
// measured numba on (4,676), on the sweep benchmark's 1,860 bars.
constexpr int kFastMax = 50, kSlowMin = 27, kSlowMax = 126;
constexpr int kProcessRuns = 7;

void write_inputs(const std::filesystem::path& dir, const SeriesView& bars) {
  std::ofstream csv(dir / "SWEEP.csv"), closes(dir / "closes.csv"), combos(dir / "combos.csv"), scenario(dir / "sweep.yaml");
  csv << "Date,Open,High,Low,Close,Adj Close,Volume\n";
  char line[256];
  for (Eigen::Index t = 0; t < bars.size; ++t) {
    std::snprintf(line, sizeof line, "%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", format_iso_date(bars.dates[t]).c_str(),
                  bars.open[t], bars.high[t], bars.low[t], bars.close[t], bars.close[t], bars.volume[t]);
    csv << line;
    std::snprintf(line, sizeof line, "%.17g\n", bars.close[t]);
    closes << line;
  }
  for (int fast = 1; fast <= kFastMax; ++fast)
    for (int slow = kSlowMin; slow <= kSlowMax; ++slow)
      if (fast < slow) combos << fast << ',' << slow << '\n';
  // One measured run, no warm-up, no fresh timing processes, no profilers: the work a
  // user's sweep does, once.
  scenario << "name: numba-peer\ndata:\n  csv: {dir: .}\n"
              "defaults: {repetitions: 1, warmup: 0, processes: 0}\n"
              "operations:\n  - name: grid\n    kind: sweep\n    strategy: sma_cross\n"
              "    grid:\n      fast_period: {from: 1, to: " << kFastMax << "}\n"
              "      slow_period: {from: " << kSlowMin << ", to: " << kSlowMax << "}\n"
              "    symbols: [SWEEP]\n    ranges: [{label: all, start: 1900-01-01, end: 2100-12-31}]\n"
              "    profile: {zones: false, memory: false, counters: false, sampling: false}\n";
}

void numba_peer(benchmark::State& state) {
  const SeriesView bars = sweep_view(kSweepBars);
  const auto dir = std::filesystem::temp_directory_path() / ("perfharness_bench_numba_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  write_inputs(dir, bars);
  const std::string report = (dir / "report.json").string();
  const std::string run = "cd '" + dir.string() + "' && '" + PH_BINARY + "' run sweep.yaml -q -o report.json";
  const std::string peer_command = peer_python() + " " PH_SOURCE_DIR "/scripts/peer_numba.py " + (dir / "closes.csv").string() +
                                   " " + (dir / "combos.csv").string();
  IterationClock clock(IterationClock::Kind::wall);
  nlohmann::json peer_out;
  bool ran = true;
  for (auto _ : state) {
    for (int i = 0; i < kProcessRuns && ran; ++i) {
      clock.start();
      const int status = std::system(run.c_str());
      clock.stop();
      ran = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    peer_out = nlohmann::json::parse(run_capture(peer_command), nullptr, false);
  }
  nlohmann::json ours;
  if (ran) {
    std::ifstream in(report);
    ours = nlohmann::json::parse(in, nullptr, false);
  }
  std::filesystem::remove_all(dir);
  if (!ran || ours.is_discarded()) {
    state.SkipWithError(("perfharness run failed: " + run).c_str());
    return;
  }
  if (peer_out.is_discarded() || !peer_out.contains("seconds")) {
    state.SkipWithError(("peer failed: " + peer_command + " (needs python3-numba)").c_str());
    return;
  }
  // Same work? Each combination's trades and headline metrics, from the report's grid rows
  // ([fast, slow, sharpe_ratio, total_return, max_drawdown, win_rate, total_trades]).
  std::map<std::pair<int, int>, const nlohmann::json*> rows;
  for (const auto& row : ours["operations"][0]["cases"][0]["results"]["grid"]["rows"])
    rows[{row[0].get<int>(), row[1].get<int>()}] = &row;
  int mismatches = 0, missing = 0;
  double worst = 0;
  for (const auto& r : peer_out["results"]) {
    const auto found = rows.find({r[0].get<int>(), r[1].get<int>()});
    if (found == rows.end()) {
      ++missing;
      continue;
    }
    const nlohmann::json& row = *found->second;
    mismatches += row[6].get<int>() != r[2].get<int>();
    worst = std::max({worst, rel_diff(row[3].get<double>(), r[3].get<double>()), rel_diff(row[2].get<double>(), r[4].get<double>()),
                      rel_diff(row[4].get<double>(), r[5].get<double>())});
  }
  const double backtests = peer_out["backtests"].get<double>();
  const double ours_s = clock.median_ns() / 1e9, numba_s = peer_out["seconds"].get<double>();
  state.counters["backtests"] = backtests;
  state.counters["perfharness_process_ms"] = ours_s * 1e3;
  state.counters["numba_steady_ms"] = numba_s * 1e3;
  state.counters["numba_compile_s"] = peer_out["compile_seconds"].get<double>();
  state.counters["numba_threads"] = peer_out["threads"].get<double>();
  state.counters["x_numba"] = numba_s / ours_s;
  state.counters["trade_count_mismatches"] = mismatches + missing;
  state.counters["max_rel_metric_diff"] = worst;
  record("numba.backtests", backtests);
  record("numba.perfharness_process_s", ours_s);
  record("numba.perfharness_backtests_per_s", backtests / ours_s);
  record("numba.steady_s", numba_s);
  record("numba.backtests_per_s", backtests / numba_s);
  record("numba.compile_s", peer_out["compile_seconds"].get<double>());
  record("numba.x_numba", numba_s / ours_s);
  record("numba.trade_count_mismatches", mismatches + missing);
  record("numba.max_rel_metric_diff", worst);
}

}  // namespace

void register_numba_peer_benchmark() {
  // One iteration: perfharness's process is timed kProcessRuns times (median), the peer times
  // its own jitted rounds.
  benchmark::RegisterBenchmark("peer/numba_sma_cross_4700/1860_bars/whole_process", numba_peer)
      ->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
}

}  // namespace ph::bench
