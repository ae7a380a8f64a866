#pragma once
// Strategy parameters: their declared specs, and resolved values checked against them.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ph {

enum class ParamType { Integer, Real };

struct ParamSpec {
  std::string name;
  ParamType type;
  double default_value;
  double min;  // inclusive
  double max;  // inclusive
  std::string description;
};

struct StrategyInfo;

/// Values for every parameter of one strategy, in the order of its specs.
class Parameters {
 public:
  Parameters() = default;
  Parameters(const StrategyInfo* strategy, std::vector<double> values)
      : strategy_(strategy), values_(std::move(values)) {}

  const StrategyInfo& strategy() const noexcept { return *strategy_; }
  const std::vector<double>& values() const noexcept { return values_; }
  double operator[](std::size_t i) const noexcept { return values_[i]; }
  int integer(std::size_t i) const noexcept { return static_cast<int>(values_[i]); }
  /// Value by name; throws std::out_of_range for a name the strategy lacks.
  double get(std::string_view name) const;

 private:
  const StrategyInfo* strategy_ = nullptr;
  std::vector<double> values_;
};

/// A parameter as a user wrote it: name and text ("10", "0.05").
using ParamAssignment = std::pair<std::string, std::string>;

/// Defaults filled in, each given value parsed and checked against its spec and the
/// strategy's constraints. Throws InputError naming the parameter and what is allowed.
Parameters resolve_parameters(const StrategyInfo& strategy, const std::vector<ParamAssignment>& given);

/// Same, from numbers (a grid point); names must be the strategy's.
Parameters resolve_parameters(const StrategyInfo& strategy, const std::vector<std::pair<std::string, double>>& given);

/// "fast_period=10, slow_period=20": what a user recognises in a message.
std::string describe(const Parameters& p);

}  // namespace ph
