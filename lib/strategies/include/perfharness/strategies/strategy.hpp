#pragma once
// What a strategy is: its name, parameters and a rule turning prices into
// entry/exit signals. The registry holds the built-in ones.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "perfharness/data/series_view.hpp"
#include "perfharness/strategies/parameters.hpp"
#include "perfharness/strategies/workspace.hpp"

namespace ph {

/// One flag per bar: 1 where the signal fires.
struct Signals {
  std::vector<std::uint8_t> entries;
  std::vector<std::uint8_t> exits;
  void resize(Eigen::Index n) {
    entries.resize(static_cast<std::size_t>(n));
    exits.resize(static_cast<std::size_t>(n));
  }
};

struct StrategyInfo {
  std::string name;
  std::string description;
  std::vector<ParamSpec> params;
  /// Cross-parameter rule (e.g. fast < slow); returns an error text, empty when valid.
  std::string (*check)(const Parameters&) = nullptr;
  /// Human-readable form of `check` for `list strategies`.
  std::string constraint;
  void (*generate)(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) = nullptr;

  /// Index of a parameter by name, or -1.
  int param_index(std::string_view name) const noexcept;
};

/// Every built-in strategy, in a stable order.
const std::vector<StrategyInfo>& all_strategies();

/// The strategy named `name`, or nullptr.
const StrategyInfo* find_strategy(std::string_view name) noexcept;

/// The strategy named `name`; throws InputError listing the known names otherwise.
const StrategyInfo& strategy_or_throw(std::string_view name);

}  // namespace ph
