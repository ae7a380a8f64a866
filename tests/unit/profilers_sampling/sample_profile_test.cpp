// SampleProfile built from known stacks: merging, ranking, recursion, collapsed output.
#include <catch2/catch.hpp>

#include <filesystem>

#include "perfharness/common/errors.hpp"
#include "perfharness/profilers/sampler.hpp"

using namespace ph::profilers;

namespace {

SampleProfile example() {
  return SampleProfile({
      {{"main", "run", "sma"}, 5},
      {{"main", "run", "ema"}, 3},
      {{"main", "run", "sma"}, 2},          // same stack again: merged
      {{"main", "fib", "fib", "fib"}, 4},   // recursion
      {{"main"}, 1},
      {{"main", "zero"}, 0},                // no samples: dropped
  });
}

}  // namespace

TEST_CASE("collapsed lines merge equal stacks and sort by count", "[sampler][profile]") {
  const auto p = example();
  CHECK(p.total_samples() == 15);
  const std::vector<std::string> expected{"main;run;sma 7", "main;fib;fib;fib 4", "main;run;ema 3", "main 1"};
  CHECK(p.collapsed_lines() == expected);
}

TEST_CASE("top functions by self and by inclusive samples, descending", "[sampler][profile]") {
  const auto p = example();
  const auto self = p.top_self(10);
  REQUIRE(self.size() == 4);
  CHECK(self[0].function == "sma");
  CHECK(self[0].samples == 7);
  CHECK(self[0].fraction == Approx(7.0 / 15.0));
  CHECK(self[1].function == "fib");
  CHECK(self[2].function == "ema");
  CHECK(self[3].function == "main");
  CHECK(self[3].samples == 1);

  const auto inclusive = p.top_inclusive(3);
  REQUIRE(inclusive.size() == 3);
  CHECK(inclusive[0].function == "main");
  CHECK(inclusive[0].samples == 15);
  CHECK(inclusive[1].function == "run");
  CHECK(inclusive[1].samples == 10);
  CHECK(inclusive[2].function == "sma");  // 7, ahead of fib's 4 counted once despite recursion
  CHECK(p.top_inclusive(100).size() == 6 - 1);  // main run sma ema fib
  for (const auto& f : p.top_inclusive(100))
    if (f.function == "fib") CHECK(f.samples == 4);
}

TEST_CASE("frame names cannot break the collapsed format", "[sampler][profile]") {
  const SampleProfile p({{{"a;b", "operator()(int, long)"}, 2}});
  REQUIRE(p.collapsed_lines().size() == 1);
  CHECK(p.collapsed_lines()[0] == "a:b;operator()(int, long) 2");
}

TEST_CASE("write_collapsed names the path when it cannot write", "[sampler][profile]") {
  const auto bad = std::filesystem::path("/nonexistent-dir-for-ph-test/cpu.collapsed");
  try {
    example().write_collapsed(bad);
    FAIL("expected RuntimeFailure");
  } catch (const ph::RuntimeFailure& e) {
    CHECK(std::string(e.what()).find("/nonexistent-dir-for-ph-test") != std::string::npos);
  }
}
