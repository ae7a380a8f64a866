// Source frames through libdw: a function inlined into another is a frame of its own under
// it, and the hottest self function carries its most-sampled source line.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>
#include <string>

#include "cpu_burn.hpp"
#include "sampler_start.hpp"
#include "sampler_symbols.hpp"
#include "perfharness/profilers/sampler.hpp"

using namespace ph::profilers;
using ph_sampling_test::burn_for;
using ph_sampling_test::contains;
using ph_sampling_test::start_or_skip;

namespace {
constexpr int kInlinedFirstLine = __LINE__ + 2;
static inline __attribute__((always_inline)) double source_test_inlined_step(double x) {
  for (int i = 0; i < 64; ++i) x = x * 1.0000001 + 1e-9;
  return x;
}
constexpr int kInlinedLastLine = __LINE__ - 1;
}  // namespace

static __attribute__((noipa)) double source_test_host(int n) {
  double x = 1.0;
  for (int i = 0; i < n; ++i) x = source_test_inlined_step(x);
  return x;
}

TEST_CASE("an inlined function is a frame under its host, with its source line", "[sampler][source]") {
  CpuSampler sampler;
  start_or_skip(sampler, 4000.0);
  burn_for(0.3, [](int n) { return source_test_host(n / 64); });
  sampler.stop();
  const SampleProfile profile = sampler.profile();
  std::uint64_t inlined = 0, under_host = 0;
  for (const auto& s : profile.stacks()) {
    if (!contains(s.frames.back(), "source_test_inlined_step")) continue;
    inlined += s.count;
    if (s.frames.size() >= 2 && contains(s.frames[s.frames.size() - 2], "source_test_host")) under_host += s.count;
  }
  INFO(inlined << " of " << profile.total_samples() << " samples in the inlined function, " << under_host
               << " of them under its host");
  CHECK(inlined > profile.total_samples() / 2);
  CHECK(under_host == inlined);

  const auto top = profile.top_self(1);
  REQUIRE(top.size() == 1);
  INFO("hottest: " << top[0].function << " at " << top[0].line << "; the inlined body is lines " << kInlinedFirstLine
                   << ".." << kInlinedLastLine);
  CHECK(contains(top[0].function, "source_test_inlined_step"));
  std::smatch m;
  const std::regex where(R"(^sampler_source_test\.cpp:([0-9]+)$)");
  REQUIRE(std::regex_match(top[0].line, m, where));
  const int line = std::stoi(m[1]);
  CHECK(line >= kInlinedFirstLine);
  CHECK(line <= kInlinedLastLine);
}

TEST_CASE("the symbolizer names the executable's static functions, libc's and unknown addresses", "[sampler][source]") {
  detail::Symbolizer symbols;
  const auto host = reinterpret_cast<std::uintptr_t>(&source_test_host);
  CHECK(contains(symbols.function_name(host + 1), "source_test_host"));
  CHECK_FALSE(symbols.frames_at(host + 1).front().location.empty());
  const auto libc = reinterpret_cast<std::uintptr_t>(&std::qsort);
  CHECK(contains(symbols.function_name(libc + 1), "qsort"));
  CHECK(symbols.function_name(0x10) == "[unknown]");
}
