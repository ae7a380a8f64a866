// Text from user files is escaped before it goes into a one-line message.
#include <catch2/catch.hpp>

#include <string>

#include "perfharness/common/printable.hpp"

using ph::printable;

TEST_CASE("printable passes plain text and valid UTF-8 through", "[printable]") {
  CHECK(printable("sma_cross") == "sma_cross");
  CHECK(printable("Zürich €5 \xF0\x9F\x93\x88") == "Zürich €5 \xF0\x9F\x93\x88");
  CHECK(printable("a\\b") == "a\\b");
  CHECK(printable("") == "");
}

TEST_CASE("printable escapes control bytes, DEL and NUL", "[printable]") {
  CHECK(printable("a\x1b[31mred") == "a\\x1B[31mred");
  CHECK(printable("line\nnext\r\tx") == "line\\nnext\\r\\tx");
  CHECK(printable(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(printable("\x7f") == "\\x7F");
}

TEST_CASE("printable escapes bytes that are not valid UTF-8", "[printable]") {
  CHECK(printable("caf\xE9") == "caf\\xE9");                  // Latin-1
  CHECK(printable("\xC0\xAF") == "\\xC0\\xAF");               // overlong '/'
  CHECK(printable("\xED\xA0\x80") == "\\xED\\xA0\\x80");      // surrogate
  CHECK(printable("\xF4\x90\x80\x80") == "\\xF4\\x90\\x80\\x80");  // above U+10FFFF
  CHECK(printable("\xE2\x82") == "\\xE2\\x82");               // truncated sequence
}

TEST_CASE("printable cuts long text at a character boundary and gives its size", "[printable]") {
  const std::string long_text(500, 'x');
  const std::string cut = printable(long_text, 20);
  CHECK(cut == std::string(20, 'x') + "... (500 bytes)");
  // A 2-byte character that would straddle the limit is left out whole.
  CHECK(printable("xxxxxxxxx\xC3\xA9", 10) == "xxxxxxxxx... (11 bytes)");
  CHECK(printable("\x01\x01\x01", 9) == "\\x01\\x01... (3 bytes)");
}
