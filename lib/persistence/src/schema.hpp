#pragma once
// The versioned schema: forward migrations keyed by PRAGMA user_version.
#include <filesystem>

namespace SQLite {
class Database;
}

namespace ph::persistence {

/// Brings the database at `file` to kSchemaVersion. Throws RuntimeFailure when the file
/// belongs to another application or was written by a newer perfharness.
void migrate(SQLite::Database& db, const std::filesystem::path& file);

/// For a connection that cannot write: throws RuntimeFailure unless the file already holds
/// exactly kSchemaVersion (it cannot be migrated, and an empty file has no tables to read).
void check_readable(SQLite::Database& db, const std::filesystem::path& file);

/// PRAGMA user_version of the open database.
int read_schema_version(SQLite::Database& db);

}  // namespace ph::persistence
