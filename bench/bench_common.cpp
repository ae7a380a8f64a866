#include "bench_common.hpp"

#include <algorithm>
#include <ctime>
#include <limits>

#include "perfharness/data/synthetic.hpp"

namespace ph::bench {

const OhlcvSeries& long_series() {
  static const OhlcvSeries s = [] {
    SyntheticSpec spec;
    spec.drift = 0.0002;
    spec.last_date = spec.first_date + static_cast<Date>(kLongBars - 1);
    return generate_synthetic("BENCH", spec);
  }();
  return s;
}

const OhlcvSeries& sweep_series() {
  static const OhlcvSeries s = [] {
    SyntheticSpec spec;
    spec.last_date = spec.first_date + static_cast<Date>(kSweepBars - 1);
    return generate_synthetic("SWEEP", spec);
  }();
  return s;
}

SeriesView sweep_view(Eigen::Index bars) {
  const OhlcvSeries& s = sweep_series();
  return view_of(s, s.dates.front(), s.dates[static_cast<std::size_t>(std::min(bars, s.size()) - 1)]);
}

namespace {
std::map<std::string, double>& figures() {
  static std::map<std::string, double> f;
  return f;
}
}  // namespace

void record(const std::string& name, double value) { figures()[name] = value; }

double recorded(const std::string& name) {
  const auto it = figures().find(name);
  return it == figures().end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
}

const std::map<std::string, double>& all_recorded() { return figures(); }

double thread_cpu_ns() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

double wall_ns() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

double IterationClock::median_ns() const {
  if (samples_.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::vector<double> s = samples_;
  const auto mid = s.begin() + static_cast<std::ptrdiff_t>(s.size() / 2);
  std::nth_element(s.begin(), mid, s.end());
  return *mid;
}

double IterationClock::min_ns() const {
  if (samples_.empty()) return std::numeric_limits<double>::quiet_NaN();
  return *std::min_element(samples_.begin(), samples_.end());
}

}  // namespace ph::bench
