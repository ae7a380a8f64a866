// The kernel's sample ring read directly: records that wrap around the ring's end come out
// whole, and samples the kernel had to drop (ring full) are counted, not lost silently.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "cpu_burn.hpp"
#include "sampler_capture.hpp"
#include "sampler_ring.hpp"
#include "sampler_start.hpp"
#include "sampler_symbols.hpp"
#include "skip.hpp"

using ph_sampling_test::burn_for;
using namespace ph::profilers::detail;

static __attribute__((noipa)) double ring_test_burn_leaf(int n) {
  double x = 1.0;
  for (int i = 0; i < n; ++i) x = x * 1.0000001 + 1e-9;
  return x;
}

// Work after the call keeps it from being a tail call, which would leave this frame off the stack.
static __attribute__((noipa)) double ring_test_burn_outer(double seconds) {
  return 1.5 * burn_for(seconds, ring_test_burn_leaf);
}

namespace {

struct Storage {
  std::vector<std::uintptr_t> words;
  SampleBuffer buffer;
  explicit Storage(std::size_t n) : words(n) {
    buffer.words = words.data();
    buffer.capacity = n;
    buffer.max_depth = kMaxStackDepth;
  }
};

// As start_or_skip: expected to work in every build here.
void open_or_skip(SampleRing& ring, std::uint64_t period_ns) {
  const int err = ring.open(period_ns, 64);
  if (err == 0) return;
  const std::string reason = "perf_event ring refused: " + std::string(std::strerror(err));
  if (ph_sampling_test::kSanitized) ph_test::skip(reason + " (sanitizer build)");
  FAIL(reason);
}

}  // namespace

TEST_CASE("ring records come out whole across many turns of the ring", "[sampler][ring]") {
  SampleRing ring;
  open_or_skip(ring, 100000);  // 10 kHz
  Storage storage(1u << 20);
  ring.enable();
  // Drained every ~10 ms of CPU: the ring turns over many times, and records straddle its end.
  for (int i = 0; i < 40; ++i) {
    ring_test_burn_outer(0.01);
    ring.drain(storage.buffer, 3);
  }
  ring.disable();
  ring.drain(storage.buffer, 3);
  const SampleBuffer& b = storage.buffer;
  const std::uint64_t samples = b.samples.load();
  const std::size_t used = b.used.load();
  INFO(samples << " samples in " << used << " words; ring of " << SampleRing::data_bytes() << " bytes");
  REQUIRE(samples > 1000);
  CHECK(used * sizeof(std::uintptr_t) > 2 * SampleRing::data_bytes());  // several turns of the ring
  CHECK(b.dropped.load() == 0);

  Symbolizer symbols;
  std::uint64_t parsed = 0, in_leaf = 0, leaf_reaches_outer = 0;
  for (std::size_t at = 0; at < used;) {
    const std::uintptr_t header = b.words[at];
    const std::size_t depth = header & kHeaderDepthMask;
    REQUIRE(depth >= 1);
    REQUIRE(at + depth + 2 <= used);
    CHECK(((header >> kHeaderThreadShift) & 0xff) == 3);
    ++parsed;
    if (symbols.function_name(b.words[at + 1]).find("ring_test_burn_leaf") != std::string::npos) {
      ++in_leaf;
      // The leaf keeps no frame record (-momit-leaf-frame-pointer), so its caller is the word
      // at the stack pointer, recorded after the chain (the caller candidate).
      for (std::size_t i = 1; i <= depth; ++i)
        if (symbols.function_name(b.words[at + 1 + i] - 1).find("ring_test_burn_outer") != std::string::npos) {
          ++leaf_reaches_outer;
          break;
        }
    }
    at += depth + 2;
  }
  CHECK(parsed == samples);
  INFO(in_leaf << " samples in the leaf, " << leaf_reaches_outer << " of them reach its caller");
  CHECK(in_leaf > samples / 2);
  CHECK(leaf_reaches_outer >= in_leaf * 9 / 10);
}

TEST_CASE("samples the kernel dropped on a full ring are counted", "[sampler][ring]") {
  SampleRing ring;
  open_or_skip(ring, 50000);  // 20 kHz: 0.2 s of CPU is ~4,000 records, far beyond the ring
  Storage storage(1u << 20);
  ring.enable();
  ring_test_burn_outer(0.2);
  ring.drain(storage.buffer, 0);  // frees the ring; the kernel reports its losses with the next record
  const std::uint64_t first = storage.buffer.samples.load();
  ring_test_burn_outer(0.02);
  ring.disable();
  ring.drain(storage.buffer, 0);
  INFO(first << " samples before the ring was freed, " << storage.buffer.samples.load() << " in all, "
             << storage.buffer.dropped.load() << " dropped");
  CHECK(first * 48 <= SampleRing::data_bytes());  // what the full ring held, no more
  CHECK(storage.buffer.dropped.load() > 1000);
  CHECK(storage.buffer.samples.load() > first);
}
