// Each class of mistake: its message, its field path and its position; and every
// problem of a file reported at once.
#include <catch2/catch.hpp>

#include "scenario_test_util.hpp"

using namespace ph::scenario;
using namespace ph::scenario::test;

TEST_CASE("unknown keys are reported with a suggestion by edit distance", "[scenario][errors]") {
  const auto r = load_text(with_operation("    kind: backtest\n"
                                          "    strategies: [sma_cross]\n"
                                          "    symbols: [AAPL]\n"
                                          "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n"
                                          "    repetitons: 3\n"
                                          "    zzz: 1\n"));
  const auto& typo = require_problem(r, "operations[0].repetitons");
  CHECK(typo.pos.line == 10);
  CHECK(typo.pos.column == 5);
  CHECK_THAT(typo.message, Catch::Equals("unknown key 'repetitons'; did you mean 'repetitions'?"));
  const auto& far = require_problem(r, "operations[0].zzz");
  CHECK_THAT(far.message, Catch::StartsWith("unknown key 'zzz'; known keys: name, kind, budgets"));
  CHECK(r.problems.size() == 2);
}

TEST_CASE("a key of another operation kind names the kind it belongs to", "[scenario][errors]") {
  const auto r = load_text(with_operation("    kind: data_load\n"
                                          "    symbols: [AAPL]\n"
                                          "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n"
                                          "    strategies: [sma_cross]\n"));
  CHECK_THAT(require_problem(r, "operations[0].strategies").message,
             Catch::Contains("not used by data_load operations (it belongs to backtest)"));
}

TEST_CASE("wrong types say what was expected and what was found", "[scenario][errors]") {
  const auto r = load_text("name: t\n"
                           "seed: many\n"
                           "defaults: {repetitions: '3', fees: [1], warmup: 1.5}\n"
                           "operations: {a: 1}\n");
  CHECK_THAT(require_problem(r, "seed").message, Catch::Contains("must be a number, not the string 'many'"));
  CHECK_THAT(require_problem(r, "defaults.repetitions").message, Catch::Contains("not the string '3'"));
  CHECK_THAT(require_problem(r, "defaults.fees").message, Catch::Contains("must be a number, not a list"));
  CHECK_THAT(require_problem(r, "defaults.warmup").message, Catch::Contains("must be a whole number from 0 to 1000"));
  const auto& ops = require_problem(r, "operations");
  CHECK(ops.pos.line == 4);
  CHECK_THAT(ops.message, Catch::Contains("must be a list of operations"));
}

TEST_CASE("unknown strategies and parameters are reported with suggestions", "[scenario][errors]") {
  const auto r = load_text(with_operation(
      "    kind: backtest\n"
      "    strategies: [sma_crosss, {name: rsi, parameters: {period: 1, oversld: 20}},\n"
      "                 {name: sma_cross, parameters: {fast_period: 30}}]\n"
      "    symbols: [AAPL]\n"
      "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n"));
  const auto& unknown = require_problem(r, "operations[0].strategies[0]");
  CHECK(unknown.pos.line == 7);
  CHECK(unknown.pos.column == 18);
  CHECK_THAT(unknown.message, Catch::Contains("unknown strategy 'sma_crosss'; did you mean 'sma_cross'?"));
  CHECK_THAT(require_problem(r, "operations[0].strategies[1].parameters.period").message,
             Catch::Contains("parameter 'period' is 1 but must be an integer from 2 to 100000"));
  CHECK_THAT(require_problem(r, "operations[0].strategies[1].parameters.oversld").message,
             Catch::Contains("has no parameter 'oversld'; did you mean 'oversold'?"));
  // The strategy's own rule, through ph::resolve_parameters.
  CHECK_THAT(require_problem(r, "operations[0].strategies[2].parameters").message,
             Catch::Contains("fast_period (30) must be less than slow_period (20)"));
}

