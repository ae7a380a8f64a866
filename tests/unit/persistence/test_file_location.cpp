// Where a database file lives: folders, missing folders, and opening for reading only.
#include <catch2/catch.hpp>

#include <fstream>

#include <SQLiteCpp/Database.h>

#include "fixtures.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/persistence/database.hpp"

using namespace ph;
using namespace ph::persistence;

namespace {
DatabaseOptions read_only() {
  DatabaseOptions o;
  o.read_only = true;
  o.busy_timeout_ms = 100;
  return o;
}
}  // namespace

TEST_CASE("a --db path naming a folder is refused as a folder", "[persistence]") {
  test::ScratchDir dir;
  const auto folder = dir.file("results.db");
  std::filesystem::create_directory(folder);
  CHECK_THROWS_AS(Database(folder), RuntimeFailure);
  CHECK_THROWS_WITH(Database(folder), Catch::StartsWith(folder.string() + " is a folder"));
  CHECK_THROWS_WITH(Database(folder, read_only()), Catch::StartsWith(folder.string() + " is a folder"));
  CHECK(std::filesystem::is_empty(folder));
}

TEST_CASE("a new database in a missing folder names the folder", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("nowhere") / "results.db";
  CHECK_THROWS_AS(Database(file), RuntimeFailure);
  CHECK_THROWS_WITH(Database(file), Catch::StartsWith("folder " + dir.file("nowhere").string() + " does not exist"));
  CHECK_FALSE(std::filesystem::exists(dir.file("nowhere")));

  { std::ofstream(dir.file("plain")) << "x"; }
  CHECK_THROWS_WITH(Database(dir.file("plain") / "results.db"), Catch::Contains("is not a folder"));
}

TEST_CASE("a database opened read-only lists its runs and refuses writes", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("results.db");
  {
    Database db(file);
    const auto run = db.record_run_start({"suite", "cafe", "0.1.0", ""});
    db.save_result(run, test::make_result("AAPL", "sma_cross"), 1.0);
    db.record_run_finish(run, "ok", "{}");
  }
  Database db(file, read_only());
  const auto runs = db.list_runs();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].result_count == 1);
  CHECK_THROWS_AS(db.record_run_start({"suite", "cafe", "0.1.0", ""}), RuntimeFailure);
}

TEST_CASE("read-only opening never creates a file and refuses one without the schema", "[persistence]") {
  test::ScratchDir dir;
  CHECK_THROWS_AS(Database(dir.file("missing.db"), read_only()), InputError);
  CHECK_FALSE(std::filesystem::exists(dir.file("missing.db")));

  const auto empty = dir.file("empty.db");
  { SQLite::Database raw(empty.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE); }
  CHECK_THROWS_WITH(Database(empty, read_only()), Catch::Contains("holds no perfharness results"));

  const auto old = dir.file("old.db");
  { Database db(old); }
  {
    SQLite::Database raw(old.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1));
  }
  CHECK_THROWS_WITH(Database(old, read_only()), Catch::Contains("upgrade perfharness"));
}
