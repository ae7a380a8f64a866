// UTF-8 validity as RFC 3629 defines it (lib/common utf8.hpp).
#include <catch2/catch.hpp>

#include <string>

#include "perfharness/common/utf8.hpp"

using ph::first_invalid_utf8;
using ph::utf8_sequence_length;

TEST_CASE("valid UTF-8 sequences have their length", "[utf8]") {
  CHECK(utf8_sequence_length("\xC3\xA9", 0) == 2);          // é
  CHECK(utf8_sequence_length("\xE2\x82\xAC", 0) == 3);      // €
  CHECK(utf8_sequence_length("\xF0\x9F\x98\x80", 0) == 4);  // U+1F600
  CHECK(utf8_sequence_length("a\xC3\xA9", 1) == 2);
  CHECK(utf8_sequence_length("a", 0) == 0);  // ASCII is not a multi-byte sequence
  CHECK(utf8_sequence_length("a", 5) == 0);  // past the end
  CHECK_FALSE(first_invalid_utf8("plain ASCII, caf\xC3\xA9, \xE2\x82\xAC 5, \xF4\x8F\xBF\xBF").has_value());
}

TEST_CASE("invalid UTF-8 is found at its first byte", "[utf8]") {
  CHECK(first_invalid_utf8("ab\xC0\x80") == 2u);          // overlong NUL
  CHECK(first_invalid_utf8("\xE0\x80\xAF") == 0u);        // overlong '/'
  CHECK(first_invalid_utf8("x\xED\xA0\x80") == 1u);       // a UTF-16 surrogate
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0u);    // above U+10FFFF
  CHECK(first_invalid_utf8("ok \x80") == 3u);             // a stray continuation byte
  CHECK(first_invalid_utf8("caf\xC3") == 3u);             // cut at the end
  CHECK(first_invalid_utf8("\xE2\x82x") == 0u);           // cut in the middle
  CHECK(first_invalid_utf8("caf\xE9") == 3u);             // Latin-1 é
  CHECK(first_invalid_utf8(std::string("a\0b", 3)) == std::nullopt);  // NUL is valid UTF-8
}
