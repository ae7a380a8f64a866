#pragma once
// User-supplied text (keys, cells, file names) goes into one-line error messages. Raw control
// bytes there could move the cursor, recolour the terminal or split the line a CI log parses.
#include <cstddef>
#include <string>
#include <string_view>

namespace ph {

/// `text` made safe for a one-line message, spelled as fmt's `{:?}` spells escapes: C0 controls,
/// DEL, C1 controls and bytes that are not valid UTF-8 become `\xnn` (tab, newline and carriage
/// return become `\t`, `\n`, `\r`); U+2028/2029, the bidi controls (U+061C, U+200E/200F,
/// U+202A–202E, U+2066–2069) and U+FEFF become `\unnnn`. A backslash stays as it is, other valid
/// UTF-8 passes through. Longer than `max_bytes` of output, it is cut at a
/// character boundary and ends with "... (N bytes)" giving the input's full size.
std::string printable(std::string_view text, std::size_t max_bytes = 120);

}  // namespace ph
