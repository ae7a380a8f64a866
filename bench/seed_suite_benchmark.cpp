// The whole seed-suite scenario end to end: `perfharness run scenarios/profiling_suite.yaml`,
// the wall time a user waits, process start and report writing included.
#include "seed_suite_benchmark.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench_common.hpp"

namespace ph::bench {
namespace {

void seed_suite(benchmark::State& state) {
  const std::string report =
      (std::filesystem::temp_directory_path() / ("perfharness_bench_seed_" + std::to_string(::getpid()) + ".json")).string();
  const std::string command = std::string("'") + PH_BINARY + "' run '" PH_SOURCE_DIR "/scenarios/profiling_suite.yaml' -q -o '" +
                              report + "'";
  IterationClock clock(IterationClock::Kind::wall);
  int exit_code = 0;
  for (auto _ : state) {
    clock.start();
    const int status = std::system(command.c_str());
    clock.stop();
    exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    // 0: every budget held; 1: a budget failed (the run itself completed).
    if (exit_code != 0 && exit_code != 1) {
      state.SkipWithError(("seed suite run failed (exit " + std::to_string(exit_code) + "): " + command).c_str());
      break;
    }
  }
  std::filesystem::remove(report);
  state.counters["wall_s"] = clock.median_ns() / 1e9;
  state.counters["exit_code"] = exit_code;
  record("seed_suite.wall_s", clock.median_ns() / 1e9);
}

}  // namespace

void register_seed_suite_benchmark() {
  benchmark::RegisterBenchmark("seed_suite/profiling_suite.yaml/end_to_end", seed_suite)
      ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
}

}  // namespace ph::bench
