// The example plugin (examples/plugins/channel_breakouts.cpp): loaded, its strategies declared as
// written, their signals against hand-worked bars, and their backtests through the same engine as
// a built-in strategy's.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "perfharness/backtest/backtest.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/data/synthetic.hpp"
#include "perfharness/hooks/zone.hpp"
#include "perfharness/plugins/plugin_loader.hpp"

using namespace ph;

namespace {

const StrategyInfo& loaded(const std::string& name) {
  plugins::load_plugin(PH_EXAMPLE_PLUGIN);
  return strategy_or_throw(name);
}

OhlcvSeries bars(const std::vector<double>& high, const std::vector<double>& low, const std::vector<double>& close) {
  OhlcvSeries s;
  s.symbol = "HAND";
  s.resize(static_cast<Eigen::Index>(close.size()));
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    s.dates[k] = static_cast<Date>(19723 + i);
    s.open[i] = s.close[i] = s.adj_close[i] = close[k];
    s.high[i] = high[k];
    s.low[i] = low[k];
    s.volume[i] = 1000;
  }
  return s;
}

std::vector<int> where(const std::vector<std::uint8_t>& flags) {
  std::vector<int> at;
  for (std::size_t i = 0; i < flags.size(); ++i)
    if (flags[i]) at.push_back(static_cast<int>(i));
  return at;
}

Signals signals_of(const OhlcvSeries& s, const std::string& strategy, const std::vector<ParamAssignment>& params) {
  const Parameters p = resolve_parameters(loaded(strategy), params);
  Workspace ws;
  Signals out;
  p.strategy().generate(view_of(s), p, ws, out);
  return out;
}

struct ZoneNames : hooks::ZoneObserver {
  std::vector<std::string> entered;
  int open = 0;
  void enter(const char* name) noexcept override {
    entered.emplace_back(name);
    ++open;
  }
  void leave(const char*) noexcept override { --open; }
};

}  // namespace

TEST_CASE("the example plugin adds its two strategies with the parameters it declares", "[plugins]") {
  const plugins::LoadedPlugin& plugin = plugins::load_plugin(PH_EXAMPLE_PLUGIN);
  CHECK(plugin.strategies == std::vector<std::string>{"donchian_breakout", "keltner_breakout"});
  const StrategyInfo& donchian = loaded("donchian_breakout");
  CHECK_FALSE(donchian.built_in());
  CHECK(donchian.source == plugin.file.string());
  REQUIRE(donchian.params.size() == 2);
  CHECK(donchian.params[0].name == "entry_period");
  CHECK(donchian.params[0].type == ParamType::Integer);
  CHECK(donchian.params[0].default_value == 20);
  CHECK(donchian.constraint == "exit_period <= entry_period");
  const StrategyInfo& keltner = loaded("keltner_breakout");
  REQUIRE(keltner.params.size() == 3);
  CHECK(keltner.params[2].type == ParamType::Real);
  CHECK(keltner.params[2].min == 0.1);
  CHECK(strategy_or_throw("sma_cross").built_in());
}

TEST_CASE("loading the same plugin twice adds its strategies once", "[plugins]") {
  const plugins::LoadedPlugin& first = plugins::load_plugin(PH_EXAMPLE_PLUGIN);
  const std::size_t known = all_strategies().size();
  const std::filesystem::path file(PH_EXAMPLE_PLUGIN);
  const plugins::LoadedPlugin& again = plugins::load_plugin(file.parent_path() / "." / file.filename());
  CHECK(&first == &again);
  CHECK(all_strategies().size() == known);
}

TEST_CASE("a plugin's parameters are checked against its ranges and its own rule", "[plugins]") {
  const StrategyInfo& donchian = loaded("donchian_breakout");
  CHECK_THROWS_WITH(resolve_parameters(donchian, std::vector<ParamAssignment>{{"entry_period", "0"}}),
                    Catch::Contains("'entry_period' is 0 but must be an integer from 1 to 100000"));
  CHECK_THROWS_WITH(resolve_parameters(donchian, std::vector<ParamAssignment>{{"entry_period", "5"}, {"exit_period", "8"}}),
                    Catch::Contains("exit_period (8) must not exceed entry_period (5)"));
  CHECK_NOTHROW(resolve_parameters(donchian, std::vector<ParamAssignment>{{"entry_period", "5"}, {"exit_period", "5"}}));
}

