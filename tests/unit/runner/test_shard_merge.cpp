// Shards' results joined into the whole run's (shard_merge.hpp): cases back in scenario order,
// a sweep case's slices end to end with the unsharded best sets and digest, figures by their
// catalogue rule, profiles summed; reports of different plans refused naming the file.
#include <catch2/catch.hpp>

#include "perfharness/common/errors.hpp"
#include "perfharness/strategies/strategy.hpp"
#include "shard_merge.hpp"

using namespace ph;
using namespace ph::runner;

namespace {

// Sharpe ratio of parameter set i of a ten-set grid: ties across slices, so the rank by place
// in the grid decides among them.
constexpr double kSharpe[] = {0.5, 1.0, 0.2, 1.0, 0.9, 0.1, 1.0, 0.3, 0.9, 0.0};

Parameters set_of(std::size_t i) { return Parameters(find_strategy("sma_cross"), {static_cast<double>(5 + i), 50}); }

Metrics metrics_of(std::size_t i) {
  Metrics m;
  m.sharpe_ratio = kSharpe[i];
  m.total_return = 0.01 * static_cast<double>(i);
  m.total_trades = static_cast<int>(i);
  return m;
}

report::Figure figure(std::vector<double> samples) { return report::Figure{"s", std::move(samples), false, {}}; }

// Sets [first, first + count) of the grid, with `best` (grid indices) as the sweep ranks them.
report::CaseResult slice(std::size_t first, std::size_t count, std::vector<std::size_t> best, std::vector<double> time,
                         std::vector<double> peak) {
  report::CaseResult c;
  c.label = "sma_cross grid AAPL 2023";
  c.workload = report::SweepWorkload{"sma_cross", 10, 0, "AAPL", "2023", 250};
  c.bars = 250;
  c.shard_share = report::ShardShare{0, first, count};
  report::SweepOutcome out;
  out.parameter_names = {"fast_period", "slow_period"};
  for (std::size_t i = first; i < first + count; ++i) {
    const Parameters set = set_of(i);
    out.parameter_values.insert(out.parameter_values.end(), set.values().begin(), set.values().end());
    out.metrics.push_back(metrics_of(i));
    c.parameter_set_seconds.push_back(0.001 * static_cast<double>(i));
  }
  for (const std::size_t i : best) out.best_by_sharpe.emplace_back(set_of(i), metrics_of(i));
  c.results_digest = report::results_digest(out.metrics);
  c.results = std::move(out);
  c.figures.emplace("time", figure(time));
  c.figures.emplace("cpu_time", figure({2, 2}));
  c.figures.emplace("cpu_ratio", figure({9, 9}));
  c.figures.emplace("time_per_backtest", figure({9, 9}));
  c.figures.emplace("peak_memory", figure(std::move(peak)));
  return c;
}

ShardReport shard_with(int index, std::vector<report::CaseResult> cases) {
  ShardReport r;
  r.file = "s" + std::to_string(index) + ".json";
  r.run.shard = report::ShardInfo{index, 3, "--shard"};
  report::OperationResult op;
  op.name = "grid";
  op.kind = OperationKind::Sweep;
  op.repetitions = 2;
  op.cases = std::move(cases);
  r.run.operations.push_back(std::move(op));
  return r;
}

std::vector<ShardReport> three_slices() {
  return {shard_with(1, {slice(0, 3, {1, 0, 2}, {1, 2}, {1, 5})}), shard_with(2, {slice(3, 4, {3, 6, 4, 5}, {3, 4}, {2, 2})}),
          shard_with(3, {slice(7, 3, {8, 7, 9}, {5, 6}, {3, 1})})};
}

const report::SweepOutcome& grid_of(const report::CaseResult& c) { return std::get<report::SweepOutcome>(c.results); }

}  // namespace

TEST_CASE("a sweep case cut in slices joins to the whole grid's best sets and digest", "[merge]") {
  const report::RunResult run = merge_shard_results(three_slices());
  REQUIRE(run.operations.size() == 1);
  REQUIRE(run.operations[0].cases.size() == 1);
  const report::CaseResult& c = run.operations[0].cases[0];
  CHECK_FALSE(c.shard_share);
  std::vector<Metrics> whole;
  for (std::size_t i = 0; i < 10; ++i) whole.push_back(metrics_of(i));
  CHECK(c.results_digest == report::results_digest(whole));
  const auto& grid = grid_of(c);
  CHECK(grid.metrics.size() == 10);
  CHECK(grid.parameter_values.size() == 20);
  CHECK(c.parameter_set_seconds.size() == 10);
  CHECK(c.parameter_set_seconds[9] == Approx(0.009));
  // Sharpe 1.0 three times (sets 1, 3, 6, by place in the grid), then 0.9 (sets 4, 8).
  std::vector<double> best_fast;
  for (const auto& [parameters, metrics] : grid.best_by_sharpe) best_fast.push_back(parameters[0]);
  CHECK(best_fast == std::vector<double>{6, 8, 11, 9, 13});
}

TEST_CASE("a sliced case's figures join by their catalogue rule repetition by repetition", "[merge]") {
  const report::RunResult run = merge_shard_results(three_slices());
  const report::Figures& f = run.operations[0].cases[0].figures;
  CHECK(f.at("time").samples == std::vector<double>{9, 12});        // sum
  CHECK(f.at("peak_memory").samples == std::vector<double>{3, 5});  // largest
  CHECK(f.at("cpu_time").samples == std::vector<double>{6, 6});
  REQUIRE(f.at("cpu_ratio").samples.size() == 2);  // recomputed: cpu_time / time
  CHECK(f.at("cpu_ratio").samples[0] == Approx(6.0 / 9));
  CHECK(f.at("cpu_ratio").samples[1] == Approx(0.5));
  CHECK(f.at("time_per_backtest").samples[1] == Approx(1.2));  // time over the grid's ten sets
}

