#pragma once
// A plugin's strategy as a StrategyInfo: the declaration checked, and calls passed through.
#include <string>

#include "perfharness/plugin.hpp"
#include "perfharness/strategies/strategy.hpp"

namespace ph::plugins::detail {

/// The StrategyInfo of `declared`, whose check and generate call the plugin's. Throws
/// InputError (without the file's name; the caller adds it) for a declaration perfharness
/// cannot use: a bad name, a parameter with a default outside its range, defaults the
/// plugin's own check rejects, no generate function.
StrategyInfo strategy_of(const ph_plugin_strategy& declared, const std::string& source);

/// The host table handed to every plugin's entry point.
const ph_plugin_host& host_table() noexcept;

}  // namespace ph::plugins::detail
