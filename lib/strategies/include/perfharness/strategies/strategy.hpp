#pragma once
// What a strategy is: its name, parameters and a rule turning prices into
// entry/exit signals. The registry holds the built-in ones and those plugins added.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "perfharness/data/series_view.hpp"
#include "perfharness/strategies/parameters.hpp"
#include "perfharness/strategies/shared_series.hpp"
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
  /// Where it comes from: empty for a built-in strategy, else the plugin file that defines it.
  std::string source;
  /// The plugin's own description of the strategy, for `check` and `generate` (through
  /// Parameters::strategy()); nullptr for a built-in one.
  const void* context = nullptr;
  /// The same signals from series a sweep computes once for its whole grid (empty for a plugin's).
  SharedSignals shared;

  bool built_in() const noexcept { return source.empty(); }

  /// Index of a parameter by name, or -1.
  int param_index(std::string_view name) const noexcept;
};

/// Every strategy: the built-in ones in a stable order, then those added, in the order added.
/// A deque, so that a StrategyInfo never moves once known.
const std::deque<StrategyInfo>& all_strategies();

/// Adds a strategy (a plugin's); throws InputError when its name is taken. Not thread-safe:
/// strategies are added while a run starts, before any is used on another thread.
const StrategyInfo& add_strategy(StrategyInfo strategy);

/// The strategy named `name`, or nullptr.
const StrategyInfo* find_strategy(std::string_view name) noexcept;

/// The strategy named `name`; throws InputError listing the known names otherwise.
const StrategyInfo& strategy_or_throw(std::string_view name);

}  // namespace ph
