// The results database: saving a result with its trades, fetching one by id, and the bulk
// query by strategy over 10,000 stored results, on a file database in the temp directory
// (WAL, as perfharness opens it). Wall time: waiting on the file system is part of the cost.
#include "persistence_benchmarks.hpp"

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <random>

#include <SQLiteCpp/Transaction.h>

#include "bench_common.hpp"
#include "perfharness/persistence/database.hpp"

namespace ph::bench {
namespace {

constexpr int kStored = 10'000;

// One database for the three benchmarks: 10,000 sma_cross results (seed-sized, with their
// trades) stored up front; removed with its WAL files at exit.
struct Store {
  std::filesystem::path file;
  std::unique_ptr<persistence::Database> db;
  BacktestResult result;
  std::vector<std::int64_t> ids;

  Store() {
    file = std::filesystem::temp_directory_path() / ("perfharness_bench_" + std::to_string(::getpid()) + ".db");
    db = std::make_unique<persistence::Database>(file);
    const OhlcvSeries& s = sweep_series();
    BacktestWorkspace ws;
    result = run_backtest(s, resolve_parameters(strategy_or_throw("sma_cross"), std::vector<ParamAssignment>{}),
                          s.dates.front(), s.dates[kSeedBars - 1], BacktestConfig{}, ws);
    SQLite::Transaction tx(db->connection());
    for (int i = 0; i < kStored; ++i) ids.push_back(db->save_result(std::nullopt, result, 0.001));
    tx.commit();
  }
  ~Store() {
    db.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
  }
};

Store& store() {
  static Store s;
  return s;
}

void save_with_trades(benchmark::State& state) {
  Store& st = store();
  IterationClock clock(IterationClock::Kind::wall);
  std::vector<std::int64_t> saved;
  for (auto _ : state) {
    clock.start();
    saved.push_back(st.db->save_result(std::nullopt, st.result, 0.001));
    clock.stop();
  }
  // Keep the store at 10,000 results for the benchmarks after this one.
  for (std::int64_t id : saved) st.db->delete_result(id);
  state.counters["trades"] = static_cast<double>(st.result.trades.size());
  state.counters["us"] = clock.median_ns() / 1e3;
  record("persistence.save_with_trades.us", clock.median_ns() / 1e3);
}

void fetch_by_id(benchmark::State& state) {
  Store& st = store();
  std::mt19937 pick(7);
  IterationClock clock(IterationClock::Kind::wall);
  std::size_t trades = 0;
  for (auto _ : state) {
    const std::int64_t id = st.ids[pick() % st.ids.size()];
    clock.start();
    const auto r = st.db->fetch_result(id);
    clock.stop();
    if (!r) {
      state.SkipWithError("a stored result was not found by id");
      return;
    }
    trades = r->result.trades.size();
  }
  state.counters["trades"] = static_cast<double>(trades);
  state.counters["us"] = clock.median_ns() / 1e3;
  record("persistence.fetch_by_id.us", clock.median_ns() / 1e3);
}

void bulk_by_strategy(benchmark::State& state) {
  Store& st = store();
  IterationClock clock(IterationClock::Kind::wall);
  std::size_t rows = 0;
  for (auto _ : state) {
    clock.start();
    const auto all = st.db->list_by_strategy("sma_cross");
    clock.stop();
    rows = all.size();
  }
  if (rows != st.ids.size()) {
    state.SkipWithError("the bulk query did not return every stored result");
    return;
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["us"] = clock.median_ns() / 1e3;
  record("persistence.bulk_by_strategy_10000.us", clock.median_ns() / 1e3);
}

// The same rows streamed through one reused object: what a scan that aggregates or filters
// pays, without the ~3.4 MB of fresh memory the list above faults in on every call.
void bulk_streamed_by_strategy(benchmark::State& state) {
  Store& st = store();
  IterationClock clock(IterationClock::Kind::wall);
  std::size_t rows = 0;
  double sum = 0;
  for (auto _ : state) {
    rows = 0;
    clock.start();
    st.db->for_each_by_strategy("sma_cross", [&](const persistence::StoredResult& s) {
      ++rows;
      sum += s.result.metrics.sharpe_ratio;
    });
    clock.stop();
  }
  benchmark::DoNotOptimize(sum);
  if (rows != st.ids.size()) {
    state.SkipWithError("the streamed bulk query did not visit every stored result");
    return;
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["us"] = clock.median_ns() / 1e3;
  record("persistence.bulk_streamed_by_strategy_10000.us", clock.median_ns() / 1e3);
}

void best_by_metric(benchmark::State& state) {
  Store& st = store();
  IterationClock clock(IterationClock::Kind::wall);
  for (auto _ : state) {
    clock.start();
    const auto best = st.db->best_by_metric("sharpe_ratio", 10, std::string("sma_cross"));
    clock.stop();
    benchmark::DoNotOptimize(best.data());
  }
  state.counters["us"] = clock.median_ns() / 1e3;
  record("persistence.best_by_metric_top10.us", clock.median_ns() / 1e3);
}

}  // namespace

void register_persistence_benchmarks() {
  benchmark::RegisterBenchmark("persistence/save_with_trades", save_with_trades)->Unit(benchmark::kMicrosecond)->MinTime(0.5);
  benchmark::RegisterBenchmark("persistence/fetch_by_id/of_10000", fetch_by_id)->Unit(benchmark::kMicrosecond)->MinTime(0.5);
  benchmark::RegisterBenchmark("persistence/bulk_by_strategy/all_10000_rows", bulk_by_strategy)->Unit(benchmark::kMillisecond)->MinTime(0.5);
  benchmark::RegisterBenchmark("persistence/bulk_streamed_by_strategy/all_10000_rows", bulk_streamed_by_strategy)->Unit(benchmark::kMillisecond)->MinTime(0.5);
  benchmark::RegisterBenchmark("persistence/best_by_metric_top10/of_10000", best_by_metric)->Unit(benchmark::kMicrosecond)->MinTime(0.5);
}

}  // namespace ph::bench