TEST_CASE("donchian_breakout's signals on hand-worked bars", "[plugins]") {
  // entry_period 3, exit_period 2. Entry at i: close[i] > max(high[i-3..i-1]); exit: close[i] < min(low[i-2..i-1]).
  //   i=3: 12.5 > max(10, 11, 12) = 12       entry
  //   i=5: 9.5 < min(low 11, 10) = 10         exit
  //   i=6: 14 > max(high 13, 12, 11) = 13     entry
  //   i=7: 8.5 < min(low 9, 9) = 9            exit
  const OhlcvSeries s = bars({10, 11, 12, 13, 12, 11, 15, 14}, {8, 9, 10, 11, 10, 9, 9, 8}, {9, 10, 11, 12.5, 11, 9.5, 14, 8.5});
  const Signals out = signals_of(s, "donchian_breakout", {{"entry_period", "3"}, {"exit_period", "2"}});
  CHECK(where(out.entries) == std::vector<int>{3, 6});
  CHECK(where(out.exits) == std::vector<int>{5, 7});
}

TEST_CASE("keltner_breakout's signals on hand-worked bars", "[plugins]") {
  // ema_period 2 (alpha 2/3), atr_period 2, multiplier 0.5.
  //   EMA: 10.5 at i=1 (mean of 10, 11), then 12.1667, 12.0556, 11.0185, 13.0062, 10.6687
  //   true range from i=1: 1, 2, 1.5, 2, 3.5, 5; ATR: 1.5 at i=2 (mean of 1, 2), then 1.5, 1.75, 2.625, 3.8125
  //   i=2: 13 > 12.1667 + 0.75 = 12.9167          entry
  //   i=5: 14 > 13.0062 + 1.3125 = 14.3187? no
  //   i=3, 4, 6: close below the EMA (12 < 12.0556, 10.5 < 11.0185, 9.5 < 10.6687)   exit
  const OhlcvSeries s = bars({10, 11, 13, 12.5, 12, 14, 11}, {9, 10, 12.5, 11.5, 10, 13, 9}, {10, 11, 13, 12, 10.5, 14, 9.5});
  const Signals out = signals_of(s, "keltner_breakout", {{"ema_period", "2"}, {"atr_period", "2"}, {"multiplier", "0.5"}});
  CHECK(where(out.entries) == std::vector<int>{2});
  CHECK(where(out.exits) == std::vector<int>{3, 4, 6});
}

TEST_CASE("a plugin strategy's backtest goes through the built-in engine: donchian on flat bars equals breakout", "[plugins]") {
  // With high = low = close, a Donchian channel of the previous N highs and M lows is the built-in
  // breakout's channel of the previous N and M closes: the same signals, so the same trades and metrics.
  SyntheticSpec spec;
  const OhlcvSeries synthetic = generate_synthetic("FLAT", spec);
  OhlcvSeries flat = synthetic;
  flat.high = flat.close;
  flat.low = flat.close;
  BacktestWorkspace ws;
  const BacktestResult plugin =
      run_backtest(flat, resolve_parameters(loaded("donchian_breakout"), std::vector<ParamAssignment>{{"entry_period", "20"}, {"exit_period", "10"}}),
                   flat.dates.front(), flat.dates.back(), BacktestConfig{}, ws);
  const BacktestResult built_in =
      run_backtest(flat, resolve_parameters(strategy_or_throw("breakout"), std::vector<ParamAssignment>{{"lookback", "20"}, {"exit_lookback", "10"}}),
                   flat.dates.front(), flat.dates.back(), BacktestConfig{}, ws);
  REQUIRE(built_in.trades.size() > 5);
  CHECK(plugin.trades == built_in.trades);
  CHECK(plugin.metrics.total_return == built_in.metrics.total_return);
  CHECK(plugin.strategy == "donchian_breakout");
}

TEST_CASE("zones inside a plugin reach the zone observer of the thread that runs it", "[plugins]") {
  const OhlcvSeries s = bars({10, 11, 12, 13}, {8, 9, 10, 11}, {9, 10, 11, 12.5});
  ZoneNames zones;
  hooks::ZoneObserver* previous = hooks::set_zone_observer(&zones);
  (void)signals_of(s, "keltner_breakout", {});
  hooks::set_zone_observer(previous);
  // Inside the signals zone that every strategy's rule runs in.
  CHECK(zones.entered == std::vector<std::string>{"signals", "keltner.ema", "keltner.atr", "keltner.signals"});
  CHECK(zones.open == 0);
}
