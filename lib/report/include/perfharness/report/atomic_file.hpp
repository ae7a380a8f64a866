#pragma once
// Writes a file so that a reader sees the old content or the complete new one,
// never half of it: a temporary file in the same folder, fsync, then rename.
#include <filesystem>
#include <string_view>

namespace ph::report {

/// Throws ph::RuntimeFailure naming the path and the system's reason on failure;
/// the temporary file is removed and any existing file is left as it was.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Checks before a run that `path` can be written (its folder exists, is a folder and is
/// writable); throws ph::RuntimeFailure otherwise, so no work is wasted.
void check_writable(const std::filesystem::path& path, const char* what);

}  // namespace ph::report
