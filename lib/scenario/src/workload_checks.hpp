#pragma once
// Strategy and parameter look-ups that report what is wrong, shared by the
// strategy list of backtests and the grid of sweeps.
#include <optional>
#include <string>

#include "node.hpp"
#include "perfharness/strategies/strategy.hpp"

namespace ph::scenario::detail {

std::vector<std::string> strategy_names();
const StrategyInfo* find_strategy_or_report(const Node& node, const std::string& path, Problems& p);
/// The spec of parameter `name`, or nullptr after reporting it with a "did you mean".
const ParamSpec* param_or_report(const StrategyInfo& s, const std::string& name, SourcePos pos,
                                 const std::string& path, Problems& p);
/// A value checked against its spec (type and limits).
std::optional<double> param_value(const StrategyInfo& s, const ParamSpec& spec, const Node& value,
                                  const std::string& path, Problems& p);
std::string allowed_values(const ParamSpec& spec);

}  // namespace ph::scenario::detail
