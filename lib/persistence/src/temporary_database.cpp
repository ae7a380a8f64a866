#include "perfharness/persistence/temporary_database.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include <stdlib.h>

#include "perfharness/common/errors.hpp"

namespace ph::persistence {
namespace {

std::filesystem::path make_private_dir() {
  std::error_code ec;
  const std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) throw RuntimeFailure("no temporary directory for the results database (" + ec.message() + "); set TMPDIR");
  std::string pattern = (base / "perfharness-db-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw RuntimeFailure("cannot create a temporary directory in " + base.string() + " (" + std::strerror(errno) +
                         "); set TMPDIR to a writable directory");
  return pattern;
}

}  // namespace

TemporaryDatabase::TemporaryDatabase(const DatabaseOptions& options)
    : dir_(make_private_dir()), file_(dir_ / "results.db") {
  try {
    db_ = std::make_unique<Database>(file_, options);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    throw;
  }
}

TemporaryDatabase::~TemporaryDatabase() {
  db_.reset();  // close first: SQLite removes -wal and -shm on the last close, then we remove the rest
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace ph::persistence
