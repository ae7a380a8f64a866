#pragma once
// Where a results database lives: what SQLite cannot tell a user (the path is a folder, its
// folder is missing, the disk is read-only) is checked on the file system itself.
#include <filesystem>
#include <string>

namespace ph::persistence {

/// Throws RuntimeFailure when `file` is a folder, or (when `create`) when the folder that would
/// hold a new `file` does not exist or is not a folder.
void check_database_location(const std::filesystem::path& file, bool create);

/// Whether `file`, or the nearest folder above it that exists, is on a read-only file system.
bool on_read_only_file_system(const std::filesystem::path& file);

/// An SQLite URI that opens `file` immutable: no locks, no -wal/-shm files, so a database on a
/// read-only disk can be read even in WAL mode (nothing can write it there).
std::string immutable_uri(const std::filesystem::path& file);

}  // namespace ph::persistence