TEST_CASE("dates: end before start, malformed dates, default labels", "[scenario][errors]") {
  auto r = load_text(with_operation("    kind: data_load\n"
                                    "    symbols: [AAPL]\n"
                                    "    ranges:\n"
                                    "      - {start: 2021-12-31, end: 2021-01-01}\n"
                                    "      - {start: 2021-02-30, end: 2021-03-01}\n"));
  const auto& swapped = require_problem(r, "operations[0].ranges[0].end");
  CHECK(swapped.pos.line == 9);
  CHECK(swapped.pos.column == 34);
  CHECK_THAT(swapped.message, Catch::Equals("end 2021-01-01 is before start 2021-12-31; swap them"));
  CHECK_THAT(require_problem(r, "operations[0].ranges[1].start").message,
             Catch::Contains("'2021-02-30' is not a date; write YYYY-MM-DD"));

  r = load_text(with_operation("    kind: data_load\n"
                               "    symbols: [AAPL]\n"
                               "    ranges: [{start: 2021-01-01, end: 2021-06-30}, {label: h2, start: 2021-07-01, end: 2021-12-31}]\n"));
  REQUIRE(r.scenario);
  CHECK(r.scenario->operations[0].axes()->ranges[0].label == "2021-01-01..2021-06-30");
  CHECK(r.scenario->operations[0].axes()->ranges[1].label == "h2");
}

TEST_CASE("a range with no bars in the synthetic span is an error", "[scenario][errors]") {
  const auto r = load_text(with_operation("    kind: data_load\n"
                                          "    symbols: [AAPL]\n"
                                          "    ranges: [{start: 2019-01-01, end: 2020-01-01}, {start: 2030-01-01, end: 2030-12-31}]\n"));
  CHECK(r.problems.size() == 1);  // 2019..2020-01-01 holds one bar, the first
  const auto& empty = require_problem(r, "operations[0].ranges[1]");
  CHECK_THAT(empty.message, Catch::Contains("range '2030-01-01..2030-12-31' holds no bars of 'AAPL'") &&
                                Catch::Contains("2020-01-01..2023-12-31"));
}

TEST_CASE("symbols must be valid names, listed once", "[scenario][errors]") {
  const auto r = load_text(with_operation("    kind: data_load\n"
                                          "    symbols: [AAPL, 'BAD SYMBOL', AAPL, " + std::string(33, 'X') + "]\n"
                                          "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n"));
  CHECK_THAT(require_problem(r, "operations[0].symbols[1]").message, Catch::Contains("not a valid symbol"));
  CHECK_THAT(require_problem(r, "operations[0].symbols[2]").message, Catch::Contains("listed twice"));
  CHECK_THAT(require_problem(r, "operations[0].symbols[3]").message, Catch::Contains("1 to 32 characters"));
}

TEST_CASE("duplicate operation names and bad persistence sources", "[scenario][errors]") {
  const auto r = load_text("name: t\n"
                           "operations:\n"
                           "  - {name: a, kind: data_load, symbols: [X], ranges: [{start: 2021-01-01, end: 2021-01-31}]}\n"
                           "  - {name: a, kind: data_load, symbols: [Y], ranges: [{start: 2021-01-01, end: 2021-01-31}]}\n"
                           "  - {name: p, kind: persistence, source: a}\n"
                           "  - {name: q, kind: persistence, source: nope}\n"
                           "  - {name: early, kind: persistence, source: b}\n"
                           "  - {name: b, kind: backtest, strategies: [rsi], symbols: [X], ranges: [{start: 2021-01-01, end: 2021-12-31}]}\n"
                           "  - {name: r, kind: persistence, source: b, bulk_strategy: macd}\n");
  const auto& dup = require_problem(r, "operations[1].name");
  CHECK(dup.pos.line == 4);
  CHECK(dup.pos.column == 12);
  CHECK_THAT(dup.message, Catch::Contains("'a' is already used by operations[0] (line 3)"));
  CHECK_THAT(require_problem(r, "operations[2].source").message,
             Catch::Contains("is a data_load; a persistence source must be a backtest"));
  CHECK_THAT(require_problem(r, "operations[3].source").message,
             Catch::Contains("no operation is named 'nope'") && Catch::Contains("backtest operations: b"));
  CHECK_THAT(require_problem(r, "operations[4].source").message,
             Catch::Contains("backtest 'b' runs after this operation (it is operations[5]); list it before"));
  CHECK_THAT(require_problem(r, "operations[6].bulk_strategy").message,
             Catch::Contains("'macd' is not a strategy of 'b'"));
}

