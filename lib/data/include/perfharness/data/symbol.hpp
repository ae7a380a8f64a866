#pragma once
// One rule for symbol names wherever they come from (a scenario, the command line): a
// symbol becomes part of file names (SYMBOL.csv) and report keys, so path separators,
// control bytes and unbounded lengths are kept out.
#include <string_view>

namespace ph {

/// The rule in words, for error messages.
inline constexpr std::string_view kSymbolRule = "letters, digits, '.', '-', '_'; 1 to 32 characters";

/// Whether `s` follows kSymbolRule.
bool valid_symbol(std::string_view s) noexcept;

}  // namespace ph
