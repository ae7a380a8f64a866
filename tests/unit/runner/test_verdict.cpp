// verdict_code(): which exit code a complete run ends with. The most serious wins:
// a failed operation (3) over a failed budget (1) over a regression (4) over ok (0); a budget
// whose figure was unavailable never fails the run (docs/exit-codes.md).
#include <catch2/catch.hpp>

#include <cctype>
#include <cstddef>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "analysis.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "runner_test_util.hpp"

using namespace ph;
using namespace ph::runner::test;

namespace {

enum class BudgetState { None, Passed, Failed, Unavailable };

const char* name_of(BudgetState s) {
  switch (s) {
    case BudgetState::None: return "no budget";
    case BudgetState::Passed: return "passed budget";
    case BudgetState::Failed: return "failed budget";
    case BudgetState::Unavailable: return "unavailable budget";
  }
  return "?";
}

report::RunResult run_with(bool operation_failed, BudgetState state) {
  auto op = operation("op");
  if (operation_failed) op.error = "query failed";
  auto run = run_of({op});
  if (state == BudgetState::Passed) run.budgets.push_back(outcome(true, true));
  if (state == BudgetState::Failed) run.budgets.push_back(outcome(true, false));
  if (state == BudgetState::Unavailable) run.budgets.push_back(outcome(false, false));
  return run;
}

}  // namespace

TEST_CASE("the exit codes are the documented numbers", "[verdict]") {
  CHECK(exit_code::kOk == 0);
  CHECK(exit_code::kBudgetFailed == 1);
  CHECK(exit_code::kBadInput == 2);
  CHECK(exit_code::kRuntime == 3);
  CHECK(exit_code::kRegression == 4);
  CHECK(exit_code::kInterrupted == 130);
}

TEST_CASE("the exit-code table is the one docs/exit-codes.md shows", "[verdict]") {
  std::ifstream in(std::string(PH_SOURCE_DIR) + "/docs/exit-codes.md");
  REQUIRE(in);
  std::set<std::string> doc_rows;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("| ", 0) == 0 && line.size() > 2 && std::isdigit(static_cast<unsigned char>(line[2]))) doc_rows.insert(line);
  std::set<int> codes;
  for (const auto& m : exit_code::kMeanings) {
    INFO("code " << m.code);
    codes.insert(m.code);
    const std::string row = "| " + std::to_string(m.code) + " | " + std::string(m.reason) + " | " + std::string(m.name) + " |";
    CHECK(doc_rows.count(row) == 1);
    CHECK(&exit_code::meaning(m.code) == &m);
    CHECK_THAT(exit_code::help_footer(), Catch::Contains(std::to_string(m.code) + " " + std::string(m.help)));
  }
  CHECK(codes == std::set<int>{exit_code::kOk, exit_code::kBudgetFailed, exit_code::kBadInput, exit_code::kRuntime,
                               exit_code::kRegression, exit_code::kInterrupted});
  CHECK(exit_code::meaning(77).name == "failed");  // an unknown code reads as a runtime failure
}

TEST_CASE("verdict precedence over every combination of failure and budget and regression", "[verdict]") {
  using S = BudgetState;
  struct Row {
    bool operation_failed;
    BudgetState budget;
    bool regression;
    int expected;
  };
  // Worked out by hand from docs/exit-codes.md: 3 over 1 over 4 over 0.
  const Row rows[] = {
      {false, S::None, false, 0},        {false, S::None, true, 4},
      {false, S::Passed, false, 0},      {false, S::Passed, true, 4},
      {false, S::Failed, false, 1},      {false, S::Failed, true, 1},
      {false, S::Unavailable, false, 0}, {false, S::Unavailable, true, 4},
      {true, S::None, false, 3},         {true, S::None, true, 3},
      {true, S::Passed, false, 3},       {true, S::Passed, true, 3},
      {true, S::Failed, false, 3},       {true, S::Failed, true, 3},
      {true, S::Unavailable, false, 3},  {true, S::Unavailable, true, 3},
  };
  for (const Row& row : rows) {
    INFO((row.operation_failed ? "failed operation, " : "operation ok, ")
         << name_of(row.budget) << (row.regression ? ", regression" : ", no regression"));
    CHECK(runner::verdict_code(run_with(row.operation_failed, row.budget), row.regression) == row.expected);
  }
}

