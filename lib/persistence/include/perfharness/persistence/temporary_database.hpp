#pragma once
// A results database that lives only as long as this object: what a `persistence`
// operation uses when `perfharness run` has no --db.
#include <filesystem>
#include <memory>

#include "perfharness/persistence/database.hpp"

namespace ph::persistence {

class TemporaryDatabase {
 public:
  /// A new database in a fresh private directory under the system temp directory ($TMPDIR).
  /// Throws RuntimeFailure when the directory cannot be made.
  explicit TemporaryDatabase(const DatabaseOptions& options = {});
  /// Closes the database and removes its directory with the file, -wal and -shm in it.
  ~TemporaryDatabase();
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;

  Database& database() noexcept { return *db_; }
  const std::filesystem::path& path() const noexcept { return file_; }

 private:
  std::filesystem::path dir_;
  std::filesystem::path file_;
  std::unique_ptr<Database> db_;
};

}  // namespace ph::persistence
