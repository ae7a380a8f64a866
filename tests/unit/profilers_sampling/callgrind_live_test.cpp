// Live callgrind runs (tag [valgrind]): this test binary re-runs itself under callgrind with a
// hidden test case that brackets a fixed workload in InstructionRegions, twice, and the
// perfharness binary runs a backtest under callgrind twice. Instruction counts must repeat exactly.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "perfharness/profilers/callgrind.hpp"
#include "scratch_folder.hpp"
#include "skip.hpp"

using namespace ph::profilers;

static __attribute__((noipa)) long callgrind_test_workload(long n) {
  long s = 0;
  for (long i = 0; i < n; ++i) s += i * i % 7;
  return s;
}

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr const char* kCannotRun = "AddressSanitizer builds cannot run under valgrind";
#else
constexpr const char* kCannotRun = nullptr;
#endif

void skip_unless_valgrind_usable() {
  if (kCannotRun != nullptr) ph_test::skip(kCannotRun);
  if (find_valgrind().empty()) ph_test::skip("valgrind is not installed (Debian package 'valgrind')");
}

}  // namespace

// Runs only in the child that run_under_callgrind starts (hidden from normal runs by the "."
// tag).
TEST_CASE("callgrind child: measured regions", "[.callgrind_child]") {
  REQUIRE(is_callgrind_child());
  REQUIRE(running_on_valgrind());
  long sink = 0;
  {
    InstructionRegion r("workload_20000");
    sink += callgrind_test_workload(20000);
  }
  {
    InstructionRegion r("workload_1000");
    sink += callgrind_test_workload(1000);
  }
  CHECK(sink > 0);
}

TEST_CASE("instruction counts of a labelled region repeat exactly under callgrind", "[valgrind]") {
  skip_unless_valgrind_usable();
  std::vector<std::map<std::string, std::uint64_t>> runs;
  for (int i = 0; i < 2; ++i) {
    ph_test::ScratchFolder scratch("ph-callgrind-test");
    CallgrindLaunch l;
    l.args = {"callgrind child: measured regions"};
    l.out_dir = scratch.file("self");
    l.stdout_file = l.out_dir / "child.stdout";
    l.stderr_file = l.out_dir / "child.stderr";
    const CallgrindRun run = run_under_callgrind(l);
    INFO("command: " << run.command[0] << " ... exit " << run.exit_code << ", output in " << l.out_dir);
    REQUIRE(run.exit_code == 0);
    CHECK(run.files.size() == 3);  // two region dumps + the termination dump
    runs.push_back(run.instructions);
    std::filesystem::remove_all(l.out_dir);
  }
  REQUIRE(runs[0].size() == 2);
  const std::uint64_t big = runs[0].at("workload_20000");
  const std::uint64_t small = runs[0].at("workload_1000");
  WARN("workload_20000: " << big << " instructions, workload_1000: " << small);
  CHECK(runs[0] == runs[1]);
  // The loop body is the same; 20x the iterations is close to 20x the instructions.
  CHECK(static_cast<double>(big) / static_cast<double>(small) == Approx(20.0).epsilon(0.25));
}

TEST_CASE("a whole perfharness backtest has the same instruction total twice", "[valgrind]") {
  skip_unless_valgrind_usable();
  std::vector<std::uint64_t> totals;
  for (int i = 0; i < 2; ++i) {
    CallgrindLaunch l;
    l.program = PH_BINARY;
    l.args = {"backtest", "--synthetic", "CGTEST", "--strategy", "sma_cross", "--start", "2023-01-01"};
    l.collect_at_start = true;
    ph_test::ScratchFolder scratch("ph-callgrind-test");
    l.out_dir = scratch.file("backtest");
    l.stdout_file = l.out_dir / "backtest.json";
    l.stderr_file = l.out_dir / "valgrind.stderr";
    const CallgrindRun run = run_under_callgrind(l);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.dumps.size() == 1);
    CHECK(run.dumps[0].trigger == "Program termination");
    CHECK(run.instructions.empty());  // no client-request dumps in a plain run
    totals.push_back(run.dumps[0].instructions);
    std::filesystem::remove_all(l.out_dir);
  }
  WARN("backtest instructions: " << totals[0]);
  CHECK(totals[0] > 100000);
  CHECK(totals[0] == totals[1]);
}
