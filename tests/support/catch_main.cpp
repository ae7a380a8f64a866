// Catch2's main, stricter than its default: a filter that matches no test case (NoTests) and
// a test case that checked nothing (NoAssertions) fail instead of passing empty. Set here
// rather than on ctest's command lines: Catch2 v2 accepts one -w only, and a test binary
// run by hand should be as strict as one run by ctest.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
  Catch::Session session;
  const int parsed = session.applyCommandLine(argc, argv);
  if (parsed != 0) return parsed;
  auto& config = session.configData();
  config.warnings = static_cast<Catch::WarnAbout::What>(config.warnings | Catch::WarnAbout::NoAssertions |
                                                        Catch::WarnAbout::NoTests);
  return session.run();
}
