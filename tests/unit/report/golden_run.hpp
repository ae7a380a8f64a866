#pragma once
// One run with every part a reporter can show filled in, by hand: the input of the golden-output
// tests (test_golden.cpp). Each value is fixed, so a change in any reporter's output is a change
// in its code, seen in the diff of tests/data/golden/.
#include <string>

#include "perfharness/strategies/strategy.hpp"
#include "report_test_util.hpp"

namespace ph::report::test {

inline CaseResult golden_backtest_case() {
  CaseResult c;
  c.label = "sma_cross AAA 2022-01-03..2022-12-30";
  BacktestWorkload w;
  w.parameters = Parameters(find_strategy("sma_cross"), {10, 30});
  w.symbol = "AAA";
  w.range = "2022";
  w.start_date = "2022-01-03";
  w.end_date = "2022-12-30";
  w.bars = 251;
  c.workload = w;
  c.figures["time"] = figure("s", {0.125, 0.0625, 0.0625});
  c.figures["peak_memory"] = figure("MB", {1.5, 1.5, 1.75});
  c.bars = 251;
  c.results_digest = "00c0ffee00c0ffee";
  BacktestOutcome out;
  out.metrics.total_return = 0.125;
  out.metrics.sharpe_ratio = 1.5;
  out.metrics.max_drawdown = -0.0625;
  out.metrics.total_trades = 4;
  out.metrics.winning_trades = 3;
  out.metrics.losing_trades = 1;
  out.metrics.win_rate = 0.75;
  out.metrics.profit_factor = 2.5;
  out.metrics.final_equity = 112500;
  out.trades = 4;
  c.results = out;
  return c;
}

inline OperationResult golden_persistence_operation() {
  OperationResult op;
  op.name = "db";
  op.kind = OperationKind::Persistence;
  op.repetitions = 2;
  op.figures["save_time"] = figure("ms", {0.5, 0.75});
  op.figures["slow_queries"] = figure("count", {0, 1});
  CaseResult c;
  c.label = "saves of bt";
  c.workload = PersistenceWorkload{"bt", 4, 4};
  c.results_digest = "0123456789abcdef";
  c.results = PersistenceOutcome{{1, 2, 3, 4}, 4, 4, 1};
  op.cases = {c};
  DatabaseProfile db;
  db.statements = {{"INSERT INTO results VALUES (?)", 8, 4.0, 0.5, 1.25, 0.25, 0.5, 0}};
  db.slow_query_count = 1;
  db.slow_queries = {{"SELECT * FROM results WHERE strategy = ?", 150.5}};
  db.plans = {{"SELECT * FROM results WHERE strategy = ?", true, true, {{2, 0, "SCAN results"}}, ""}};
  TableScanFinding scan;
  scan.table = "results";
  scan.column = "strategy";
  scan.figure = "SCAN results (4 rows)";
  scan.sql = "SELECT * FROM results WHERE strategy = ?";
  scan.table_rows = 4;
  db.scans = {scan};
  db.bulk_strategy = "sma_cross";
  db.bulk_rows = 1;
  db.database = "temporary database";
  op.database = db;
  op.memory = {true, 30.5, 31.0, ""};
  return op;
}

inline RunResult golden_run() {
  RunResult run = mixed_run();
  run.scenario.path = "/home/ci/scenarios/suite.yaml";
  run.scenario.sha256 = "ab12000000000000000000000000000000000000000000000000000000000000";
  run.scenario.description = "every part a reporter shows";
  run.scenario.seed = 42;
  run.environment.os = "Debian GNU/Linux 12";
  run.environment.kernel = "6.1.0";
  run.environment.machine = "x86_64";
  run.environment.cpu_model = "Test CPU @ 2.0GHz";
  run.environment.cores = 2;
  run.environment.compiler = "GCC 12.2.0";
  run.environment.build_type = "Release";
  run.environment.utc_time = "2026-11-29T10:00:00Z";
  run.environment.profilers = {false, "sanitizer build", true, "paranoid 2", false, "no hardware PMU", true};

  OperationResult& bt = run.operations[0];
  bt.warmup = 1;
  bt.cases = {golden_backtest_case()};
  ZoneStats root{"backtest", 1.0, 0.25, 3, 30, 4096, 2048, 0, {}};
  root.children = {{"indicators", 0.5, 0.5, 3, 12, 1024, 1024, 0, {}}, {"portfolio", 0.25, 0.25, 3, 6, 512, 256, 64, {}}};
  bt.zones = root;
  bt.top_by_cumulative = {{"backtest", 1.0, 0.25, 3, 1.0 / 3}, {"indicators", 0.5, 0.5, 3, 0.5 / 3}};
  bt.top_by_self = {{"indicators", 0.5, 0.5, 3, 0.5 / 3}, {"backtest", 1.0, 0.25, 3, 1.0 / 3}};
  bt.memory = {true, 20.5, 24.25, ""};
  bt.counters.enabled = true;
  bt.counters.access = "paranoid 2: user-mode events of own threads";
  bt.counters.counters = {{"task-clock", "ns", true, {1000, 2000, 1500}, false, false, "", ""},
                          {"context-switches", "count", true, {1, 0, 2}, false, true, "getrusage", ""},
                          {"cycles", "count", false, {}, false, false, "", "no hardware PMU"}};
  bt.sampling.state = SamplingProfile::State::available;
  bt.sampling.method = "perf_event task-clock";
  bt.sampling.samples = 400;
  bt.sampling.measured_samples = 300;
  bt.sampling.effective_hz = 999.5;
  bt.sampling.top_self = {{"ph::sma", 150, 0.5, "sma.cpp:42"}, {"ph::portfolio", 90, 0.3, {}}};
  bt.sampling.top_inclusive = {{"main", 300, 1.0, {}}};
  bt.sampling.collapsed_stacks = {"main;backtest;ph::sma 150", "main;backtest;ph::portfolio 90", "main 60"};
  bt.warnings = {"1 repetition was interrupted and is not kept"};
  run.budgets[0].deciding_case = bt.cases[0].label;

  OperationResult& load = run.operations[1];
  load.memory = {true, 20.5, 24.25, ""};
  CaseResult unread;
  unread.label = "AAA 2022";
  unread.workload = DataLoadWorkload{"AAA", "2022", "2022-01-01", "2022-12-31"};
  load.cases = {unread};

  run.operations.push_back(golden_persistence_operation());

  OperationResult sweep;
  sweep.name = "grid";
  sweep.kind = OperationKind::Sweep;
  sweep.repetitions = 2;
  sweep.figures["time"] = figure("s", {2.0, 2.5});
  sweep.figures["time_per_backtest"] = figure("s", {0.125, 0.15625});
  // The sweep's timings came from two worker processes, one value each (docs/compare.md).
  sweep.timing = {2, 1, 0.01, {3, 4}};
  sweep.figures["time"].process_values = {1, 1};
  sweep.figures["time_per_backtest"].process_values = {1, 1};
  sweep.sweep = SweepThroughput{16, 2, {8, 6.4}};
  sweep.memory = {true, 40.0, 41.5, ""};
  CaseResult grid;
  grid.label = "sma_cross AAA 2022";
  grid.workload = SweepWorkload{"sma_cross", 16, 2, "AAA", "2022", 251};
  grid.figures["time_per_backtest"] = sweep.figures["time_per_backtest"];
  grid.bars = 251;
  grid.results_digest = "fedcba9876543210";
  grid.results = SweepOutcome{{{Parameters(find_strategy("sma_cross"), {10, 30}), Metrics{}}},
                              {"fast_period", "slow_period"},
                              {10, 30, 20, 40},
                              {Metrics{}, Metrics{}}};
  grid.parameter_set_seconds = {0.125, 0.25};
  sweep.cases = {grid};
  sweep.sampling.state = SamplingProfile::State::unavailable;
  sweep.sampling.reason = "perf_event_open: EACCES";
  run.operations.push_back(sweep);

  run.opportunities = {{"bt", "indicators", "High cumulative time", "0.500 s cumulative per repetition", Priority::high,
                        HotspotEvidence{0.5, 0.5, 3, 2}},
                       {"bt", "", "High memory usage", "612.0 MB peak", Priority::medium, MemoryEvidence{612}},
                       {"db", "results", "Full table scan", "SCAN results (4 rows)", Priority::medium,
                        TableScanEvidence{"results", "strategy", "SELECT * FROM results WHERE strategy = ?", 4}}};
  run.bottlenecks = {"High-priority performance issues in backtest execution"};
  run.priorities = {"Optimize hot functions in strategy calculations"};
  for (FigureComparison& c : run.comparison->result.comparisons) {
    c.base_n = c.new_n = 3;
    if (!c.exact) c.noise_band = 0.125;
    if (c.verdict == Verdict::regressed && c.figure == "time")
      c.confirmation = Confirmation{3, 0.24, 0.92, 0.031, 0.25, true, "+92.0% beyond +5.0% and the noise band ±25.0%, p 0.031 < 0.05"};
  }
  FigureComparison in_case = run.comparison->result.comparisons.front();
  in_case.case_label = "sma_cross AAA 2022";
  in_case.parameters = "fast_period=10, slow_period=30";
  in_case.confirmation.reset();
  run.comparison->result.regressions += in_case.verdict == Verdict::regressed;
  run.comparison->result.comparisons.push_back(in_case);
  run.profiling_areas = 3;
  run.warnings = {"baseline: the baseline ran on another host"};

  run.timeline.pid = 4242;
  TimelineBuilder timeline(run.timeline);
  timeline.add("bt", Timeline::Category::operation, 101, 1'000'000, 500'000);
  timeline.add("sma_cross AAA 2022-01-03..2022-12-30", Timeline::Category::case_, 101, 1'000'100, 499'000);
  timeline.add("backtest", Timeline::Category::zone, 101, 1'000'200, 400'000);
  timeline.add("indicators \"sma\"", Timeline::Category::zone, 102, 1'000'300, 200'001);
  run.timeline.dropped = 2;
  return run;
}

}  // namespace ph::report::test
