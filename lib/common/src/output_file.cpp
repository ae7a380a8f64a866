#include "perfharness/common/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <vector>

#include "perfharness/common/errors.hpp"

namespace ph {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxSymlinkHops = 40;  // as the kernel's ELOOP limit

// The descriptor a path names by itself ("-", /dev/stdout, /dev/fd/N), or -1. Writing to the
// descriptor keeps the shell's redirection (its offset, its append mode) as `cmd > file` means.
int named_descriptor(const fs::path& path) {
  const std::string s = path.string();
  if (s == "-" || s == "/dev/stdout") return STDOUT_FILENO;
  if (s == "/dev/stderr") return STDERR_FILENO;
  for (const std::string prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (s.rfind(prefix, 0) != 0) continue;
    const std::string digits = s.substr(prefix.size());
    if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::atoi(digits.c_str());
  }
  return -1;
}

struct Resolved {
  fs::path target;  // the path with every symlink followed
  bool exists = false;
  struct stat st {};
  int error = 0;  // lstat's errno other than ENOENT, or ELOOP
};

Resolved resolve(const fs::path& path) {
  Resolved r;
  r.target = path;
  for (int hop = 0; hop <= kMaxSymlinkHops; ++hop) {
    if (::lstat(r.target.c_str(), &r.st) != 0) {
      // Missing, or a file where a folder should be: the folder checks name the fix.
      if (errno != ENOENT && errno != ENOTDIR) r.error = errno;
      return r;
    }
    if (!S_ISLNK(r.st.st_mode)) {
      r.exists = true;
      return r;
    }
    std::error_code ec;
    const fs::path link = fs::read_symlink(r.target, ec);
    if (ec) {
      r.error = ec.value();
      return r;
    }
    r.target = link.is_absolute() ? link : r.target.parent_path() / link;
  }
  r.error = ELOOP;
  return r;
}

fs::path folder_of(const fs::path& path) {
  const auto parent = path.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// The nearest part of `folder` that exists but is not a folder (a file where the path needs
// a folder), or empty when the folder is merely missing: the two need different fixes.
fs::path file_in_the_way(const fs::path& folder) {
  for (auto p = folder; !p.empty(); p = p.parent_path()) {
    std::error_code ec;
    const auto st = fs::status(p, ec);
    if (fs::exists(st)) return fs::is_directory(st) ? fs::path() : p;
    if (p == p.parent_path()) break;
  }
  return {};
}

bool written_through(const struct stat& st) {
  return S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) || S_ISSOCK(st.st_mode);
}

// The mode a file created with 0666 gets under the process's umask. Read from /proc rather
// than with umask(2), which can only be read by changing it (a race with other threads).
mode_t new_file_mode() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("Umask:", 0) == 0) return static_cast<mode_t>(0666 & ~std::strtoul(line.c_str() + 6, nullptr, 8));
  return 0644;
}

void sync_folder(const fs::path& folder) {
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return;
  // Some file systems refuse fsync on folders (EINVAL); the rename has happened either way.
  static_cast<void>(::fsync(dir));
  ::close(dir);
}

// A folder or a block device is never an output, whatever writes it.
void refuse_kind(const Resolved& r, const std::string& named) {
  if (!r.exists) return;
  if (S_ISDIR(r.st.st_mode)) throw RuntimeFailure(named + " is a folder; give a file name");
  if (S_ISBLK(r.st.st_mode))
    throw RuntimeFailure(named + " is a block device; perfharness does not write onto disks, give a file name");
}

}  // namespace

