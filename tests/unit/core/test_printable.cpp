// Text from user files is escaped before it goes into a one-line message.
#include <catch2/catch.hpp>

#include <string>

#include <fmt/format.h>

#include "perfharness/common/printable.hpp"

using ph::printable;

TEST_CASE("printable passes plain text and valid UTF-8 through", "[printable]") {
  CHECK(printable("sma_cross") == "sma_cross");
  CHECK(printable("Zürich €5 \xF0\x9F\x93\x88") == "Zürich €5 \xF0\x9F\x93\x88");
  CHECK(printable("a\\b") == "a\\b");
  CHECK(printable("") == "");
}

TEST_CASE("printable escapes control bytes, DEL and NUL", "[printable]") {
  CHECK(printable("a\x1b[31mred") == "a\\x1b[31mred");
  CHECK(printable("line\nnext\r\tx") == "line\\nnext\\r\\tx");
  CHECK(printable(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(printable("\x7f") == "\\x7f");
}

TEST_CASE("printable escapes bytes that are not valid UTF-8", "[printable]") {
  CHECK(printable("caf\xE9") == "caf\\xe9");                  // Latin-1
  CHECK(printable("\xC0\xAF") == "\\xc0\\xaf");               // overlong '/'
  CHECK(printable("\xED\xA0\x80") == "\\xed\\xa0\\x80");      // surrogate
  CHECK(printable("\xF4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
  CHECK(printable("\xE2\x82") == "\\xe2\\x82");               // truncated sequence
}

TEST_CASE("printable cuts long text at a character boundary and gives its size", "[printable]") {
  const std::string long_text(500, 'x');
  const std::string cut = printable(long_text, 20);
  CHECK(cut == std::string(20, 'x') + "... (500 bytes)");
  // A 2-byte character that would straddle the limit is left out whole.
  CHECK(printable("xxxxxxxxx\xC3\xA9", 10) == "xxxxxxxxx... (11 bytes)");
  CHECK(printable("\x01\x01\x01", 9) == "\\x01\\x01... (3 bytes)");
}

// The characters a terminal or a CI log acts on although they are valid UTF-8: fmt's `{:?}` is
// the reference for how each is spelled.
TEST_CASE("printable escapes C1 controls, line separators and bidi controls as fmt's {:?} does", "[printable]") {
  const char* hidden[] = {
      "\xC2\x80", "\xC2\x9B" /* CSI */, "\xC2\x9F", "\xD8\x9C" /* ALM */, "\xE2\x80\x8E", "\xE2\x80\x8F",
      "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAA", "\xE2\x80\xAE" /* RLO */, "\xE2\x81\xA6", "\xE2\x81\xA9",
      "\xEF\xBB\xBF", "\x1b", "\x7f", "\x01"};
  for (const char* c : hidden) {
    const std::string text = std::string("a") + c + "b";
    const std::string by_fmt = fmt::format("{:?}", text);
    INFO(by_fmt);
    CHECK(printable(text) == by_fmt.substr(1, by_fmt.size() - 2));
    CHECK(printable(text).find(c) == std::string::npos);
  }
  CHECK(printable("x\xE2\x80\xAEtxt.exe") == "x\\u202etxt.exe");
  CHECK(printable("\xC2\x9B" "2J") == "\\x9b2J");
}

TEST_CASE("printable passes printable characters near the escaped ranges through", "[printable]") {
  for (const char* c : {"\xC2\xA0", "\xC2\xA9", "\xE2\x80\x94" /* em dash */, "\xE2\x80\xA6", "\xE2\x80\xAF", "\xE2\x81\xA0"}) {
    const std::string text = std::string("a") + c;
    CHECK(printable(text) == text);
  }
}
