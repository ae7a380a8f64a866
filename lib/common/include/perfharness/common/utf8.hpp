#pragma once
// UTF-8 validity, as RFC 3629 defines it: overlong forms, surrogates (U+D800–U+DFFF) and code
// points above U+10FFFF are not valid.
#include <cstddef>
#include <optional>
#include <string_view>

namespace ph {

/// The length (2–4) of the valid multi-byte sequence starting at `text[i]`, or 0 when the bytes
/// there are not one (ASCII bytes, stray continuation bytes and cut sequences included).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept;

/// The offset of the first byte of `text` that does not start valid UTF-8, or nothing.
std::optional<std::size_t> first_invalid_utf8(std::string_view text) noexcept;

}  // namespace ph
