// The bench executable: benchmarks are registered here, in an order that matters
// (the lower bound before the ratios taken against it, the sweep before the peer
// compared to it), then a summary of the recorded figures is printed.
#include <cstdio>

#include "backtest_benchmarks.hpp"
#include "bench_common.hpp"
#include "memory_benchmarks.hpp"
#include "numba_peer_benchmark.hpp"
#include "peer_benchmark.hpp"
#include "persistence_benchmarks.hpp"
#include "profiler_benchmarks.hpp"
#include "seed_suite_benchmark.hpp"
#include "sweep_benchmarks.hpp"

int main(int argc, char** argv) {
  ph::bench::register_backtest_benchmarks();
  ph::bench::register_sweep_benchmarks();
  ph::bench::register_peer_benchmark();
  ph::bench::register_numba_peer_benchmark();
  ph::bench::register_memory_benchmarks();
  ph::bench::register_profiler_benchmarks();
  ph::bench::register_persistence_benchmarks();
  ph::bench::register_seed_suite_benchmark();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::printf("\nRecorded figures:\n");
  for (const auto& [name, value] : ph::bench::all_recorded()) std::printf("  %-52s %.6g\n", name.c_str(), value);
  return 0;
}
