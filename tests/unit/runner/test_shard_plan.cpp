// The shard plan (shard_plan.hpp) and --shard: every piece of work runs in exactly one shard,
// the shards' estimated costs are balanced up to one indivisible piece, operations that must go
// whole do, and the shard is read from each scheduler's variables.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>

#include "perfharness/common/errors.hpp"
#include "perfharness/runner/shard.hpp"
#include "shard_plan.hpp"

using namespace ph;
using namespace ph::runner;

namespace {

OperationWork cases_of(std::vector<std::uint64_t> bars, std::size_t grid = 0) {
  OperationWork w;
  w.case_bars = std::move(bars);
  w.grid_size = grid;
  return w;
}

// How many times each (operation, case, parameter set) runs over all shards.
std::map<std::tuple<std::size_t, std::size_t, std::size_t>, int> coverage(const std::vector<OperationWork>& ops, int count) {
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, int> runs;
  for (int s = 1; s <= count; ++s) {
    const ShardWork work = shard_work(ops, s, count);
    REQUIRE(work.size() == ops.size());
    for (std::size_t op = 0; op < ops.size(); ++op)
      for (const CaseShare& share : work[op]) {
        if (ops[op].grid_size == 0) {
          CHECK(share.count == 0);
          ++runs[{op, share.case_index, 0}];
        } else {
          CHECK(share.count > 0);
          for (std::size_t j = share.first; j < share.first + share.count; ++j) ++runs[{op, share.case_index, j}];
        }
      }
  }
  return runs;
}

std::size_t pieces(const std::vector<OperationWork>& ops) {
  std::size_t n = 0;
  for (const auto& op : ops) n += op.case_bars.size() * std::max<std::size_t>(1, op.grid_size);
  return n;
}

EnvironmentReader env_of(std::map<std::string, std::string> vars) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    const auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

TEST_CASE("every case and parameter set runs in exactly one shard, whatever the count", "[shard]") {
  std::mt19937 random(7);
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<OperationWork> ops;
    const int n_ops = 1 + static_cast<int>(random() % 4);
    for (int o = 0; o < n_ops; ++o) {
      std::vector<std::uint64_t> bars(1 + random() % 5);
      for (auto& b : bars) b = 1 + random() % 3000;
      ops.push_back(cases_of(bars, random() % 2 ? 1 + random() % 200 : 0));
    }
    const int count = 1 + static_cast<int>(random() % 9);
    INFO("trial " << trial << ", " << count << " shards");
    const auto runs = coverage(ops, count);
    CHECK(runs.size() == pieces(ops));
    CHECK(std::all_of(runs.begin(), runs.end(), [](const auto& r) { return r.second == 1; }));
  }
}

TEST_CASE("one shard runs everything, each sweep case whole", "[shard]") {
  const std::vector<OperationWork> ops = {cases_of({500, 700}), cases_of({250}, 40)};
  const ShardWork work = shard_work(ops, 1, 1);
  CHECK(work[0].size() == 2);
  REQUIRE(work[1].size() == 1);
  CHECK(work[1][0].first == 0);
  CHECK(work[1][0].count == 40);
}

TEST_CASE("a skewed sweep is cut between parameter sets into shares equal up to one set", "[shard]") {
  // One long symbol and three short ones: by count, one shard would get most of the work.
  const std::vector<OperationWork> ops = {cases_of({20000, 1500, 1200, 900}, 400)};
  for (const int count : {2, 3, 4, 7}) {
    const auto costs = shard_costs(ops, count);
    const auto [lo, hi] = std::minmax_element(costs.begin(), costs.end());
    INFO(count << " shards");
    CHECK(*hi - *lo <= 20000);  // at most one parameter set of the longest case apart
    // Each shard gets each case as one contiguous slice.
    for (int s = 1; s <= count; ++s) {
      std::map<std::size_t, int> slices;
      const ShardWork work = shard_work(ops, s, count);
      for (const auto& share : work[0]) ++slices[share.case_index];
      for (const auto& [c, n] : slices) CHECK(n == 1);
    }
  }
}

