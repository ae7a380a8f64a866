#pragma once
// Shared data and bookkeeping of the bench executable: the synthetic series every
// benchmark runs on, and the figures benchmarks hand to each other (the lower bound
// a strategy's ratio is taken against, the sweep throughput the peer is compared to).
#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#include "perfharness/data/ohlcv.hpp"
#include "perfharness/data/series_view.hpp"

namespace ph::bench {

inline constexpr Eigen::Index kLongBars = 1'000'000;  // strategy ns/bar
inline constexpr Eigen::Index kSweepBars = 1'860;     // the sweep grid's series
inline constexpr Eigen::Index kSeedBars = 731;        // one seed-suite-sized backtest

/// 1,000,000 calendar-daily bars, drift 0.0002 so the compounded closes stay finite.
const OhlcvSeries& long_series();
/// The first kSweepBars bars of the default synthetic spec (drift 0.0008, as the seed suite).
const OhlcvSeries& sweep_series();
/// The first `bars` bars of sweep_series().
SeriesView sweep_view(Eigen::Index bars);

/// Figures recorded by one benchmark for later ones and for the closing summary.
/// The last run of a benchmark function (the measured one) wins.
void record(const std::string& name, double value);
/// The recorded figure, or NaN when its benchmark has not run (filtered out, failed).
double recorded(const std::string& name);
const std::map<std::string, double>& all_recorded();

/// CPU time of the calling thread.
double thread_cpu_ns() noexcept;

/// CPU time of each iteration on the calling thread: its median shrugs off both the
/// odd slow iteration and the time a busy machine keeps this thread off a core.
class IterationClock {
 public:
  void start() noexcept { t0_ = thread_cpu_ns(); }
  void stop() { samples_.push_back(thread_cpu_ns() - t0_); }
  /// Median nanoseconds per iteration.
  double median_ns() const;
  double min_ns() const;

 private:
  double t0_ = 0;
  std::vector<double> samples_;
};

}  // namespace ph::bench
