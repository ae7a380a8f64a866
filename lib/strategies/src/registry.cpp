#include <string>

#include "perfharness/common/did_you_mean.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/strategies/strategy.hpp"
#include "rules.hpp"

namespace ph {

int StrategyInfo::param_index(std::string_view n) const noexcept {
  for (std::size_t i = 0; i < params.size(); ++i)
    if (params[i].name == n) return static_cast<int>(i);
  return -1;
}

namespace {

constexpr double kMaxPeriod = 100000;
ParamSpec period(std::string name, double def, double min, std::string what) {
  return {std::move(name), ParamType::Integer, def, min, kMaxPeriod, std::move(what)};
}
ParamSpec real(std::string name, double def, double min, double max, std::string what) {
  return {std::move(name), ParamType::Real, def, min, max, std::move(what)};
}

std::string fast_below_slow(const Parameters& p) {
  if (p[0] < p[1]) return {};
  return "fast_period (" + std::to_string(p.integer(0)) + ") must be less than slow_period (" +
         std::to_string(p.integer(1)) + ")";
}

std::string oversold_below_overbought(const Parameters& p) {
  if (p[1] < p[2]) return {};
  return "oversold must be less than overbought";
}

std::deque<StrategyInfo> build() {
  std::deque<StrategyInfo> v;
  v.push_back({"sma_cross", "Long when the fast SMA crosses above the slow SMA; flat when it crosses below.",
               {period("fast_period", 10, 1, "fast SMA window (bars)"), period("slow_period", 20, 2, "slow SMA window (bars)")},
               fast_below_slow, "fast_period < slow_period", strategy_rules::sma_cross, {}, nullptr,
               strategy_rules::shared_signals_of("sma_cross")});
  v.push_back({"ema_cross", "Long when the fast EMA crosses above the slow EMA; flat when it crosses below.",
               {period("fast_period", 12, 1, "fast EMA window (bars)"), period("slow_period", 26, 2, "slow EMA window (bars)")},
               fast_below_slow, "fast_period < slow_period", strategy_rules::ema_cross, {}, nullptr,
               strategy_rules::shared_signals_of("ema_cross")});
  v.push_back({"rsi", "Long when RSI falls below oversold; flat when it rises above overbought.",
               {period("period", 14, 2, "RSI window (bars)"), real("oversold", 30, 0, 100, "entry level"),
                real("overbought", 70, 0, 100, "exit level")},
               oversold_below_overbought, "oversold < overbought", strategy_rules::rsi, {}, nullptr,
               strategy_rules::shared_signals_of("rsi")});
  v.push_back({"macd", "Long when MACD crosses above its signal line; flat when it crosses below.",
               {period("fast_period", 12, 2, "fast EMA window (bars)"), period("slow_period", 26, 2, "slow EMA window (bars)"),
                period("signal_period", 9, 1, "signal EMA window (bars)")},
               fast_below_slow, "fast_period < slow_period", strategy_rules::macd, {}, nullptr,
               strategy_rules::shared_signals_of("macd")});
  v.push_back({"bollinger", "Long when the close falls to the lower band; flat when it reaches the upper band.",
               {period("period", 20, 2, "band window (bars)"), real("std_dev", 2.0, 0, 100, "band width in standard deviations")},
               nullptr, "", strategy_rules::bollinger, {}, nullptr,
               strategy_rules::shared_signals_of("bollinger")});
  v.push_back({"momentum", "Long when the lookback return exceeds threshold; flat when it falls below -threshold.",
               {period("lookback", 20, 1, "return window (bars)"), real("threshold", 0.05, 0, 1e6, "return threshold (fraction)")},
               nullptr, "", strategy_rules::momentum, {}, nullptr,
               strategy_rules::shared_signals_of("momentum")});
  v.push_back({"mean_reversion", "Long when the close is entry_threshold below its SMA; flat when exit_threshold above it.",
               {period("ma_period", 20, 1, "SMA window (bars)"), real("entry_threshold", 0.02, 0, 1e6, "distance below the SMA (fraction)"),
                real("exit_threshold", 0.01, 0, 1e6, "distance above the SMA (fraction)")},
               nullptr, "", strategy_rules::mean_reversion, {}, nullptr,
               strategy_rules::shared_signals_of("mean_reversion")});
  v.push_back({"breakout", "Long when the close exceeds the highest of the previous lookback closes; flat below the lowest of the previous exit_lookback.",
               {period("lookback", 20, 1, "entry channel (bars)"), period("exit_lookback", 10, 1, "exit channel (bars)")},
               nullptr, "", strategy_rules::breakout, {}, nullptr,
               strategy_rules::shared_signals_of("breakout")});
  v.push_back({"volume_momentum", "Long on a momentum move confirmed by volume; flat when momentum reverses or volume dries up.",
               {period("momentum_period", 20, 1, "return window (bars)"), period("volume_period", 20, 1, "volume SMA window (bars)"),
                real("momentum_threshold", 0.05, 0, 1e6, "return threshold (fraction)"),
                real("volume_multiplier", 1.5, 0, 1e6, "volume over its SMA needed to enter")},
               nullptr, "", strategy_rules::volume_momentum, {}, nullptr,
               strategy_rules::shared_signals_of("volume_momentum")});
  return v;
}

std::deque<StrategyInfo>& registry() {
  static std::deque<StrategyInfo> strategies = build();
  return strategies;
}

}  // namespace

const std::deque<StrategyInfo>& all_strategies() { return registry(); }

const StrategyInfo& add_strategy(StrategyInfo strategy) {
  if (const StrategyInfo* known = find_strategy(strategy.name))
    throw InputError("strategy '" + strategy.name + "' is defined twice: by " +
                     (known->built_in() ? std::string("perfharness (built in)") : known->source) + " and by " +
                     (strategy.built_in() ? std::string("perfharness (built in)") : strategy.source) +
                     "; rename one of them");
  registry().push_back(std::move(strategy));
  return registry().back();
}

const StrategyInfo* find_strategy(std::string_view name) noexcept {
  for (const auto& s : all_strategies())
    if (s.name == name) return &s;
  return nullptr;
}

const StrategyInfo& strategy_or_throw(std::string_view name) {
  if (const auto* s = find_strategy(name)) return *s;
  std::string names;
  std::vector<std::string> known;
  for (const auto& s : all_strategies()) {
    names += (names.empty() ? "" : ", ") + s.name;
    known.push_back(s.name);
  }
  throw InputError("unknown strategy '" + std::string(name) + "'" + did_you_mean(name, known) + "; known strategies: " + names +
                   " (a plugin's strategies need --plugin FILE)");
}

}  // namespace ph
