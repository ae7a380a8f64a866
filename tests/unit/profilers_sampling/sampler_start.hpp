#pragma once
// Starts a sampler for a test, or ends the test: the sampler is expected to work in every
// build here, so a refusal fails the test, except in a sanitizer build, which may
// legitimately step aside (reported as a skip with the sampler's reason).
#include <catch2/catch.hpp>

#include <string>

#include "perfharness/profilers/sampler.hpp"
#include "skip.hpp"

namespace ph_sampling_test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

inline void start_or_skip(ph::profilers::CpuSampler& sampler, double hz) {
  if (sampler.start(hz)) return;
  const std::string reason = sampler.unavailable_reason();
  REQUIRE_FALSE(reason.empty());
  if (kSanitized) ph_test::skip("sampler unavailable in a sanitizer build: " + reason);
  FAIL("sampler unavailable: " << reason);
}

/// Whether a function name or frame holds `part`.
inline bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

}  // namespace ph_sampling_test
