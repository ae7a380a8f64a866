// The bytes of a scenario, checked before a parser sees them. Left to the parsers, a NUL
// reads as a YAML escape error, random bytes as a JSON "invalid literal", and invalid
// UTF-8 passes yaml-cpp untouched until the report write refuses it after the whole run.
#include <algorithm>
#include <cstdio>
#include <string>

#include "source.hpp"

namespace ph::scenario::detail {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// The encoding a byte-order mark announces, or nullptr for none (or UTF-8's).
const char* wide_bom(std::string_view text) {
  using namespace std::string_view_literals;
  if (starts_with(text, "\x00\x00\xFE\xFF"sv) || starts_with(text, "\xFF\xFE\x00\x00"sv)) return "UTF-32";
  if (starts_with(text, "\xFE\xFF"sv) || starts_with(text, "\xFF\xFE"sv)) return "UTF-16";
  return nullptr;
}

// ASCII text saved as UTF-16 without a byte-order mark: every other byte is NUL.
bool looks_like_bomless_utf16(std::string_view text) {
  const std::size_t n = std::min<std::size_t>(text.size(), 64) & ~std::size_t{1};
  if (n < 4) return false;
  for (const std::size_t zero : {std::size_t{0}, std::size_t{1}}) {
    bool match = true;
    for (std::size_t i = 0; i < n && match; ++i) match = (text[i] == '\0') == (i % 2 == zero);
    if (match) return true;
  }
  return false;
}

// Control bytes other than tab, line feed and carriage return among the first 4 KiB.
// Text has none or a stray few; random bytes have one in nine.
std::size_t control_bytes(std::string_view sample) {
  std::size_t count = 0;
  for (const char ch : sample) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) ++count;
  }
  return count;
}

std::string hex_byte(char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned char>(c));
  return buf;
}

}  // namespace

bool check_text(std::string_view bytes, bool json, Problems& p) {
  if (const char* wide = wide_bom(bytes)) {
    if (!json) return true;  // YAML allows UTF-16 and UTF-32; yaml-cpp decodes them
    p.add(SourcePos{}, "", std::string("is ") + wide + " text; a JSON scenario must be UTF-8: save the file as UTF-8");
    return false;
  }
  if (looks_like_bomless_utf16(bytes)) {
    p.add(SourcePos{}, "", "looks like UTF-16 text without a byte-order mark (every other byte is NUL); "
                           "save the file as UTF-8");
    return false;
  }
  const std::string_view sample = bytes.substr(0, 4096);
  if (const std::size_t controls = control_bytes(sample); controls >= 8 && controls * 20 > sample.size()) {
    p.add(SourcePos{}, "", "holds binary data, not text (" + std::to_string(controls) + " of its first " +
                               std::to_string(sample.size()) +
                               " bytes are control bytes); a scenario is a YAML or JSON text file: check that this is "
                               "the right file");
    return false;
  }
  if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    p.add(LineIndex(bytes).at(nul), "",
          "contains a NUL byte; a scenario is a text file (YAML or JSON): remove the byte, or check that this is "
          "the right file");
    return false;
  }
  // nlohmann checks UTF-8 itself, inside strings (the only place JSON allows non-ASCII),
  // and reports the byte with its position; yaml-cpp does not check.
  if (!json) {
    if (const auto bad = first_invalid_utf8(bytes)) {
      p.add(LineIndex(bytes).at(*bad), "",
            "byte " + hex_byte(bytes[*bad]) +
                " is not valid UTF-8 (Latin-1 or Windows-1252 text?); save the file as UTF-8");
      return false;
    }
  }
  return true;
}

}  // namespace ph::scenario::detail
