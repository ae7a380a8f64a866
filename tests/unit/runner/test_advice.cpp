// The relative rules (advice.cpp) on hand-built results: each flags what is over its threshold,
// leaves what is at or under it, and carries its evidence.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "perfharness/strategies/strategy.hpp"
#include "runner_test_util.hpp"

using namespace ph;
using namespace ph::runner::test;

namespace {

report::ZoneStats zone(std::string name, double cumulative_s, double self_s, std::vector<report::ZoneStats> children = {}) {
  report::ZoneStats z;
  z.name = std::move(name);
  z.cumulative_s = cumulative_s;
  z.self_s = self_s;
  z.calls = 1;
  z.children = std::move(children);
  return z;
}

// An operation "op" of 1 ms per repetition: the backtest zone, its signals (a plugin's two zones
// inside) and its simulation.
report::OperationResult backtest_with(double ema_self, double atr_self, double simulation_self) {
  auto op = operation("op");
  const double signals = ema_self + atr_self;
  op.zones = zone("op", 1e-3, 0,
                  {zone("backtest", 1e-3, 1e-3 - signals - simulation_self,
                        {zone("signals", signals, 0, {zone("keltner.ema", ema_self, ema_self), zone("keltner.atr", atr_self, atr_self)}),
                         zone("simulation", simulation_self, simulation_self)})});
  return op;
}

}  // namespace

TEST_CASE("a zone below the kind's zone holding over share_medium of the time is Medium, over share_high High", "[analysis][advice]") {
  // atr 0.6 ms of 1 ms: over 0.5. ema 0.3 ms: under it. simulation 0.05.
  auto run = analysed({backtest_with(0.3e-3, 0.6e-3, 0.05e-3)});
  CHECK(issues_of(run) == std::vector<std::string>{"op/backtest/signals/keltner.atr: Large share of time (Medium)"});
  REQUIRE(run.opportunities.size() == 1);
  const auto& e = std::get<report::ShareEvidence>(run.opportunities[0].evidence);
  CHECK(e.source == report::ShareEvidence::Source::zones);
  CHECK(e.share == Approx(0.6));
  CHECK(e.self_time == Approx(0.6e-3));
  CHECK(e.operation_time == Approx(1e-3));
  CHECK(run.opportunities[0].figure == "60% of the operation's time in this zone's own code");

  run = analysed({backtest_with(0.02e-3, 0.95e-3, 0.01e-3)});
  CHECK(issues_of(run) == std::vector<std::string>{"op/backtest/signals/keltner.atr: Large share of time (High)"});
}

TEST_CASE("the kind's own zone is never named, nor zones of operations that are not backtests or sweeps", "[analysis][advice]") {
  // The backtest zone's self time is 0.9 ms: unattributed time, not a place.
  auto run = analysed({backtest_with(0.05e-3, 0.03e-3, 0.02e-3)});
  CHECK(issues_of(run).empty());
  auto load = backtest_with(0.1e-3, 0.8e-3, 0);
  load.kind = OperationKind::DataLoad;
  CHECK(issues_of(analysed({load})).empty());
}

TEST_CASE("zone shares follow the scenario's thresholds and name at most hotspot_top_n zones", "[analysis][advice]") {
  scenario::Thresholds th;
  th.share_medium = 0.1;
  th.share_high = 0.45;
  th.hotspot_top_n = 2;
  const auto run = analysed({backtest_with(0.3e-3, 0.5e-3, 0.2e-3)}, with_thresholds(th));
  CHECK(issues_of(run) == std::vector<std::string>{"op/backtest/signals/keltner.atr: Large share of time (High)",
                                                   "op/backtest/signals/keltner.ema: Large share of time (Medium)"});
}

TEST_CASE("a sampled function over share_medium of the samples is an opportunity with its sample count", "[analysis][advice]") {
  auto op = operation("op");
  op.sampling.state = report::SamplingProfile::State::available;
  op.sampling.samples = 400;
  op.sampling.top_self = {{"keltner(...)", 220, 0.55, {}}, {"run_backtest_metrics", 40, 0.1, {}}};
  const auto run = analysed({op});
  CHECK(issues_of(run) == std::vector<std::string>{"op/keltner(...): Large share of samples (Medium)"});
  const auto& e = std::get<report::ShareEvidence>(run.opportunities[0].evidence);
  CHECK(e.source == report::ShareEvidence::Source::sampler);
  CHECK(e.samples == 220);
  op.sampling.state = report::SamplingProfile::State::unavailable;
  CHECK(issues_of(analysed({op})).empty());
}

