#include "perfharness/report/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "perfharness/common/errors.hpp"

namespace ph::report {
namespace {
std::filesystem::path folder_of(const std::filesystem::path& path) {
  const auto parent = path.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

// The nearest part of `folder` that exists but is not a folder (a file where the path
// needs a folder), or empty when the folder is merely missing: the two need different fixes.
std::filesystem::path file_in_the_way(const std::filesystem::path& folder) {
  for (auto p = folder; !p.empty(); p = p.parent_path()) {
    std::error_code ec;
    const auto st = std::filesystem::status(p, ec);
    if (std::filesystem::exists(st)) return std::filesystem::is_directory(st) ? std::filesystem::path() : p;
    if (p == p.parent_path()) break;
  }
  return {};
}
}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const std::string tmp = (folder_of(path) / ("." + path.filename().string() + ".tmp." + std::to_string(getpid()))).string();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw RuntimeFailure("cannot write " + path.string() + ": " + std::strerror(errno) + "; choose a writable location");
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw RuntimeFailure("cannot write " + path.string() + ": " + std::strerror(err) + " (disk full?)");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw RuntimeFailure("cannot write " + path.string() + ": " + std::strerror(err));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw RuntimeFailure("cannot write " + path.string() + ": " + std::strerror(err));
  }
}

void check_writable(const std::filesystem::path& path, const char* what) {
  const auto folder = folder_of(path);
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    if (const auto file = file_in_the_way(folder); !file.empty())
      throw RuntimeFailure(std::string(what) + " " + path.string() + ": " + file.string() +
                           " is not a folder; give a path inside an existing folder");
    throw RuntimeFailure(std::string(what) + " " + path.string() + ": folder " + folder.string() + " does not exist; create it first");
  }
  if (std::filesystem::is_directory(path, ec))
    throw RuntimeFailure(std::string(what) + " " + path.string() + " is a folder; give a file name");
  if (::access(folder.c_str(), W_OK) != 0)
    throw RuntimeFailure(std::string(what) + " " + path.string() + ": folder " + folder.string() + " is not writable (" +
                         std::strerror(errno) + "); choose another location");
}

}  // namespace ph::report
