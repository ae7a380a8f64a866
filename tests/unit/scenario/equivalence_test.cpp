// One schema, two syntaxes: the same scenario written in YAML and in JSON resolves
// to the same content.
#include <catch2/catch.hpp>

#include "perfharness/scenario/scenario_json.hpp"
#include "scenario_test_util.hpp"

using namespace ph::scenario;
using namespace ph::scenario::test;

namespace {

const char* kYaml = R"(
name: twins
description: "Every section, written twice"
seed: 1234567890123
data:
  synthetic: {first_date: 2021-01-01, last_date: 2022-12-31, drift: 0.001, volatility: 0.03, start_price: 50, seed: 9}
defaults: {capital: 25000, fees: 0.002, slippage: 0.0005, annualization: 365, warmup: 2, repetitions: 4}
thresholds: {hotspot_top_n: 5, slow_query_ms: 50, full_scan_rows: 10000}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross, {name: rsi, parameters: {period: 10, oversold: 25.5}}]
    symbols: [AAPL, BRK.B]
    ranges: [{label: y1, start: 2021-01-01, end: 2021-12-31}, {start: 2022-01-01, end: 2022-06-30}]
    repetitions: 2
    warmup: 0
    profile: {zones: false, sampling: true}
    budgets:
      - {metric: time, max_ms: 250}
      - {metric: memory_per_1k_bars, statistic: mean, across: mean, max_mb_per_1k_bars: 2.5}
  - name: load
    kind: data_load
    symbols: [AAPL]
    ranges: [{start: 2021-03-01, end: 2021-03-31}]
  - name: grid
    kind: sweep
    strategy: ema_cross
    grid: {fast_period: [3, 6, 30], slow_period: {from: 10, to: 40, step: 10}}
    symbols: [MSFT]
    ranges: [{start: 2022-01-01, end: 2022-12-31}]
  - name: db
    kind: persistence
    source: bt
    saves: 6
    fetches: 3
    bulk_strategy: rsi
    budgets: [{metric: bulk_time, max_s: 0.1}]
budgets:
  - {metric: bottlenecks, max_count: 3}
)";

const char* kJson = R"({
  "name": "twins",
  "description": "Every section, written twice",
  "seed": 1234567890123,
  "data": {"synthetic": {"first_date": "2021-01-01", "last_date": "2022-12-31", "drift": 0.001,
                         "volatility": 0.03, "start_price": 50, "seed": 9}},
  "defaults": {"capital": 25000, "fees": 0.002, "slippage": 0.0005, "annualization": 365, "warmup": 2,
               "repetitions": 4},
  "thresholds": {"hotspot_top_n": 5, "slow_query_ms": 50, "full_scan_rows": 10000},
  "operations": [
    {"name": "bt", "kind": "backtest",
     "strategies": ["sma_cross", {"name": "rsi", "parameters": {"period": 10, "oversold": 25.5}}],
     "symbols": ["AAPL", "BRK.B"],
     "ranges": [{"label": "y1", "start": "2021-01-01", "end": "2021-12-31"},
                {"start": "2022-01-01", "end": "2022-06-30"}],
     "repetitions": 2, "warmup": 0,
     "profile": {"zones": false, "sampling": true},
     "budgets": [{"metric": "time", "max_ms": 250},
                 {"metric": "memory_per_1k_bars", "statistic": "mean", "across": "mean", "max_mb_per_1k_bars": 2.5}]},
    {"name": "load", "kind": "data_load", "symbols": ["AAPL"], "ranges": [{"start": "2021-03-01", "end": "2021-03-31"}]},
    {"name": "grid", "kind": "sweep", "strategy": "ema_cross",
     "grid": {"fast_period": [3, 6, 30], "slow_period": {"from": 10, "to": 40, "step": 10}},
     "symbols": ["MSFT"], "ranges": [{"start": "2022-01-01", "end": "2022-12-31"}]},
    {"name": "db", "kind": "persistence", "source": "bt", "saves": 6, "fetches": 3, "bulk_strategy": "rsi",
     "budgets": [{"metric": "bulk_time", "max_s": 0.1}]}
  ],
  "budgets": [{"metric": "bottlenecks", "max_count": 3}]
})";

nlohmann::json content(const Scenario& s) {
  nlohmann::json j = to_json(s);
  j.erase("path");    // the two files differ in name and bytes
  j.erase("sha256");
  return j;
}

}  // namespace

TEST_CASE("the same scenario in YAML and JSON resolves to equal content", "[scenario][syntax]") {
  const auto y = load_text(kYaml, ".yaml");
  const auto j = load_text(kJson, ".json");
  INFO(all_problems(y) + all_problems(j));
  REQUIRE(y.scenario);
  REQUIRE(j.scenario);
  CHECK(content(*y.scenario).dump(2) == content(*j.scenario).dump(2));

  // And the content is what was written, not two equal sets of defaults.
  const Scenario& s = *y.scenario;
  CHECK(s.seed == 1234567890123ull);
  CHECK(s.data.synthetic.seed == 9);
  CHECK(s.data.synthetic.start_price == 50);
  CHECK(s.defaults.backtest.portfolio.capital == 25000);
  CHECK(s.defaults.backtest.annualization == 365);
  CHECK(s.thresholds.hotspot_top_n == 5);
  CHECK(s.thresholds.memory_high_mb == Thresholds{}.memory_high_mb);
  REQUIRE(s.operations.size() == 4);
  CHECK(backtest_spec(s.operations[0]).strategies[1].get("oversold") == 25.5);
  CHECK(s.operations[0].axes()->ranges[1].label == "2022-01-01..2022-06-30");
  CHECK((!s.operations[0].profile.zones && s.operations[0].profile.memory && s.operations[0].profile.sampling));
  CHECK(s.operations[0].repetitions == 2);
  CHECK(s.operations[1].repetitions == std::nullopt);
  CHECK(sweep_spec(s.operations[2]).grid.size() == 9);  // 3 x 4 minus fast 30 with slow 10, 20 and 30
  CHECK(sweep_spec(s.operations[2]).grid_skipped == 3);
  const PersistenceSpec& saved = persistence_spec(s.operations[3]);
  CHECK((saved.saves == 6 && saved.fetches == 3 && saved.bulk_strategy == "rsi"));
  CHECK(s.operations[3].budgets.at(0).unit == ph::figures::LimitUnit::s);
  // The persistence source is resolved once, to the backtest operation it names.
  REQUIRE(saved.source_index);
  CHECK(s.operations[saved.source_index.value()].name == saved.source);
  CHECK(s.operations[saved.source_index.value()].kind() == OperationKind::Backtest);
}

TEST_CASE("YAML and JSON report the same problems at the same paths", "[scenario][syntax]") {
  const auto y = load_text("name: x\ndefaults: {repetitions: 0, feez: 1}\noperations: []\n", ".yaml");
  const auto j = load_text(R"({"name": "x", "defaults": {"repetitions": 0, "feez": 1}, "operations": []})", ".json");
  REQUIRE(y.problems.size() == 3);
  REQUIRE(j.problems.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(y.problems[i].path == j.problems[i].path);
    CHECK(y.problems[i].message == j.problems[i].message);
  }
}
