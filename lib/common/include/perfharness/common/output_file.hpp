#pragma once
// Every file perfharness writes goes through OutputFile, which does what the path means:
// - a regular file, or no file yet, is replaced atomically (a reader sees the old content or
//   all of the new, never half): a mkstemp temporary beside it, given the mode a new file
//   gets, data fsynced, renamed over the path, the folder fsynced;
// - a symlink is followed (to any depth) and its final target replaced that way, the link kept;
// - `-`, /dev/stdout, /dev/stderr and /dev/fd/N (also /proc/self/fd/N) write to that open
//   descriptor, a FIFO, character device or socket is opened and written straight through:
//   these are never replaced (`-o /dev/null` as root once replaced the device with a file);
// - a folder or a block device is refused.
// Failures throw ph::RuntimeFailure naming the path, the cause and the fix; whatever was at
// the path is then left as it was and no temporary file stays behind.
#include <filesystem>
#include <string>
#include <string_view>

namespace ph {

class OutputFile {
 public:
  explicit OutputFile(const std::filesystem::path& path);
  ~OutputFile();  // not committed: the temporary file is removed, the target left alone
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view data);
  /// Makes the written content the path's content (rename for a replaced file).
  void commit();

  /// Where the bytes go: the temporary file, or the descriptor written straight through.
  int descriptor() const noexcept { return fd_; }
  /// True when the path is written straight through (stream, device, FIFO, socket).
  bool streamed() const noexcept { return temp_.empty(); }

 private:
  void discard() noexcept;  // closes what it owns and removes the temporary file
  [[noreturn]] void fail(const std::string& what, int error);
  std::filesystem::path path_;    // as the user gave it, for messages
  std::filesystem::path target_;  // the file replaced (the path, or its symlink's target)
  std::string temp_;              // empty when streamed
  int fd_ = -1;
  bool owns_fd_ = false;
  bool committed_ = false;
};

/// OutputFile in one call.
void write_output_file(const std::filesystem::path& path, std::string_view content);

/// Checks before a run that `path` can be written as OutputFile would write it (its folder,
/// or its symlink target's folder, exists and is writable; a stream or device is writable);
/// throws ph::RuntimeFailure otherwise, so no work is wasted. `what` names the output.
void check_output_writable(const std::filesystem::path& path, const char* what);

/// A new private folder (mkdtemp) under the temporary directory, named PREFIX-XXXXXX.
std::filesystem::path make_temporary_folder(const std::string& prefix);

}  // namespace ph
