#include "perfharness/data/symbol.hpp"

namespace ph {

bool valid_symbol(std::string_view s) noexcept {
  if (s.empty() || s.size() > 32) return false;
  for (const char c : s) {
    // ASCII ranges spelled out: std::isalnum depends on the locale.
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace ph
