// Several processes on one file, and processes killed mid-save.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <thread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "fixtures.hpp"
#include "perfharness/persistence/database.hpp"
#include "perfharness/persistence/result_equality.hpp"

using namespace ph;
using namespace ph::persistence;

namespace {

// Runs `body` in a child process; the child exits 0 when it returned, 1 when it threw.
template <typename Body>
pid_t spawn(Body&& body) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 0;
    try {
      body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child %d: %s\n", static_cast<int>(getpid()), e.what());
      code = 1;
    }
    _exit(code);
  }
  return pid;
}

std::int64_t scalar(SQLite::Database& db, const char* sql) {
  SQLite::Statement q(db, sql);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace

TEST_CASE("four processes saving to one new file at once all succeed", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("shared.db");
  const std::vector<BacktestResult> results = {test::make_result("AAPL", "sma_cross"),
                                               test::make_result("MSFT", "macd")};
  std::vector<pid_t> children;
  for (int c = 0; c < 4; ++c)
    children.push_back(spawn([&] {
      Database db(file);  // all four create and migrate the same new file
      for (int i = 0; i < 50; ++i) db.save_result(std::nullopt, results[static_cast<std::size_t>(i % 2)], c);
    }));
  for (pid_t pid : children) {
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  Database db(file);
  CHECK(db.list_by_strategy("sma_cross").size() == 100);
  CHECK(db.list_by_strategy("macd").size() == 100);
  for (const auto& s : db.list_by_symbol("MSFT", {true, 0})) CHECK(first_difference(s.result, results[1]).empty());
  CHECK(scalar(db.connection(), "SELECT COUNT(DISTINCT execution_time_s) FROM backtest_results") == 4);
}

TEST_CASE("processes racing to open one new file all open it", "[persistence]") {
  // Switching a new file to WAL is refused at once (no busy wait) while a racing opener holds
  // a lock; one round in about twenty lost that race before the switch was retried. Forty
  // rounds of four make a regression all but certain to show.
  test::ScratchDir dir;
  for (int round = 0; round < 40; ++round) {
    const auto file = dir.file("race" + std::to_string(round) + ".db");
    std::vector<pid_t> children;
    for (int c = 0; c < 4; ++c) children.push_back(spawn([&] { Database db(file); }));
    int failed = 0;
    for (pid_t pid : children) {
      int status = 0;
      REQUIRE(waitpid(pid, &status, 0) == pid);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
    }
    INFO("round " << round);
    REQUIRE(failed == 0);
  }
}

TEST_CASE("a process killed mid-save leaves an intact database with no partial result", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("killed.db");
  // Many trades per result, so a kill often lands between a result row and its last trade.
  const BacktestResult result = test::make_result("AAPL", "rsi", {{"period", 2}, {"oversold", 45}, {"overbought", 55}},
                                                  date_from_civil(2020, 1, 1), date_from_civil(2023, 12, 31));
  REQUIRE(result.trades.size() > 50);
  std::random_device device;
  const unsigned seed = device();
  INFO("kill timing seed " << seed);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_us(1000, 40000);
  for (int round = 0; round < 20; ++round) {
    // The random delay starts once the child has saved its first result: under sanitizers on a
    // loaded machine, opening the file took longer than the longest delay, and a run whose
    // every kill landed before the schema existed failed with "no such table".
    int ready[2];
    REQUIRE(pipe(ready) == 0);
    const pid_t pid = spawn([&] {
      close(ready[0]);
      Database db(file);
      db.save_result(std::nullopt, result, round);
      if (write(ready[1], "s", 1) != 1) throw std::runtime_error("cannot tell the parent it saved");
      for (;;) db.save_result(std::nullopt, result, round);
    });
    close(ready[1]);
    char saved_once = 0;
    const ssize_t got = read(ready[0], &saved_once, 1);
    close(ready[0]);
    REQUIRE(got == 1);  // 0: the child ended before its first save (its message is on stderr)
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    REQUIRE(kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status));  // it was still saving: it never stops on its own
  }
  SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
  SQLite::Statement check(raw, "PRAGMA integrity_check");
  REQUIRE(check.executeStep());
  CHECK(check.getColumn(0).getString() == "ok");
  CHECK(scalar(raw, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
  const std::int64_t saved = scalar(raw, "SELECT COUNT(*) FROM backtest_results");
  CHECK(saved > 0);
  CHECK(scalar(raw, "SELECT COUNT(*) FROM backtest_results b "
                    "WHERE trade_count <> (SELECT COUNT(*) FROM trades t WHERE t.backtest_id = b.id)") == 0);
  CHECK(scalar(raw, "SELECT COUNT(*) FROM trades") == saved * static_cast<std::int64_t>(result.trades.size()));
  Database db(file);
  for (const auto& s : db.list_by_symbol("AAPL", {true, 0})) CHECK(first_difference(s.result, result).empty());
}