TEST_CASE("budgets: units that fit, exactly one limit, statistics", "[scenario][errors][budgets]") {
  const auto r = load_text(with_operation("    kind: backtest\n"
                                          "    strategies: [rsi]\n"
                                          "    symbols: [AAPL]\n"
                                          "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n"
                                          "    budgets:\n"
                                          "      - {metric: time, max_mb: 5}\n"
                                          "      - {metric: save_time, max_ms: 5}\n"
                                          "      - {metric: peak_memory, max_mb: 5, max_count: 3}\n"
                                          "      - {metric: time, statistic: p99, max_ms: 5}\n"
                                          "      - {metric: allocations}\n"
                                          "      - {metric: time, max_ms: -1}\n"
                                          "budgets:\n"
                                          "  - {metric: opportunities, max_s: 3}\n"));
  const auto& unit = require_problem(r, "operations[0].budgets[0].max_mb");
  CHECK(unit.pos.line == 11);
  CHECK(unit.pos.column == 24);
  CHECK_THAT(unit.message, Catch::Equals("'max_mb' does not fit metric 'time'; 'time' takes max_ms or max_s"));
  CHECK_THAT(require_problem(r, "operations[0].budgets[1].metric").message,
             Catch::Contains("'save_time' is not a metric of backtest operations; use one of time, cpu_time"));
  CHECK_THAT(require_problem(r, "operations[0].budgets[2].max_count").message, Catch::Contains("exactly one limit"));
  CHECK_THAT(require_problem(r, "operations[0].budgets[3].statistic").message,
             Catch::Contains("'p99' is not one of min, median, mean, p95, max; did you mean 'p95'?"));
  CHECK_THAT(require_problem(r, "operations[0].budgets[4]").message, Catch::Contains("'allocations' takes max_count"));
  CHECK_THAT(require_problem(r, "operations[0].budgets[5].max_ms").message, Catch::Contains("must be from 0"));
  CHECK_THAT(require_problem(r, "budgets[0].max_s").message, Catch::Contains("'opportunities' takes max_count"));
}

TEST_CASE("budgets resolve their defaults and keep the unit as written", "[scenario][budgets]") {
  const auto r = load_text(
      "name: t\n"
      "operations:\n"
      "  - name: bt\n"
      "    kind: backtest\n"
      "    strategies: [rsi]\n"
      "    symbols: [AAPL]\n"
      "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n"
      "    budgets: [{metric: time, max_s: 2.5}, {metric: peak_memory, max_mb: 100}, {metric: cpu_time, statistic: p95, across: total, max_ms: 30}]\n"
      "  - {name: db, kind: persistence, source: bt, saves: 4, fetches: 4, budgets: [{metric: slow_queries, max_slow_queries: 2}]}\n"
      "budgets: [{metric: bottlenecks, max_count: 3}]\n");
  INFO(all_problems(r));
  REQUIRE(r.scenario);
  const auto& b = r.scenario->operations[0].budgets;
  REQUIRE(b.size() == 3);
  CHECK((b[0].metric == "time" && b[0].statistic == ph::stats::Statistic::median && b[0].across == ph::stats::Across::max && b[0].unit == ph::figures::LimitUnit::s &&
         b[0].limit == 2.5 && b[0].path == "operations[0].budgets[0]" && b[0].pos.line == 8));
  CHECK((b[1].statistic == ph::stats::Statistic::max && b[1].unit == ph::figures::LimitUnit::mb && b[1].limit == 100));
  CHECK((b[2].statistic == ph::stats::Statistic::p95 && b[2].across == ph::stats::Across::total));
  const auto& slow = r.scenario->operations[1].budgets.at(0);
  CHECK((slow.unit == ph::figures::LimitUnit::count && slow.limit == 2 && slow.statistic == ph::stats::Statistic::max));
  CHECK(persistence_spec(r.scenario->operations[1]).bulk_strategy == "rsi");  // the source's first strategy
  REQUIRE(r.scenario->run_budgets.size() == 1);
  CHECK(r.scenario->run_budgets[0].metric == "bottlenecks");
}

TEST_CASE("budget metric tables per kind: the gating figures each kind measures", "[scenario][budgets]") {
  CHECK(budget_metrics(OperationKind::Backtest) ==
        std::vector<std::string>{"time", "cpu_time", "page_faults", "peak_memory", "allocations", "heap_growth",
                                 "memory_per_1k_bars", "instructions"});
  CHECK(budget_metrics(OperationKind::DataLoad) == budget_metrics(OperationKind::Backtest));
  CHECK(budget_metrics(OperationKind::Sweep) ==
        std::vector<std::string>{"time", "cpu_time", "page_faults", "peak_memory", "allocations", "heap_growth",
                                 "memory_per_1k_bars", "time_per_backtest", "instructions"});
  CHECK(budget_metrics(OperationKind::Persistence) ==
        std::vector<std::string>{"time", "cpu_time", "page_faults", "peak_memory", "allocations", "heap_growth",
                                 "save_time", "fetch_time", "bulk_time", "slow_queries", "instructions"});
  CHECK(run_budget_metrics() == std::vector<std::string>{"bottlenecks", "high_priority_opportunities", "opportunities"});
  CHECK(budget_units("fetch_time") == std::vector<std::string>{"max_ms", "max_s"});
  CHECK(budget_units("memory_per_1k_bars") == std::vector<std::string>{"max_mb_per_1k_bars"});
  CHECK(budget_units("page_faults") == std::vector<std::string>{"max_count"});
  CHECK(budget_units("instructions") == std::vector<std::string>{"max_instructions"});
  CHECK(budget_units("slow_queries") == std::vector<std::string>{"max_count", "max_slow_queries"});
  CHECK(budget_units("bottlenecks") == std::vector<std::string>{"max_count"});
}