TEST_CASE("a backtest case allocating over the per-bar threshold is named with its allocations and bars", "[analysis][advice]") {
  auto op = operation("op");
  auto light = one_case("light AAA", "allocations", "count", {300, 300, 300});  // 0.3 per bar
  light.bars = 1000;
  auto heavy = one_case("heavy AAA", "allocations", "count", {1200, 1300, 1250});  // median 1250: 1.25 per bar
  heavy.bars = 1000;
  auto tiny = one_case("short AAA", "allocations", "count", {40, 40, 40});  // 4 per bar, but a backtest's fixed cost
  tiny.bars = 10;
  op.cases = {light, heavy, tiny};
  auto run = analysed({op});
  CHECK(issues_of(run) == std::vector<std::string>{"op/: Allocations per bar (Medium)"});
  const auto& e = std::get<report::AllocationEvidence>(run.opportunities[0].evidence);
  CHECK(e.case_label == "heavy AAA");
  CHECK(e.allocations == 1250);
  CHECK(e.bars == 1000);
  CHECK(e.per_bar == Approx(1.25));
  CHECK(run.opportunities[0].figure == "1.25 heap allocations per bar in heavy AAA (1250 per repetition over 1000 bars)");

  op.cases[1].figures["allocations"] = figure("count", {5000});
  CHECK(issues_of(analysed({op})) == std::vector<std::string>{"op/: Allocations per bar (High)"});
  op.cases[1].figures["allocations"] = figure("count", {500});  // 0.5 per bar: at the threshold
  CHECK(issues_of(analysed({op})).empty());
}

namespace {

// A scenario sweeping `strategy` over fast {5, 10, 15, 20} × slow {30, 60}, and that sweep's
// operation with 2 ms of backtests (two threads' merged), 1.2 ms of it signals.
std::pair<scenario::Scenario, report::OperationResult> signal_bound_sweep(const StrategyInfo& strategy) {
  scenario::Scenario sc;
  scenario::Operation spec;
  spec.name = "grid";
  scenario::SweepSpec sweep;
  for (double fast : {5, 10, 15, 20})
    for (double slow : {30, 60}) sweep.grid.push_back(Parameters(&strategy, {fast, slow}));
  spec.spec = sweep;
  sc.operations.push_back(spec);
  sc.thresholds.share_medium = 0.99;  // these tests are about the sweep rule alone
  auto op = operation("grid", "sweep");
  op.zones = zone("grid", 1e-3, 0,
                  {zone("backtest", 2e-3, 0.3e-3, {zone("signals", 1.2e-3, 1.2e-3), zone("simulation", 0.5e-3, 0.5e-3)})});
  return {sc, op};
}

}  // namespace

TEST_CASE("a sweep computing signals most of its time over a grid that repeats a parameter's values is named", "[analysis][advice]") {
  // A plugin's strategy: it has no shared form, so each backtest computes its own indicators.
  StrategyInfo sma = strategy_or_throw("sma_cross");
  sma.shared = {};
  sma.source = "plugin.so";
  auto [sc, op] = signal_bound_sweep(sma);
  auto run = analysed({op}, sc);
  CHECK(issues_of(run) == std::vector<std::string>{"grid/signals: Signals recomputed across the sweep (Medium)"});
  const auto& e = std::get<report::RepeatedWorkEvidence>(run.opportunities[0].evidence);
  CHECK(e.signals_share == Approx(0.6));
  CHECK(e.parameter_sets == 8);
  CHECK(e.parameter == "slow_period");  // 2 values, each in 4 sets; fast_period's 4 values each in 2
  CHECK(e.distinct_values == 2);
  CHECK(run.opportunities[0].figure ==
        "60% of the backtests' time computes signals; each of the 2 values of slow_period is computed again for about 4 of "
        "the 8 parameter sets");

  sc.thresholds.sweep_signals_share = 0.65;  // over the share
  CHECK(issues_of(analysed({op}, sc)).empty());
}

TEST_CASE("a built-in strategy's sweep shares its indicators, so nothing is named", "[analysis][advice]") {
  const StrategyInfo& sma = strategy_or_throw("sma_cross");
  REQUIRE(sma.shared.keys != nullptr);
  auto [sc, op] = signal_bound_sweep(sma);
  CHECK(issues_of(analysed({op}, sc)).empty());
}

TEST_CASE("a sweep whose parameter values are all distinct has no repeated work to name", "[analysis][advice]") {
  const StrategyInfo& sma = strategy_or_throw("sma_cross");
  scenario::Scenario sc;
  scenario::Operation spec;
  spec.name = "grid";
  scenario::SweepSpec sweep;
  sweep.grid = {Parameters(&sma, {5, 30}), Parameters(&sma, {10, 60}), Parameters(&sma, {15, 90})};
  spec.spec = sweep;
  sc.operations.push_back(spec);
  sc.thresholds.share_medium = 0.99;
  auto op = operation("grid", "sweep");
  op.zones = zone("grid", 1e-3, 0, {zone("backtest", 1e-3, 0.1e-3, {zone("signals", 0.9e-3, 0.9e-3)})});
  CHECK(issues_of(analysed({op}, sc)).empty());
}
