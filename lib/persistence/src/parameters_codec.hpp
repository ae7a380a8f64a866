#pragma once
// Strategy parameters as the JSON object stored in backtest_results.parameters.
#include <functional>
#include <string>
#include <string_view>

#include "perfharness/strategies/parameters.hpp"

namespace ph::persistence {

/// {"fast_period":10,"slow_period":20}: integers as integers, reals with round-trip precision.
/// `p` holds one value per parameter of `strategy` (validate_for_storage checked it).
std::string encode_parameters(const StrategyInfo& strategy, const Parameters& p);

/// The parameters of strategy `strategy` from `json`. Throws RuntimeFailure naming `where()`
/// when the strategy is unknown to this build or a parameter is missing or not a number.
/// `where` is called only then: a bulk query decodes thousands of rows and fails on none.
Parameters decode_parameters(std::string_view strategy, std::string_view json,
                             const std::function<std::string()>& where);

}  // namespace ph::persistence
