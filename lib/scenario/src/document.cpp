#include "document.hpp"

#include <fstream>
#include <sstream>

#include "perfharness/common/printable.hpp"
#include "source.hpp"

namespace ph::scenario::detail {

std::optional<Document> read_document(const std::filesystem::path& file, Problems& p) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool json = ext == ".json";
  if (!json && ext != ".yaml" && ext != ".yml") {
    p.add(SourcePos{}, "", "unknown file type '" + printable(ext) + "'; name the scenario .yaml, .yml or .json");
    return std::nullopt;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    p.add(SourcePos{}, "", std::filesystem::exists(file, ec) ? "is not a regular file" : "file not found");
    return std::nullopt;
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxFileBytes) {
    p.add(SourcePos{}, "", ec ? "cannot read its size: " + ec.message()
                              : "is " + std::to_string(size) + " bytes; scenarios are limited to " +
                                    std::to_string(kMaxFileBytes) + " bytes (4 MiB)");
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
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