TEST_CASE("an unavailable budget never fails the run", "[verdict]") {
  // passed is false (it could not be checked), yet only available budgets can fail.
  auto run = run_of({operation("op")});
  run.budgets = {outcome(false, false), outcome(false, false, ""), outcome(true, true)};
  CHECK(runner::verdict_code(run, false) == 0);
  CHECK(runner::verdict_code(run, true) == 4);
}

TEST_CASE("one failed budget anywhere among others fails the run", "[verdict]") {
  for (std::size_t at = 0; at < 4; ++at) {
    INFO("failed budget at " << at);
    auto run = run_of({operation("a"), operation("b")});
    run.budgets = {outcome(true, true), outcome(false, false), outcome(true, true), outcome(false, false)};
    run.budgets.insert(run.budgets.begin() + static_cast<std::ptrdiff_t>(at), outcome(true, false));
    CHECK(runner::verdict_code(run, false) == 1);
    CHECK(runner::verdict_code(run, true) == 1);
  }
  // A failed run-level budget (no operation) counts the same.
  auto run = run_of({});
  run.budgets = {outcome(true, false, "")};
  CHECK(runner::verdict_code(run, true) == 1);
}

TEST_CASE("a failed operation anywhere in the run gives 3", "[verdict]") {
  for (std::size_t failed = 0; failed < 3; ++failed) {
    INFO("failed operation at " << failed);
    std::vector<report::OperationResult> ops = {operation("a"), operation("b"), operation("c")};
    ops[failed].error = "database is locked";
    auto run = run_of(ops);
    run.budgets = {outcome(true, false, "a")};
    CHECK(runner::verdict_code(run, true) == 3);
    run.budgets.clear();
    CHECK(runner::verdict_code(run, false) == 3);
  }
}

TEST_CASE("a run with no operations and no budgets is ok unless it regressed", "[verdict]") {
  const auto run = run_of({});
  CHECK(runner::verdict_code(run, false) == 0);
  CHECK(runner::verdict_code(run, true) == 4);
}

TEST_CASE("budgets judged by check_budgets lead to the documented verdicts", "[verdict][budgets]") {
  // One case of 0.060 s = 60 ms; the budgets: max_ms 100 (passes), max_ms 50 (fails),
  // cpu_time (never measured: unavailable).
  auto op = operation("bt");
  op.cases.push_back(one_case("only", "time", "s", {0.060}));
  const auto pass = budget("time", "median", "max", "max_ms", 100);
  const auto fail = budget("time", "median", "max", "max_ms", 50);
  const auto unmeasured = budget("cpu_time", "median", "max", "max_ms", 50);

  auto judged = [&](std::vector<scenario::Budget> budgets, const report::OperationResult& o) {
    auto run = run_of({o});
    runner::check_budgets(scenario_with("bt", std::move(budgets)), run);
    return run;
  };
  CHECK(runner::verdict_code(judged({pass}, op), false) == 0);
  CHECK(runner::verdict_code(judged({pass}, op), true) == 4);
  CHECK(runner::verdict_code(judged({pass, fail}, op), false) == 1);
  CHECK(runner::verdict_code(judged({pass, fail}, op), true) == 1);
  const auto unavailable = judged({pass, unmeasured}, op);
  REQUIRE(unavailable.budgets.size() == 2);
  CHECK_FALSE(unavailable.budgets[1].available);
  CHECK_FALSE(unavailable.budgets[1].passed);
  CHECK(runner::verdict_code(unavailable, false) == 0);
  CHECK(runner::verdict_code(unavailable, true) == 4);

  auto failed = op;
  failed.error = "query failed";
  const auto broken = judged({pass, fail}, failed);
  REQUIRE(broken.budgets.size() == 2);
  CHECK_FALSE(broken.budgets[0].available);
  CHECK_FALSE(broken.budgets[1].available);
  CHECK(runner::verdict_code(broken, false) == 3);
  CHECK(runner::verdict_code(broken, true) == 3);
}
