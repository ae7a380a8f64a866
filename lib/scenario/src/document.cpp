#include "document.hpp"

#include <cerrno>
#include <fstream>
#include <sstream>

#include "perfharness/common/printable.hpp"
#include "source.hpp"

namespace ph::scenario::detail {
namespace {

std::string lowercase_first(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

std::string open_hint(std::error_code ec) {
  if (ec == std::errc::too_many_symbolic_link_levels) return " (the links loop); point the link at the scenario file";
  if (ec == std::errc::permission_denied) return "; check the file's and its folders' permissions";
  if (ec == std::errc::not_a_directory) return "; a part of the path is a file, not a folder";
  return "";
}

}  // namespace

std::optional<Document> read_document(const std::filesystem::path& file, Problems& p) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool json = ext == ".json";
  if (!json && ext != ".yaml" && ext != ".yml") {
    p.add(SourcePos{}, "", "unknown file type '" + printable(ext) + "'; name the scenario .yaml, .yml or .json");
    return std::nullopt;
  }
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    // Not "file not found": a symlink loop (ELOOP), a path through a file (ENOTDIR), a
    // folder without search permission (EACCES) each need their own fix.
    p.add(SourcePos{}, "", "cannot be opened: " + lowercase_first(ec.message()) + open_hint(ec));
    return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(status)) {
    p.add(SourcePos{}, "", std::filesystem::exists(status) ? "is not a regular file" : "file not found");
    return std::nullopt;
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxFileBytes) {
    p.add(SourcePos{}, "", ec ? "cannot read its size: " + ec.message()
                              : "is " + std::to_string(size) + " bytes; scenarios are limited to " +
                                    std::to_string(kMaxFileBytes) + " bytes (4 MiB)");
    return std::nullopt;
  }
  errno = 0;
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open()) {
    const int error = errno;  // std::filebuf::open is fopen: errno says why
    p.add(SourcePos{}, "", error ? "cannot read the file: " + lowercase_first(std::generic_category().message(error)) +
                                       open_hint(std::error_code(error, std::generic_category()))
                                 : std::string("cannot read the file"));
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) {
    p.add(SourcePos{}, "", "cannot read the file");
    return std::nullopt;
  }
  Document doc;
  doc.bytes = std::move(bytes).str();
  if (doc.bytes.size() > kMaxFileBytes) {  // it grew between the size check and the read
    p.add(SourcePos{}, "", "is over the limit of " + std::to_string(kMaxFileBytes) + " bytes (4 MiB)");
    return std::nullopt;
  }
  if (!check_text(doc.bytes, json, p)) return std::nullopt;
  auto root = json ? parse_json(doc.bytes, p) : parse_yaml(doc.bytes, p);
  if (!root) return std::nullopt;
  doc.root = std::move(*root);
  return doc;
}

}  // namespace ph::scenario::detail
