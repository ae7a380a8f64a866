// Bytes that are not scenario text (binary data, NUL, invalid UTF-8, UTF-16 JSON) are
// refused before parsing, with a position where one helps; files that cannot be opened
// say why. Encodings YAML allows still load.
#include <catch2/catch.hpp>

#include <cstdint>

#include "scenario_test_util.hpp"

using namespace ph::scenario;
using namespace ph::scenario::test;
using namespace std::string_literals;

namespace {

const std::string kValid = "name: t\n"
                           "operations:\n"
                           "  - {name: a, kind: data_load, symbols: [A], ranges: [{start: 2021-01-01, end: 2021-02-01}]}\n";

// The only problem of `r` (which must have exactly one); a copy, as `r` is often a temporary.
Diagnostic only_problem(const LoadResult& r) {
  INFO(all_problems(r));
  REQUIRE(r.problems.size() == 1);
  return r.problems[0];
}

// Deterministic pseudo-random bytes (a 64-bit LCG's high bytes), NULs included.
std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  std::uint64_t x = 42;
  for (char& c : out) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    c = static_cast<char>(x >> 56);
  }
  return out;
}

// `ascii` as UTF-16LE, with or without a byte-order mark.
std::string utf16le(std::string_view ascii, bool bom) {
  std::string out = bom ? "\xFF\xFE"s : ""s;
  for (const char c : ascii) out += std::string{c, '\0'};
  return out;
}

}  // namespace

TEST_CASE("random bytes are refused as binary data, in YAML and in JSON", "[scenario][encoding]") {
  for (const std::string ext : {".yaml", ".json"}) {
    const auto d = only_problem(load_text(random_bytes(100000), ext));
    CHECK(d.pos.line == 0);  // the whole file
    CHECK_THAT(d.message, Catch::StartsWith("holds binary data, not text"));
    CHECK_THAT(d.format(), Catch::Contains("scenario" + ext + ": holds binary data"));
  }
}

TEST_CASE("a NUL byte in a text file is refused at its line and column", "[scenario][encoding]") {
  const auto yaml = only_problem(load_text("name: t\ndescription: x\0y\noperations: []\n"s));
  CHECK(yaml.pos.line == 2);
  CHECK(yaml.pos.column == 15);
  CHECK_THAT(yaml.message, Catch::StartsWith("contains a NUL byte; a scenario is a text file (YAML or JSON)"));
  CHECK_THAT(yaml.message, !Catch::Contains("escape"));  // not yaml-cpp's reading of it
  const auto json = only_problem(load_text("{\"name\": \"t\0\"}"s, ".json"));
  CHECK(json.pos.line == 1);
  CHECK(json.pos.column == 12);
  CHECK_THAT(json.message, Catch::Contains("NUL byte"));
}

TEST_CASE("a few stray control bytes are not binary data: the parser reports them", "[scenario][encoding]") {
  const auto r = load_text("name: x\nopera\x01\x1b[2Jtions: []\n");
  const Diagnostic* d = problem_at(r, "opera\\x01\\x1b[2Jtions");
  INFO(all_problems(r));
  REQUIRE(d);
  CHECK_THAT(d->message, Catch::StartsWith("unknown key"));
}

TEST_CASE("invalid UTF-8 in YAML is refused at its line and column", "[scenario][encoding]") {
  const auto latin1 = only_problem(load_text("name: t\ndescription: \"caf\xE9\"\noperations: []\n"));
  CHECK(latin1.pos.line == 2);
  CHECK(latin1.pos.column == 18);
  CHECK(latin1.message == "byte 0xE9 is not valid UTF-8 (Latin-1 or Windows-1252 text?); save the file as UTF-8");
  // Well-formed lead bytes whose sequences are not UTF-8: an overlong '/', a UTF-16
  // surrogate, a code point above U+10FFFF, a sequence cut short by the end of the file.
  for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
    const auto d = only_problem(load_text("name: t\noperations: []\n# " + bad));
    CHECK(d.pos.line == 3);
    CHECK(d.pos.column == 3);
    CHECK_THAT(d.message, Catch::Contains("is not valid UTF-8"));
  }
}

TEST_CASE("UTF-8 text, with or without a byte-order mark, loads", "[scenario][encoding]") {
  const std::string text = "name: t\ndescription: \"caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x93\x88\"\n" +
                           kValid.substr(8);
  for (const std::string bom : {"", "\xEF\xBB\xBF"}) {
    const auto r = load_text(bom + text);
    INFO(all_problems(r));
    REQUIRE(r.scenario);
    CHECK(r.scenario->description == "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x93\x88");
  }
}

TEST_CASE("UTF-16: YAML with a byte-order mark loads, without one or as JSON it is refused", "[scenario][encoding]") {
  const auto yaml = load_text(utf16le(kValid, true));
  INFO(all_problems(yaml));
  CHECK(yaml.scenario);
  const auto bomless = only_problem(load_text(utf16le(kValid, false)));
  CHECK_THAT(bomless.message, Catch::Contains("UTF-16 text without a byte-order mark") &&
                                  Catch::EndsWith("save the file as UTF-8"));
  const auto json = only_problem(load_text(utf16le("{\"name\": \"t\"}", true), ".json"));
  CHECK(json.message == "is UTF-16 text; a JSON scenario must be UTF-8: save the file as UTF-8");
}

TEST_CASE("invalid UTF-8 in JSON is nlohmann's syntax error, escaped, with the fix", "[scenario][encoding]") {
  const auto d = only_problem(load_text("{\"name\": \"caf\xE9\"}", ".json"));
  CHECK_THAT(d.message, Catch::StartsWith("JSON syntax error") && Catch::Contains("'\"caf\\xe9") &&
                            Catch::EndsWith("save the file as UTF-8"));
}

TEST_CASE("a --set value that is not UTF-8 is refused", "[scenario][encoding][overrides]") {
  LoadOptions o;
  o.overrides = {"name=caf\xE9"};
  const auto d = only_problem(load_text(kValid, ".yaml", o));
  CHECK(d.path == "--set name=caf\\xe9");
  CHECK(d.message == "VALUE is not valid UTF-8 at column 4; pass it as UTF-8 (check the shell's or the script's encoding)");
}

TEST_CASE("a file that cannot be opened says why: a symlink loop is not 'file not found'", "[scenario][files]") {
  TempDir dir;
  std::filesystem::create_symlink("b.yaml", dir.path() / "a.yaml");
  std::filesystem::create_symlink("a.yaml", dir.path() / "b.yaml");
  const auto loop = only_problem(load_scenario(dir.path() / "a.yaml"));
  CHECK_THAT(loop.message, Catch::StartsWith("cannot be opened: too many levels of symbolic links") &&
                               Catch::Contains("point the link at the scenario file"));
  // A link to nothing is still "not found"; a path through a file says so.
  std::filesystem::create_symlink("nowhere.yaml", dir.path() / "dangling.yaml");
  CHECK(only_problem(load_scenario(dir.path() / "dangling.yaml")).message == "file not found");
  const auto file = dir.write("plain.yaml", kValid);
  CHECK_THAT(only_problem(load_scenario(file / "x.yaml")).message,
             Catch::Contains("not a directory") && Catch::Contains("a part of the path is a file"));
}
