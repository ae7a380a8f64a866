#pragma once
// Exit codes, the same for every command (docs/exit-codes.md).
namespace ph::exit_code {
inline constexpr int kOk = 0;           // every budget held
inline constexpr int kBudgetFailed = 1; // a budget failed; the report is still written
inline constexpr int kBadInput = 2;     // bad usage or invalid input
inline constexpr int kRuntime = 3;      // I/O, database or other run-time failure
inline constexpr int kRegression = 4;   // a regression against a baseline, no budget failed
inline constexpr int kInterrupted = 130;// SIGINT; the report so far is marked incomplete
}  // namespace ph::exit_code
