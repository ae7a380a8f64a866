#pragma once
// Signal rules of the built-in strategies (docs/backtest.md states them for users).
#include "perfharness/strategies/strategy.hpp"

namespace ph::strategy_rules {

void sma_cross(const SeriesView&, const Parameters&, Workspace&, Signals&);
void ema_cross(const SeriesView&, const Parameters&, Workspace&, Signals&);
void macd(const SeriesView&, const Parameters&, Workspace&, Signals&);
void rsi(const SeriesView&, const Parameters&, Workspace&, Signals&);
void bollinger(const SeriesView&, const Parameters&, Workspace&, Signals&);
void mean_reversion(const SeriesView&, const Parameters&, Workspace&, Signals&);
void momentum(const SeriesView&, const Parameters&, Workspace&, Signals&);
void breakout(const SeriesView&, const Parameters&, Workspace&, Signals&);
void volume_momentum(const SeriesView&, const Parameters&, Workspace&, Signals&);

/// Each built-in strategy's signals from shared series (shared_rules.cpp), by name.
SharedSignals shared_signals_of(std::string_view strategy) noexcept;

}  // namespace ph::strategy_rules
