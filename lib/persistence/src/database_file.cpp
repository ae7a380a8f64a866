#include "database_file.hpp"

#include <sys/statvfs.h>

#include <cstdio>
#include <system_error>

#include "perfharness/common/errors.hpp"

namespace ph::persistence {

void check_database_location(const std::filesystem::path& file, bool create) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(file, ec))
    throw RuntimeFailure(file.string() + " is a folder; give --db a database file (a new file name creates one)");
  if (!create || fs::exists(file, ec)) return;
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (!fs::exists(folder, ec))
    throw RuntimeFailure("folder " + folder.string() + " does not exist; create it, or give --db a file in an "
                         "existing folder");
  if (!fs::is_directory(folder, ec))
    throw RuntimeFailure(folder.string() + " is not a folder, so " + file.string() +
                         " cannot be created in it; give --db a file in an existing folder");
}

bool on_read_only_file_system(const std::filesystem::path& file) {
  std::error_code ec;
  std::filesystem::path probe = std::filesystem::absolute(file, ec);
  if (ec) return false;
  while (!std::filesystem::exists(probe, ec) && probe.has_parent_path() && probe != probe.parent_path())
    probe = probe.parent_path();
  struct statvfs info {};
  return ::statvfs(probe.c_str(), &info) == 0 && (info.f_flag & ST_RDONLY) != 0;
}

std::string immutable_uri(const std::filesystem::path& file) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(file, ec);
  const std::string path = (ec ? file : absolute).string();
  // RFC 3986: '?', '#' and '%' in a file name would end or escape the path part.
  std::string uri = "file:";
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      uri += ch;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      uri += buf;
    }
  }
  return uri + "?immutable=1";
}

}  // namespace ph::persistence
