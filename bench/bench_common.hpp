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

/// Wall time on the steady clock.
double wall_ns() noexcept;

/// Time of each iteration. By default CPU time of the calling thread: its median shrugs
/// off both the odd slow iteration and the time a busy machine keeps this thread off a
/// core. Wall time where waiting is part of the cost (I/O, child processes).
class IterationClock {
 public:
  enum class Kind { thread_cpu, wall };
  explicit IterationClock(Kind kind = Kind::thread_cpu) noexcept : kind_(kind) {}
  void start() noexcept { t0_ = now(); }
  void stop() { samples_.push_back(now() - t0_); }
  /// Median nanoseconds per iteration.
  double median_ns() const;
  double min_ns() const;

 private:
  double now() const noexcept { return kind_ == Kind::wall ? wall_ns() : thread_cpu_ns(); }
  Kind kind_;
  double t0_ = 0;
  std::vector<double> samples_;
};

}  // namespace ph::bench
