// The profilers on the real backtest core: memory grows with the bars, zones are seen.
#include <string>

#include "perfharness/backtest/backtest.hpp"
#include "perfharness/data/synthetic.hpp"
#include "perfharness/profilers/heap.hpp"
#include "perfharness/profilers/zones.hpp"
#include "profilers_test_support.hpp"

using namespace ph;
using namespace ph::profilers;

namespace {
OhlcvSeries ten_thousand_bars() {
  SyntheticSpec spec;
  spec.first_date = date_from_civil(1990, 1, 1);
  spec.last_date = spec.first_date + 9'999;
  return generate_synthetic("MEM", spec);
}

// Heap region of one macd backtest on the first `bars` bars, from a cold workspace.
HeapRegion backtest_region(const OhlcvSeries& series, Eigen::Index bars) {
  const Parameters params = resolve_parameters(strategy_or_throw("macd"), std::vector<ParamAssignment>{});
  HeapProbe probe;
  BacktestWorkspace ws;
  const BacktestResult r = run_backtest(series, params, series.dates.front(),
                                        series.dates[static_cast<std::size_t>(bars - 1)], BacktestConfig{}, ws);
  ph_test::escape(&r);
  REQUIRE(r.bars == bars);
  return probe.stop();
}
}  // namespace

TEST_CASE("a backtest's heap peak grows with the number of bars", "[heap][backtest]") {
  PH_REQUIRE_HEAP_TRACKING();
  const OhlcvSeries series = ten_thousand_bars();
  REQUIRE(series.size() == 10'000);
  const HeapRegion small = backtest_region(series, 1'000);
  const HeapRegion large = backtest_region(series, 10'000);

  INFO("peak growth: 1,000 bars " << small.peak_growth_bytes() << " B, 10,000 bars " << large.peak_growth_bytes()
                                  << " B");
  // A cold workspace must at least hold the equity curve (a double per bar) and the entry and
  // exit flags (a byte each per bar).
  CHECK(small.peak_growth_bytes() >= 1'000 * 10);
  CHECK(large.peak_growth_bytes() >= 10'000 * 10);
  CHECK(large.peak_growth_bytes() > 3 * small.peak_growth_bytes());
  CHECK(large.bytes_allocated > small.bytes_allocated);
}

TEST_CASE("a zone recorder sees the core's zones inside a backtest", "[zones][backtest]") {
  const OhlcvSeries series = ten_thousand_bars();
  const Parameters params = resolve_parameters(strategy_or_throw("macd"), std::vector<ParamAssignment>{});
  ZoneRecorder recorder;
  {
    ZoneRecording recording(recorder);
    BacktestWorkspace ws;
    for (int i = 0; i < 3; ++i) {
      run_backtest(series, params, series.dates.front(), series.dates.back(), BacktestConfig{}, ws);
    }
  }
  const ZoneTree& tree = recorder.tree();
  const std::uint32_t backtest = tree.find_path("backtest");
  REQUIRE(backtest != ZoneNode::none);
  CHECK(tree.node(backtest).calls == 3);
  CHECK(recorder.open_zones() == 0);
  CHECK(tree.node(backtest).first_child != ZoneNode::none);
  for (std::uint32_t i = 1; i < tree.nodes().size(); ++i) {
    INFO(tree.path(i));
    CHECK(tree.node(i).cumulative_ns >= tree.children_ns(i));
    CHECK(tree.self_ns(i) == tree.node(i).cumulative_ns - tree.children_ns(i));
  }
  if (heap_tracking_active()) {
    CHECK(tree.heap_tracked());
    CHECK(tree.node(backtest).heap.allocations > 0);
    // The first call fills the cold workspace: equity curve and signal flags at least.
    CHECK(tree.node(backtest).heap.bytes_allocated >= 10'000u * 10);
    CHECK(tree.node(backtest).heap.peak_growth_bytes >= 10'000 * 10);
  }
}
