// Opening files: migration, versions, foreign files, locks, the temporary database.
#include <catch2/catch.hpp>

#include <fstream>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "fixtures.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/persistence/database.hpp"
#include "perfharness/persistence/temporary_database.hpp"

using namespace ph;
using namespace ph::persistence;

namespace {

int pragma(SQLite::Database& db, const char* sql) {
  SQLite::Statement q(db, sql);
  q.executeStep();
  return q.getColumn(0).getInt();
}

std::string text_pragma(SQLite::Database& db, const char* sql) {
  SQLite::Statement q(db, sql);
  q.executeStep();
  return q.getColumn(0).getString();
}

}  // namespace

TEST_CASE("a fresh file migrates from user_version 0 to the current schema", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("fresh.db");
  {
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    CHECK(pragma(raw, "PRAGMA user_version") == 0);
  }
  Database db(file);
  CHECK(db.schema_version() == kSchemaVersion);
  CHECK(pragma(db.connection(), "PRAGMA foreign_keys") == 1);
  CHECK(text_pragma(db.connection(), "PRAGMA journal_mode") == "wal");
  CHECK(pragma(db.connection(), "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'") == 3);
  // Reopening an up-to-date file changes nothing.
  const std::int64_t id = db.save_result(std::nullopt, test::make_result("AAPL", "macd"), 0);
  Database again(file);
  CHECK(again.schema_version() == kSchemaVersion);
  CHECK(again.fetch_result(id));
}

TEST_CASE("a database from a newer perfharness is refused with a clear error", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("newer.db");
  { Database db(file); }
  {
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1));
  }
  CHECK_THROWS_AS(Database(file), RuntimeFailure);
  CHECK_THROWS_WITH(Database(file), Catch::Contains("upgrade perfharness") && Catch::Contains(file.string()));
}

TEST_CASE("a file that is not a database is refused, not overwritten", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("notes.txt");
  { std::ofstream(file) << "Date,Open,High,Low,Close\n2023-01-02,1,2,0.5,1.5\n" << std::string(4096, 'x'); }
  const auto size = std::filesystem::file_size(file);
  CHECK_THROWS_AS(Database(file), RuntimeFailure);
  CHECK_THROWS_WITH(Database(file),
                    Catch::StartsWith(file.string() + " is not a perfharness database (file is not a database)"));
  CHECK(std::filesystem::file_size(file) == size);
}

TEST_CASE("another application's SQLite file is refused", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("other.db");
  {
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
  }
  CHECK_THROWS_WITH(Database(file), Catch::Contains("is not a perfharness database"));
  {
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
    CHECK(pragma(raw, "SELECT COUNT(*) FROM sqlite_schema") == 1);  // untouched
    raw.exec("DROP TABLE customers");
    raw.exec("PRAGMA application_id = 1234");
  }
  CHECK_THROWS_WITH(Database(file), Catch::Contains("another application"));
}

TEST_CASE("a missing file is an input error when creating is not allowed", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("missing.db");
  CHECK_THROWS_AS(Database(file, {false, 100}), InputError);
  CHECK_FALSE(std::filesystem::exists(file));
}

TEST_CASE("a database locked past the busy timeout fails with a clear error", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("locked.db");
  Database writer(file);
  Database other(file, {true, 50});
  const BacktestResult r = test::make_result("AAPL", "sma_cross");
  writer.connection().exec("BEGIN IMMEDIATE");
  writer.save_result(std::nullopt, r, 0);  // nests inside the open transaction
  CHECK_THROWS_AS(other.save_result(std::nullopt, r, 0), RuntimeFailure);
  CHECK_THROWS_WITH(other.save_result(std::nullopt, r, 0),
                    Catch::Contains("is locked by another process") && Catch::Contains("50 ms"));
  // WAL: readers still read the last committed state while the writer holds its lock.
  CHECK(other.list_by_symbol("AAPL").empty());
  writer.connection().exec("COMMIT");
  CHECK(other.list_by_symbol("AAPL").size() == 1);
  CHECK(other.save_result(std::nullopt, r, 0) > 0);
}

TEST_CASE("an exclusive lock makes even opening fail after the timeout", "[persistence]") {
  test::ScratchDir dir;
  const auto file = dir.file("exclusive.db");
  Database holder(file);
  holder.connection().exec("PRAGMA locking_mode = EXCLUSIVE");
  holder.connection().exec("BEGIN EXCLUSIVE");
  CHECK_THROWS_WITH(Database(file, {false, 50}), Catch::Contains("is locked by another process"));
  holder.connection().exec("COMMIT");
}

TEST_CASE("a temporary database works and is removed afterwards", "[persistence]") {
  std::filesystem::path file;
  {
    TemporaryDatabase tmp;
    file = tmp.path();
    CHECK(std::filesystem::exists(file));
    const std::int64_t id = tmp.database().save_result(std::nullopt, test::make_result("AAPL", "rsi"), 0);
    CHECK(tmp.database().fetch_result(id));
  }
  CHECK_FALSE(std::filesystem::exists(file));
  CHECK_FALSE(std::filesystem::exists(file.parent_path()));
}
