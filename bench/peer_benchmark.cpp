// The pandas peer: scripts/peer_pandas.py runs a subset of the sweep grid on the same
// closes, in the same bench run; perfharness's sweep throughput is reported as a
// multiple of the peer's. The peer's metrics are checked against perfharness's so the
// comparison is of the same work.
#include "peer_benchmark.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "bench_common.hpp"
#include "peer_common.hpp"
#include "sweep_grid.hpp"

namespace ph::bench {
namespace {

constexpr std::size_t kPeerStride = 50;  // every 50th grid point: 200 of the 10,000 combinations

void peer(benchmark::State& state) {
  const SeriesView bars = sweep_view(kSweepBars);
  const std::vector<Parameters>& grid = sweep_grid();
  const auto dir = std::filesystem::temp_directory_path();
  const std::string tag = std::to_string(::getpid());
  const auto closes_file = dir / ("perfharness_bench_closes_" + tag + ".csv");
  const auto combos_file = dir / ("perfharness_bench_combos_" + tag + ".csv");
  std::vector<Parameters> subset;
  {
    std::ofstream closes(closes_file), combos(combos_file);
    char line[64];
    for (Eigen::Index t = 0; t < bars.size; ++t) {
      std::snprintf(line, sizeof line, "%.17g\n", bars.close[t]);
      closes << line;
    }
    for (std::size_t i = 0; i < grid.size(); i += kPeerStride) {
      subset.push_back(grid[i]);
      combos << grid[i].integer(0) << ',' << grid[i].integer(1) << '\n';
    }
  }
  const std::string command = peer_python() + " " PH_SOURCE_DIR "/scripts/peer_pandas.py " + closes_file.string() + " " +
                              combos_file.string();
  nlohmann::json peer_out;
  for (auto _ : state) {
    const std::string text = run_capture(command);
    peer_out = nlohmann::json::parse(text, nullptr, false);
  }
  std::filesystem::remove(closes_file);
  std::filesystem::remove(combos_file);
  if (peer_out.is_discarded() || !peer_out.contains("backtests_per_s")) {
    state.SkipWithError(("peer failed: " + command + " (needs python3-pandas)").c_str());
    return;
  }
  // Same work? Compare trade counts and headline metrics combo by combo.
  std::vector<Metrics> ours;
  run_sweep(bars, subset, 1, ours);
  double worst = 0;
  int trade_mismatches = 0;
  const auto& results = peer_out["results"];
  for (std::size_t i = 0; i < subset.size() && i < results.size(); ++i) {
    const auto& r = results[i];
    trade_mismatches += r[2].get<int>() != ours[i].total_trades;
    worst = std::max({worst, rel_diff(r[3].get<double>(), ours[i].total_return),
                      rel_diff(r[4].get<double>(), ours[i].sharpe_ratio),
                      rel_diff(r[5].get<double>(), ours[i].max_drawdown)});
  }
  // Like against like: one perfharness thread against the (single-threaded) peer, in wall
  // time and in CPU time (the robust one on a busy machine); all cores in wall time.
  const double peer_bps = peer_out["backtests_per_s"].get<double>();
  const double peer_bpcpu = peer_out["backtests_per_cpu_s"].get<double>();
  const double one = recorded("sweep.one_thread.backtests_per_s"), all = recorded("sweep.all_cores.backtests_per_s");
  const double one_cpu = recorded("sweep.one_thread.backtests_per_cpu_s");
  state.counters["peer_backtests"] = peer_out["backtests"].get<double>();
  state.counters["peer_backtests_per_s"] = peer_bps;
  state.counters["peer_backtests_per_cpu_s"] = peer_bpcpu;
  state.counters["x_peer_1_thread"] = one / peer_bps;
  state.counters["x_peer_1_thread_cpu"] = one_cpu / peer_bpcpu;
  state.counters["x_peer_all_cores"] = all / peer_bps;
  record("peer.backtests_per_cpu_s", peer_bpcpu);
  record("peer.x_1_thread_cpu", one_cpu / peer_bpcpu);
  state.counters["trade_count_mismatches"] = trade_mismatches;
  state.counters["max_rel_metric_diff"] = worst;
  record("peer.backtests_per_s", peer_bps);
  record("peer.backtests_run", peer_out["backtests"].get<double>());
  record("peer.x_1_thread", one / peer_bps);
  record("peer.x_all_cores", all / peer_bps);
  record("peer.trade_count_mismatches", trade_mismatches);
  record("peer.max_rel_metric_diff", worst);
}

}  // namespace

void register_peer_benchmark() {
  // One run: the peer takes seconds and times its own combos loop (imports excluded).
  benchmark::RegisterBenchmark("peer/pandas_sma_cross_200_of_10000/1860_bars", peer)
      ->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
}

}  // namespace ph::bench