TEST_CASE("CSV data: missing folder, missing file for a symbol, a range outside the file", "[scenario][errors][csv]") {
  TempDir dir;
  dir.write("prices/ACME.csv", "Date,Open,High,Low,Close,Volume\n2023-01-03,1,2,0.5,1.5,100\n2023-01-04,1.5,2,1,1.8,120\n");
  dir.write("broken.csv", "Date,Open,High,Low,Close\n2023-01-03,1,2,0.5,abc\n");
  auto r = load_scenario(dir.write("s.yaml",
                                   "name: t\n"
                                   "data: {csv: {dir: prices, files: {BRK: broken.csv, GONE: nothere.csv}}}\n"
                                   "operations:\n"
                                   "  - name: load\n"
                                   "    kind: data_load\n"
                                   "    symbols: [ACME, MISSING, BRK]\n"
                                   "    ranges: [{label: jan, start: 2023-01-01, end: 2023-01-31}, {label: feb, start: 2023-02-01, end: 2023-02-28}]\n"));
  CHECK_THAT(require_problem(r, "data.csv.files.GONE").message, Catch::Contains("nothere.csv does not exist"));
  const auto& missing = require_problem(r, "operations[0].symbols[1]");
  CHECK(missing.pos.line == 6);
  CHECK_THAT(missing.message, Catch::Contains("no CSV file for symbol 'MISSING'") && Catch::Contains("MISSING.csv"));
  CHECK_THAT(require_problem(r, "operations[0].ranges[1]").message,
             Catch::Contains("range 'feb' holds no bars of 'ACME' (its data spans 2023-01-03..2023-01-04)"));
  CHECK_THAT(require_problem(r, "operations[0].symbols[2]").message, Catch::Contains("data of symbol 'BRK'"));
  CHECK_FALSE(problem_at(r, "operations[0].ranges[0]"));

  r = load_scenario(dir.write("t.yaml", "name: t\ndata: {csv: {dir: nowhere}}\noperations: []\n"));
  CHECK_THAT(require_problem(r, "data.csv.dir").message, Catch::Contains("does not exist; paths are relative to the scenario file"));
}

TEST_CASE("every problem of a file is reported, in file order", "[scenario][errors]") {
  const auto r = load_text("name: t\n"
                           "defaults: {repetitons: 3}\n"
                           "operations:\n"
                           "  - {name: a, kind: bakctest}\n"
                           "  - {name: b, kind: data_load, symbols: [X], ranges: [{start: 2021-02-01, end: 2021-01-01}]}\n"
                           "budgets: [{metric: bottleneck, max_count: 1}]\n");
  REQUIRE(r.problems.size() == 4);
  CHECK(r.problems[0].path == "defaults.repetitons");
  CHECK(r.problems[1].path == "operations[0].kind");
  CHECK(r.problems[2].path == "operations[1].ranges[0].end");
  CHECK(r.problems[3].path == "budgets[0].metric");
  for (std::size_t i = 1; i < r.problems.size(); ++i) CHECK(r.problems[i - 1].pos.line <= r.problems[i].pos.line);
  CHECK_THAT(r.problems[3].message, Catch::Contains("did you mean 'bottlenecks'?"));
}

TEST_CASE("missing required keys are reported at the map that lacks them", "[scenario][errors]") {
  const auto r = load_text("description: no name\noperations:\n  - kind: sweep\n    strategy: sma_cross\n");
  CHECK_THAT(require_problem(r, "").message, Catch::Contains("missing required key 'name'"));
  const auto name = std::find_if(r.problems.begin(), r.problems.end(), [](const Diagnostic& d) {
    return d.path == "operations[0]" && d.message.find("'name'") != std::string::npos;
  });
  REQUIRE(name != r.problems.end());
  CHECK(name->pos.line == 3);
  CHECK_THAT(all_problems(r), Catch::Contains("missing required key 'grid'") && Catch::Contains("missing required key 'symbols'"));
}

