#pragma once
// A test that cannot run here (a prerequisite is missing) says so and ends the process with
// exit code 77, which ctest reports as "Skipped" (SKIP_RETURN_CODE, tests/CMakeLists.txt).
// Catch2 v2 has no skip of its own, and returning early would count as a pass.
// ctest runs each test case in a process of its own, so ending the process ends one test.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace ph_test {

[[noreturn]] inline void skip(const std::string& reason) {
  std::printf("SKIPPED: %s\n", reason.c_str());
  std::fflush(stdout);
  std::fflush(stderr);
  // _Exit: no exit handlers, so neither Catch2's summary nor LeakSanitizer's exit check runs
  // on a test that was cut short on purpose.
  std::_Exit(77);
}

}  // namespace ph_test
