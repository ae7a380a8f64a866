// Callgrind output parser on real fixture files (tests/data/callgrind, see its README) and
// on hand-written variants of the format.
#include <catch2/catch.hpp>

#include "perfharness/common/errors.hpp"
#include "perfharness/profilers/callgrind.hpp"

using namespace ph::profilers;

namespace {
const std::filesystem::path kFixtures = std::filesystem::path(PH_TEST_DATA_DIR) / "callgrind";
}

TEST_CASE("split dump files: one part per file, in dump order", "[callgrind]") {
  const auto files = callgrind_files(kFixtures / "split", 4242);
  REQUIRE(files.size() == 5);
  CHECK(files[0].filename() == "callgrind.out.4242.1");
  CHECK(files[3].filename() == "callgrind.out.4242.4");
  CHECK(files[4].filename() == "callgrind.out.4242");  // program termination comes last

  std::vector<CallgrindDump> dumps;
  for (const auto& f : files) {
    const auto d = parse_callgrind_file(f);
    REQUIRE(d.size() == 1);
    dumps.push_back(d[0]);
  }
  CHECK(dumps[0].part == 1);
  CHECK(dumps[0].label == "sum_1000");
  CHECK(dumps[0].trigger == "Client Request: sum_1000");
  CHECK(dumps[0].instructions == 15061);
  CHECK(dumps[1].label == "sum_5000");
  CHECK(dumps[1].instructions == 75061);
  CHECK(dumps[2].instructions == 15061);
  CHECK(dumps[3].label == "outer");
  CHECK(dumps[3].instructions == 30239);
  CHECK(dumps[4].trigger == "Program termination");
  CHECK(dumps[4].label.empty());
  CHECK(dumps[4].instructions == 0);

  const auto by_label = instructions_by_label(dumps);
  const std::map<std::string, std::uint64_t> expected{{"sum_1000", 30122}, {"sum_5000", 75061}, {"outer", 30239}};
  CHECK(by_label == expected);  // no "inner" (nested) and no termination dump
}

TEST_CASE("combined dumps: several parts in one file", "[callgrind]") {
  const auto dumps = parse_callgrind_file(kFixtures / "combined" / "callgrind.out.4243");
  REQUIRE(dumps.size() == 5);
  for (int i = 0; i < 5; ++i) CHECK(dumps[static_cast<std::size_t>(i)].part == i + 1);
  CHECK(dumps[1].label == "sum_5000");
  CHECK(dumps[1].instructions == 75061);
  CHECK(instructions_by_label(dumps).at("sum_1000") == 30122);
}

TEST_CASE("Ir is found by its position in the events line", "[callgrind]") {
  const std::string text =
      "# callgrind format\nversion: 1\nevents: Dr Ir Dw\npart: 1\n"
      "desc: Trigger: Client Request: cached\nsummary: 10 250 7\ntotals: 10 250 7\n";
  const auto dumps = parse_callgrind_text(text, "inline");
  REQUIRE(dumps.size() == 1);
  CHECK(dumps[0].instructions == 250);
  CHECK(dumps[0].label == "cached");
}

TEST_CASE("totals is used when summary is absent, and omitted trailing costs are 0", "[callgrind]") {
  const auto a = parse_callgrind_text("# callgrind format\nevents: Ir\ntotals: 42\n", "a");
  REQUIRE(a.size() == 1);
  CHECK(a[0].instructions == 42);
  const auto b = parse_callgrind_text("# callgrind format\nevents: Dr Ir\nsummary: 5\n", "b");
  CHECK(b.at(0).instructions == 0);
}

TEST_CASE("malformed callgrind output is an InputError naming file and field", "[callgrind]") {
  auto message_of = [](const std::string& text) {
    try {
      parse_callgrind_text(text, "bad.out");
    } catch (const ph::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message_of("hello\n").find("bad.out: not callgrind output") == 0);
  CHECK(message_of("# callgrind format\nevents: Ir\npart: 1\n").find("summary") != std::string::npos);
  CHECK(message_of("# callgrind format\nevents: Dr\nsummary: 1\n").find("Ir") != std::string::npos);
  CHECK(message_of("# callgrind format\nevents: Ir\nsummary: x12\n").find("'summary'") != std::string::npos);
  CHECK_THROWS_AS(parse_callgrind_file(kFixtures / "missing.out"), ph::InputError);
}

TEST_CASE("the valgrind command line re-runs the program with collection off", "[callgrind]") {
  CallgrindLaunch l;
  l.valgrind = "/usr/bin/valgrind";
  l.program = "/opt/ph/perfharness";
  l.args = {"run", "scenario.yaml"};
  l.out_dir = "/tmp/cg";
  const std::vector<std::string> expected{"/usr/bin/valgrind", "--tool=callgrind", "--collect-atstart=no",
                                          "--callgrind-out-file=/tmp/cg/callgrind.out.%p", "/opt/ph/perfharness",
                                          "run", "scenario.yaml"};
  CHECK(callgrind_command_line(l) == expected);
  l.collect_at_start = true;
  CHECK(callgrind_command_line(l)[2] == "--collect-atstart=yes");
}

TEST_CASE("outside valgrind the client requests are inert", "[callgrind]") {
  if (is_callgrind_child()) return;  // the live test re-runs this binary under valgrind
  CHECK_FALSE(running_on_valgrind());
  InstructionRegion outer("outer");
  InstructionRegion inner("inner");
  callgrind_dump_stats("not-under-valgrind");
}
