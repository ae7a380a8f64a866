#pragma once
#include <vector>

#include "executor.hpp"

namespace ph::runner {

struct BacktestCase {
  const Parameters* params;
  std::string symbol;
  const scenario::DateRange* range;
};

/// Strategies × symbols × ranges, in that nesting order.
std::vector<BacktestCase> expand_backtest_cases(const scenario::BacktestSpec& spec);
/// "sma_cross AAA 2022"; with_parameters: "sma_cross(fast_period=5, slow_period=20) AAA 2022".
std::string case_label(const BacktestCase& c, bool with_parameters = false);

class BacktestExecutor : public OperationExecutor {
 public:
  BacktestExecutor(const scenario::Operation& op, const scenario::BacktestSpec& spec) : OperationExecutor(op), spec_(spec) {}
  void prepare(RunContext& ctx) override;
  void run_once(RunContext& ctx, bool measured) override;
  /// Results of the latest repetition, in case order (what a persistence operation saves; under
  /// --shard a persistence operation runs in the shard that runs all of its source's cases).
  const std::vector<BacktestResult>& latest_results() const noexcept { return results_; }

 private:
  const scenario::BacktestSpec& spec_;
  std::vector<BacktestCase> cases_;
  std::vector<BacktestResult> results_;
};

}  // namespace ph::runner