TEST_CASE("backtest cases are balanced by bars, not by count, and never cut", "[shard]") {
  std::vector<std::uint64_t> bars(40, 100);
  bars[3] = 2000;  // one case as heavy as twenty others
  const std::vector<OperationWork> ops = {cases_of(bars)};
  const auto costs = shard_costs(ops, 3);
  const auto [lo, hi] = std::minmax_element(costs.begin(), costs.end());
  CHECK(*hi - *lo <= 2000);
  std::size_t total_cases = 0;
  for (int s = 1; s <= 3; ++s) total_cases += shard_work(ops, s, 3)[0].size();
  CHECK(total_cases == 40);
}

TEST_CASE("a persistence operation goes whole with its source backtest, a command whole", "[shard]") {
  std::vector<OperationWork> ops = {cases_of({1000, 1000, 1000, 1000}), cases_of({3000}, 10), cases_of({1}), cases_of({0})};
  ops[2].runs_with = 0;  // persistence of operation 0
  ops[3].whole = true;   // a command
  for (const int count : {2, 3, 5}) {
    int with_backtest = 0, with_persistence = 0, with_command = 0;
    for (int s = 1; s <= count; ++s) {
      const ShardWork work = shard_work(ops, s, count);
      if (!work[0].empty()) {
        ++with_backtest;
        CHECK(work[0].size() == 4);
        CHECK(work[2].size() == 1);
      }
      with_persistence += work[2].empty() ? 0 : 1;
      with_command += work[3].empty() ? 0 : 1;
    }
    CHECK(with_backtest == 1);
    CHECK(with_persistence == 1);
    CHECK(with_command == 1);
  }
}

TEST_CASE("the shard option: I/N and its mistakes", "[shard]") {
  const Shard s = resolve_shard("2/4", env_of({}));
  CHECK(s.index == 2);
  CHECK(s.count == 4);
  CHECK(s.source == "--shard");
  for (const char* bad : {"0/4", "5/4", "2/0", "a/b", "4", "2/4/1", "-1/4", ""})
    CHECK_THROWS_AS(resolve_shard(bad, env_of({})), InputError);
  CHECK_THROWS_WITH(resolve_shard("5/4", env_of({})), Catch::Contains("numbered 1 to 4"));
  CHECK_THROWS_WITH(resolve_shard("x", env_of({})), Catch::Contains("give I/N"));
}

TEST_CASE("the shard option auto reads the scheduler's variables and says which", "[shard]") {
  Shard s = resolve_shard("auto", env_of({{"PERFHARNESS_SHARD", "3/8"}, {"CI_NODE_INDEX", "1"}, {"CI_NODE_TOTAL", "2"}}));
  CHECK((s.index == 3 && s.count == 8 && s.source == "PERFHARNESS_SHARD"));
  s = resolve_shard("auto", env_of({{"CI_NODE_INDEX", "2"}, {"CI_NODE_TOTAL", "5"}}));
  CHECK((s.index == 2 && s.count == 5 && s.source == "CI_NODE_INDEX/CI_NODE_TOTAL"));
  // --array=3-9:2 runs tasks 3, 5, 7, 9: task 7 is the third of four.
  s = resolve_shard("auto", env_of({{"SLURM_ARRAY_TASK_ID", "7"}, {"SLURM_ARRAY_TASK_MIN", "3"},
                                    {"SLURM_ARRAY_TASK_STEP", "2"}, {"SLURM_ARRAY_TASK_COUNT", "4"}}));
  CHECK((s.index == 3 && s.count == 4));
  s = resolve_shard("auto/3", env_of({{"JOB_COMPLETION_INDEX", "0"}}));
  CHECK((s.index == 1 && s.count == 3 && s.source == "JOB_COMPLETION_INDEX"));

  CHECK_THROWS_WITH(resolve_shard("auto", env_of({{"JOB_COMPLETION_INDEX", "0"}})), Catch::Contains("auto/N"));
  CHECK_THROWS_WITH(resolve_shard("auto", env_of({})), Catch::Contains("--shard I/N"));
  CHECK_THROWS_WITH(resolve_shard("auto", env_of({{"PERFHARNESS_SHARD", "3"}})), Catch::Contains("PERFHARNESS_SHARD is '3'"));
  CHECK_THROWS_WITH(resolve_shard("auto", env_of({{"CI_NODE_INDEX", "2"}})), Catch::Contains("CI_NODE_TOTAL is unset"));
  CHECK_THROWS_WITH(resolve_shard("auto/3", env_of({{"JOB_COMPLETION_INDEX", "3"}})), Catch::Contains("out of range"));
}
