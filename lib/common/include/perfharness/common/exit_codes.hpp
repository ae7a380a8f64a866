#pragma once
// Exit codes, the same for every command (docs/exit-codes.md). The table below is the one place
// their names and meanings are written: help footers, the report's verdict and the database's
// run verdict all read it.
#include <array>
#include <initializer_list>
#include <string>
#include <string_view>

namespace ph::exit_code {
inline constexpr int kOk = 0;           // every budget held
inline constexpr int kBudgetFailed = 1; // a budget failed; the report is still written
inline constexpr int kBadInput = 2;     // bad usage or invalid input
inline constexpr int kRuntime = 3;      // I/O, database or other run-time failure
inline constexpr int kRegression = 4;   // a regression against a baseline, no budget failed
inline constexpr int kInterrupted = 130;// SIGINT; the report so far is marked incomplete

struct Meaning {
  int code;
  std::string_view name;    // the run's verdict in --db ("budget_failed")
  std::string_view reason;  // the report's verdict.reason ("a budget failed")
  std::string_view help;    // what --help says
};

inline constexpr std::array<Meaning, 6> kMeanings = {{
    {kOk, "passed", "every budget held", "every budget held"},
    {kBudgetFailed, "budget_failed", "a budget failed", "a budget failed (the report is still written)"},
    {kBadInput, "bad_input", "invalid input", "bad usage or invalid input"},
    {kRuntime, "failed", "runtime failure", "runtime failure (I/O, database)"},
    {kRegression, "regressed", "regression against the baseline", "regression against --baseline (no budget failed)"},
    {kInterrupted, "interrupted", "interrupted", "interrupted (SIGINT)"},
}};

/// The table entry of `code`; codes outside it read as a runtime failure.
constexpr const Meaning& meaning(int code) {
  for (const auto& m : kMeanings)
    if (m.code == code) return m;
  return kMeanings[3];
}

/// "2 bad usage or invalid input, 3 runtime failure (I/O, database)": the codes' help texts.
inline std::string describe(std::initializer_list<int> codes) {
  std::string out;
  for (const int code : codes) out += (out.empty() ? "" : ", ") + std::to_string(code) + " " + std::string(meaning(code).help);
  return out;
}

/// "Exit codes: 0 every budget held, 1 a budget failed (...), ..." for help footers.
inline std::string help_footer() {
  return "Exit codes: " + describe({kOk, kBudgetFailed, kBadInput, kRuntime, kRegression, kInterrupted}) + ".";
}

}  // namespace ph::exit_code