TEST_CASE("whole cases come back in scenario order and an operation's figures add up", "[merge]") {
  const auto whole = [](std::size_t index, std::string label) {
    report::CaseResult c;
    c.label = std::move(label);
    c.shard_share = report::ShardShare{index, 0, 0};
    return c;
  };
  std::vector<ShardReport> shards{shard_with(1, {whole(0, "a"), whole(2, "c")}), shard_with(2, {whole(1, "b")}), shard_with(3, {})};
  shards[0].run.operations[0].figures.emplace("time", figure({1, 2}));
  shards[1].run.operations[0].figures.emplace("time", figure({10, 20}));
  shards[0].run.operations[0].sweep = report::SweepThroughput{4, 1, {2, 4}};   // 2 s, then 1 s
  shards[1].run.operations[0].sweep = report::SweepThroughput{6, 2, {3, 6}};   // 2 s, then 1 s
  const report::OperationResult op = merge_shard_results(shards).operations[0];
  REQUIRE(op.cases.size() == 3);
  CHECK(op.cases[0].label == "a");
  CHECK(op.cases[1].label == "b");
  CHECK(op.cases[2].label == "c");
  CHECK(op.figures.at("time").samples == std::vector<double>{11, 22});
  REQUIRE(op.sweep);
  CHECK(op.sweep->backtests_per_repetition == 10);
  CHECK(op.sweep->threads == 2);
  CHECK(op.sweep->backtests_per_s[0] == Approx(2.5));
  CHECK(op.sweep->backtests_per_s[1] == Approx(5.0));
}

TEST_CASE("zones, stacks and counters of the shards are summed", "[merge]") {
  std::vector<ShardReport> shards = three_slices();
  for (int k = 0; k < 3; ++k) {
    auto& op = shards[static_cast<std::size_t>(k)].run.operations[0];
    op.zones = report::ZoneStats{"grid", 1.0, 0.1, 1, -1, -1, -1, 0, {report::ZoneStats{"simulate", 0.5, 0.5, 10, 5, 64, 100 + k, 0, {}}}};
    op.sampling.state = report::SamplingProfile::State::available;
    op.sampling.samples = 100;
    op.sampling.effective_hz = 1000;  // 0.1 s of CPU each
    op.sampling.collapsed_stacks = {"main;simulate 7", k == 2 ? "main;metrics 1" : "main;simulate;sma 3"};
    op.counters.enabled = true;
    op.counters.counters.push_back({"task-clock", "ns", true, {1, 2}, false, false, "", ""});
    op.counters.counters.push_back({"cycles", "count", k != 1, {5, 5}, false, false, "", k == 1 ? "no PMU" : ""});
  }
  const report::OperationResult op = merge_shard_results(shards).operations[0];
  REQUIRE(op.zones);
  CHECK(op.zones->cumulative_s == Approx(3.0));
  REQUIRE(op.zones->children.size() == 1);
  CHECK(op.zones->children[0].calls == 30);
  CHECK(op.zones->children[0].allocations == 15);
  CHECK(op.zones->children[0].peak_growth_bytes == 102);
  CHECK(op.sampling.samples == 300);
  CHECK(op.sampling.effective_hz == Approx(1000));
  CHECK(op.sampling.collapsed_stacks ==
        std::vector<std::string>{"main;metrics 1", "main;simulate 21", "main;simulate;sma 6"});
  REQUIRE(op.counters.counters.size() == 2);
  CHECK(op.counters.counters[0].per_repetition == std::vector<double>{3, 6});
  CHECK_FALSE(op.counters.counters[1].available);  // not read in every shard: not summed
  CHECK(op.counters.counters[1].reason == "no PMU");
}

TEST_CASE("shards of different plans are refused naming the file", "[merge]") {
  SECTION("a slice that does not start where the one before ended") {
    auto shards = three_slices();
    shards[1].run.operations[0].cases[0].shard_share->first = 4;
    CHECK_THROWS_WITH(merge_shard_results(shards), Catch::StartsWith("s2.json: operation 'grid', case 'sma_cross grid AAPL 2023': its slice starts at"));
  }
  SECTION("slices that stop short of the grid") {
    auto shards = three_slices();
    shards[2].run.operations[0].cases[0].shard_share->count = 2;
    CHECK_THROWS_WITH(merge_shard_results(shards), Catch::Contains("s3.json") && Catch::Contains("cover 9 of its 10"));
  }
  SECTION("a case no shard ran") {
    auto shards = three_slices();
    for (auto& s : shards) s.run.operations[0].cases[0].shard_share = report::ShardShare{1, 0, 0};
    shards = {shards[0]};
    CHECK_THROWS_WITH(merge_shard_results(shards), Catch::StartsWith("s1.json: operation 'grid' has case 2, but no shard has case 1"));
  }
  SECTION("other operations") {
    auto shards = three_slices();
    shards[2].run.operations[0].name = "other";
    CHECK_THROWS_WITH(merge_shard_results(shards), Catch::StartsWith("s3.json: its operations are not s1.json's"));
  }
}
