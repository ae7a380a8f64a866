#include "perfharness/common/printable.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "perfharness/common/utf8.hpp"

namespace ph {
namespace {

std::uint32_t decode(std::string_view text, std::size_t i, std::size_t n) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i + k])); };
  std::uint32_t cp = byte(0) & (0xFFu >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (byte(k) & 0x3F);
  return cp;
}

// Characters that are valid text but act on the terminal or the reader rather than show: C1
// controls (U+009B is a CSI on many terminals), line and paragraph separators that split a CI
// log's line, and the bidi controls that let text read differently from its bytes.
bool is_hidden_control(std::uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F || cp == 0x2028 ||
         cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

// fmt's `{:?}` spelling: `\xNN` below U+0100, `\uNNNN` above, lower-case hex.
std::string escaped(std::uint32_t cp) {
  char buf[12];
  if (cp < 0x100) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
  else std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 8);
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::string piece;
    std::size_t consumed = 1;
    if (c == '\t') {
      piece = "\\t";
    } else if (c == '\n') {
      piece = "\\n";
    } else if (c == '\r') {
      piece = "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      piece = escaped(c);
    } else if (c < 0x80) {
      piece.assign(1, static_cast<char>(c));
    } else if (const std::size_t n = utf8_sequence_length(text, i); n > 0) {
      const std::uint32_t cp = decode(text, i, n);
      piece = is_hidden_control(cp) ? escaped(cp) : std::string(text.substr(i, n));
      consumed = n;
    } else {
      piece = escaped(c);
    }
    if (out.size() + piece.size() > max_bytes) {
      out += "... (" + std::to_string(text.size()) + " bytes)";
      return out;
    }
    out += piece;
    i += consumed;
  }
  return out;
}

}  // namespace ph