TEST_CASE("numbers beyond a double's range read as out of range, not as 'not a number'", "[scenario][numbers]") {
  const auto r = load_text(with_operation("    kind: data_load\n"
                                          "    symbols: [AAPL]\n"
                                          "    ranges: [{start: 2021-01-01, end: 2021-03-31}]\n"
                                          "    repetitions: 1e400\n"
                                          "    warmup: -1" + std::string(400, '0') + "\n"));
  CHECK(require_problem(r, "operations[0].repetitions").message ==
        "is 1e400 but must be a whole number from 1 to 10000");
  CHECK_THAT(require_problem(r, "operations[0].warmup").message,
             Catch::StartsWith("is -1000") && Catch::Contains("... (402 bytes) but must be a whole number from 0"));
  // Too close to zero, a number rounds to 0 as any parser rounds it.
  const auto tiny = load_text("name: t\ndata:\n  synthetic: {first_date: 2020-01-01, last_date: 2023-12-31, "
                              "volatility: 0.0001e-400, drift: -1e+400}\n"
                              "operations: [{name: a, kind: data_load, symbols: [A], ranges: [{start: 2021-01-01, "
                              "end: 2021-02-01}]}]\n");
  REQUIRE(tiny.problems.size() == 1);
  CHECK(tiny.problems[0].path == "data.synthetic.drift");
  CHECK(tiny.problems[0].message == "is -1e+400 but must be from -0.5 to 0.5");
}

TEST_CASE("measurement settings: processes, values and min_time, in defaults and per operation", "[scenario][errors]") {
  const auto good = load_text("name: t\n"
                              "defaults: {processes: 8, values: 3, min_time: 0.05}\n"
                              "operations:\n"
                              "  - name: op\n"
                              "    kind: data_load\n"
                              "    symbols: [AAPL]\n"
                              "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n"
                              "    processes: 0\n"
                              "    values: 10\n"
                              "    min_time: 0.001\n");
  REQUIRE(good.problems.empty());
  CHECK(good.scenario->defaults.processes == 8);
  CHECK(good.scenario->defaults.values == 3);
  CHECK(good.scenario->defaults.min_time_s == 0.05);
  CHECK(good.scenario->operations[0].processes == 0);
  CHECK(good.scenario->operations[0].values == 10);
  CHECK(good.scenario->operations[0].min_time_s == 0.001);

  const auto bad = load_text("name: t\n"
                             "defaults: {processes: 65, values: 0, min_time: -1}\n"
                             "operations:\n"
                             "  - name: op\n"
                             "    kind: data_load\n"
                             "    symbols: [AAPL]\n"
                             "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n"
                             "    processes: -1\n"
                             "    values: 1001\n"
                             "    min_time: 61\n");
  CHECK_THAT(require_problem(bad, "defaults.processes").message, Catch::Contains("from 0 to 64"));
  CHECK_THAT(require_problem(bad, "defaults.values").message, Catch::Contains("from 1 to 1000"));
  CHECK_THAT(require_problem(bad, "defaults.min_time").message, Catch::Contains("0"));
  CHECK_THAT(require_problem(bad, "operations[0].processes").message, Catch::Contains("from 0 to 64"));
  CHECK_THAT(require_problem(bad, "operations[0].values").message, Catch::Contains("from 1 to 1000"));
  CHECK_THAT(require_problem(bad, "operations[0].min_time").message, Catch::Contains("60"));
}

TEST_CASE("gate: all or instructions", "[scenario][errors]") {
  const char* ops = "operations:\n"
                    "  - name: op\n"
                    "    kind: data_load\n"
                    "    symbols: [AAPL]\n"
                    "    ranges: [{start: 2021-01-01, end: 2021-12-31}]\n";
  const auto instructions = load_text(std::string("name: t\ngate: instructions\n") + ops);
  REQUIRE(instructions.problems.empty());
  CHECK(instructions.scenario->gate_instructions);
  const auto all = load_text(std::string("name: t\ngate: all\n") + ops);
  REQUIRE(all.problems.empty());
  CHECK_FALSE(all.scenario->gate_instructions);
  const auto bad = load_text(std::string("name: t\ngate: time\n") + ops);
  CHECK_THAT(require_problem(bad, "gate").message, Catch::Contains("must be 'all' (every gating figure) or 'instructions'"));
}