OutputFile::OutputFile(const fs::path& path) : path_(path) {
  if (const int fd = named_descriptor(path); fd >= 0) {
    if (::fcntl(fd, F_GETFD) < 0) fail("descriptor " + std::to_string(fd) + " is not open", EBADF);
    fd_ = fd;
    return;
  }
  const Resolved r = resolve(path);
  if (r.error != 0) fail("cannot resolve the path", r.error);
  target_ = r.target;
  refuse_kind(r, path_.string());
  if (r.exists && written_through(r.st)) {
    fd_ = ::open(target_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd_ < 0) fail("cannot open it for writing", errno);
    owns_fd_ = true;
    return;
  }
  const fs::path folder = folder_of(target_);
  std::string templ = (folder / ("." + target_.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(templ.begin(), templ.end());
  name.push_back('\0');
  // mkostemp: a name nobody can guess, created with O_EXCL, so a planted file or symlink
  // is never followed.
  fd_ = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd_ < 0)
    throw RuntimeFailure("cannot write " + path_.string() + ": " + std::strerror(errno) + "; choose a writable location");
  temp_ = name.data();
  owns_fd_ = true;
  if (::fchmod(fd_, new_file_mode()) != 0) fail("cannot set the file's mode", errno);
}

OutputFile::~OutputFile() { discard(); }

void OutputFile::discard() noexcept {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
  owns_fd_ = false;
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

void OutputFile::fail(const std::string& what, int error) {
  discard();
  throw RuntimeFailure("cannot write " + path_.string() + ": " + what + ": " + std::strerror(error));
}

void OutputFile::write(std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      discard();
      throw RuntimeFailure("cannot write " + path_.string() + ": " + std::strerror(err) +
                           (err == ENOSPC || err == EDQUOT ? " (disk full?)" : ""));
    }
    done += static_cast<std::size_t>(n);
  }
}

void OutputFile::commit() {
  if (committed_) return;
  if (temp_.empty()) {  // written straight through: nothing to rename
    if (owns_fd_ && ::close(fd_) != 0 && errno != EINTR) {
      owns_fd_ = false;
      fail("closing it failed", errno);
    }
    owns_fd_ = false;
    fd_ = -1;
    committed_ = true;
    return;
  }
  if (::fsync(fd_) != 0) fail("fsync failed", errno);
  const int closed = ::close(fd_);
  owns_fd_ = false;
  fd_ = -1;
  if (closed != 0) fail("closing it failed", errno);
  if (std::rename(temp_.c_str(), target_.c_str()) != 0) fail("cannot replace it", errno);
  temp_.clear();  // it is the target now
  committed_ = true;
  sync_folder(folder_of(target_));
}

void write_output_file(const fs::path& path, std::string_view content) {
  OutputFile out(path);
  out.write(content);
  out.commit();
}

void check_output_writable(const fs::path& path, const char* what) {
  const std::string named = std::string(what) + " " + path.string();
  if (const int fd = named_descriptor(path); fd >= 0) {
    if (::fcntl(fd, F_GETFD) < 0) throw RuntimeFailure(named + ": descriptor " + std::to_string(fd) + " is not open");
    return;
  }
  const Resolved r = resolve(path);
  if (r.error != 0) throw RuntimeFailure(named + ": " + std::strerror(r.error) + "; give another path");
  refuse_kind(r, named);
  if (r.exists && written_through(r.st)) {
    if (::access(r.target.c_str(), W_OK) != 0)
      throw RuntimeFailure(named + " is not writable (" + std::strerror(errno) + "); choose another location");
    return;
  }
  const fs::path folder = folder_of(r.target);
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    if (const auto file = file_in_the_way(folder); !file.empty())
      throw RuntimeFailure(named + ": " + file.string() + " is not a folder; give a path inside an existing folder");
    throw RuntimeFailure(named + ": folder " + folder.string() + " does not exist; create it first");
  }
  if (::access(folder.c_str(), W_OK) != 0)
    throw RuntimeFailure(named + ": folder " + folder.string() + " is not writable (" + std::strerror(errno) +
                         "); choose another location");
}

fs::path make_temporary_folder(const std::string& prefix) {
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string templ = (base / (prefix + "-XXXXXX")).string();
  std::vector<char> name(templ.begin(), templ.end());
  name.push_back('\0');
  if (::mkdtemp(name.data()) == nullptr)
    throw RuntimeFailure("cannot create a temporary folder in " + base.string() + ": " + std::strerror(errno) +
                         "; set TMPDIR to a writable folder");
  return fs::path(name.data());
}

}  // namespace ph
