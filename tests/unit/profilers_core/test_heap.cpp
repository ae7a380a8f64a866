// The heap profiler sees every allocation path, exactly once each.
#include <malloc.h>

#include <Eigen/Core>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "perfharness/profilers/heap.hpp"
#include "profilers_test_support.hpp"

using namespace ph::profilers;
using ph_test::escape;

namespace {
struct Delta {
  std::int64_t allocations;
  std::int64_t frees;
  std::int64_t bytes_allocated;
  std::int64_t current;
};

Delta delta(const HeapSnapshot& a, const HeapSnapshot& b) {
  return {static_cast<std::int64_t>(b.allocations - a.allocations), static_cast<std::int64_t>(b.frees - a.frees),
          static_cast<std::int64_t>(b.bytes_allocated - a.bytes_allocated), b.current_bytes - a.current_bytes};
}

struct alignas(128) OverAligned {
  char bytes[1000];
};
}  // namespace

TEST_CASE("heap tracking is active exactly outside sanitizer builds", "[heap]") {
#if defined(__SANITIZE_ADDRESS__)
  CHECK_FALSE(heap_tracking_active());
  CHECK(std::string(heap_tracking_unavailable_reason()).find("sanitizer") != std::string::npos);
  CHECK_FALSE(heap_snapshot().active);
#else
  REQUIRE(heap_tracking_active());
  CHECK(std::string(heap_tracking_unavailable_reason()).empty());
  CHECK(heap_snapshot().active);
#endif
}

TEST_CASE("malloc, calloc and free are counted once each with at least the requested bytes", "[heap]") {
  PH_REQUIRE_HEAP_TRACKING();
  const HeapSnapshot s0 = heap_snapshot();
  void* a = std::malloc(1000);
  escape(a);
  const HeapSnapshot s1 = heap_snapshot();
  void* b = std::calloc(10, 300);
  escape(b);
  const HeapSnapshot s2 = heap_snapshot();
  std::free(a);
  std::free(b);
  const HeapSnapshot s3 = heap_snapshot();

  const Delta m = delta(s0, s1), c = delta(s1, s2), f = delta(s2, s3), all = delta(s0, s3);
  CHECK(m.allocations == 1);
  CHECK(m.bytes_allocated >= 1000);
  CHECK(m.current == m.bytes_allocated);
  CHECK(c.allocations == 1);
  CHECK(c.bytes_allocated >= 3000);
  CHECK(f.frees == 2);
  CHECK(f.allocations == 0);
  CHECK(all.current == 0);
}

TEST_CASE("realloc counts the old block freed and the new one allocated", "[heap]") {
  PH_REQUIRE_HEAP_TRACKING();
  const HeapSnapshot s0 = heap_snapshot();
  void* p = std::realloc(nullptr, 100);  // acts as malloc
  escape(p);
  const HeapSnapshot s1 = heap_snapshot();
  p = std::realloc(p, 200'000);
  escape(p);
  const HeapSnapshot s2 = heap_snapshot();
  void* q = std::realloc(p, 0);  // glibc frees the block and returns null
  escape(q);
  const HeapSnapshot s3 = heap_snapshot();
  void* r = reallocarray(nullptr, 1000, 8);
  escape(r);
  const HeapSnapshot s4 = heap_snapshot();
  std::free(r);
  const HeapSnapshot s5 = heap_snapshot();

  CHECK(delta(s0, s1).allocations == 1);
  CHECK(delta(s0, s1).frees == 0);
  CHECK(delta(s1, s2).allocations == 1);
  CHECK(delta(s1, s2).frees == 1);
  CHECK(delta(s1, s2).bytes_allocated >= 200'000);
  CHECK(s2.current_bytes - s0.current_bytes >= 200'000);
  CHECK(q == nullptr);
  CHECK(delta(s2, s3).frees == 1);
  CHECK(s3.current_bytes == s0.current_bytes);
  CHECK(delta(s3, s4).allocations == 1);
  CHECK(delta(s3, s4).bytes_allocated >= 8000);
  CHECK(s5.current_bytes == s0.current_bytes);
}

TEST_CASE("aligned allocation functions are counted and honour the alignment", "[heap]") {
  PH_REQUIRE_HEAP_TRACKING();
  const HeapSnapshot s0 = heap_snapshot();
  void* pm = nullptr;
  const int rc = posix_memalign(&pm, 64, 1000);
  escape(pm);
  void* aa = std::aligned_alloc(256, 4096);
  escape(aa);
  void* ma = memalign(128, 500);
  escape(ma);
  void* va = valloc(100);
  escape(va);
  const HeapSnapshot s1 = heap_snapshot();
  const bool aligned = reinterpret_cast<std::uintptr_t>(pm) % 64 == 0 && reinterpret_cast<std::uintptr_t>(aa) % 256 == 0 &&
                       reinterpret_cast<std::uintptr_t>(ma) % 128 == 0 && reinterpret_cast<std::uintptr_t>(va) % 4096 == 0;
  std::free(pm);
  std::free(aa);
  std::free(ma);
  std::free(va);
  const HeapSnapshot s2 = heap_snapshot();
  void* bad = nullptr;
  const int bad_rc = posix_memalign(&bad, 3, 100);  // not a power of two: refused, not counted
  const HeapSnapshot s3 = heap_snapshot();

  REQUIRE(rc == 0);
  CHECK(aligned);
  CHECK(delta(s0, s1).allocations == 4);
  CHECK(delta(s0, s1).bytes_allocated >= 1000 + 4096 + 500 + 100);
  CHECK(delta(s1, s2).frees == 4);
  CHECK(s2.current_bytes == s0.current_bytes);
  CHECK(bad_rc == EINVAL);
  CHECK(delta(s2, s3).allocations == 0);
}

TEST_CASE("every form of operator new and delete is counted", "[heap]") {
  PH_REQUIRE_HEAP_TRACKING();
  const HeapSnapshot s0 = heap_snapshot();
  auto* one = new std::int64_t(7);
  escape(one);
  auto* many = new double[1000];
  escape(many);
  auto* aligned_one = new OverAligned;
  escape(aligned_one);
  auto* aligned_array = new OverAligned[3];
  escape(aligned_array);
  auto* nothrow = new (std::nothrow) char[5000];
  escape(nothrow);
  auto* nothrow_aligned = new (std::align_val_t{64}, std::nothrow) char[300];
  escape(nothrow_aligned);
  const HeapSnapshot s1 = heap_snapshot();
  const bool aligned = reinterpret_cast<std::uintptr_t>(aligned_one) % alignof(OverAligned) == 0 &&
                       reinterpret_cast<std::uintptr_t>(aligned_array) % alignof(OverAligned) == 0 &&
                       reinterpret_cast<std::uintptr_t>(nothrow_aligned) % 64 == 0;
  delete one;
  delete[] many;
  delete aligned_one;
  delete[] aligned_array;
  delete[] nothrow;
  ::operator delete[](nothrow_aligned, std::align_val_t{64});
  const HeapSnapshot s2 = heap_snapshot();

  CHECK(aligned);
  CHECK(delta(s0, s1).allocations == 6);
  CHECK(delta(s0, s1).bytes_allocated >= 8 + 8000 + 1000 + 3000 + 5000 + 300);
  CHECK(delta(s1, s2).frees == 6);
  CHECK(s2.current_bytes == s0.current_bytes);
}

TEST_CASE("allocations made inside libc and by Eigen are counted", "[heap]") {
  PH_REQUIRE_HEAP_TRACKING();
  const HeapSnapshot s0 = heap_snapshot();
  char* copy = strdup("a string libc copies with its own malloc call");
  escape(copy);
  const HeapSnapshot s1 = heap_snapshot();
  std::free(copy);

  const HeapSnapshot e0 = heap_snapshot();
  HeapSnapshot e1;
  {
    Eigen::MatrixXd m(300, 200);  // 60,000 doubles = 480,000 bytes
    m.setConstant(1.5);
    escape(m.data());
    e1 = heap_snapshot();
  }
  const HeapSnapshot e2 = heap_snapshot();

  CHECK(delta(s0, s1).allocations == 1);
  CHECK(delta(e0, e1).allocations == 1);
  CHECK(delta(e0, e1).bytes_allocated >= 300 * 200 * 8);
  CHECK(e1.current_bytes - e0.current_bytes >= 300 * 200 * 8);
  CHECK(delta(e1, e2).frees == 1);
  CHECK(e2.current_bytes == e0.current_bytes);
}

TEST_CASE("allocations on other threads reach the process-wide counters", "[heap]") {
  PH_REQUIRE_HEAP_TRACKING();
  HeapProbe probe;
  std::thread worker([] {
    std::vector<char> block(3'000'000, 'x');
    escape(block.data());
  });
  worker.join();
  const HeapRegion r = probe.stop();
  CHECK(r.peak_growth_bytes() >= 3'000'000);
  CHECK(r.bytes_allocated >= 3'000'000u);
}

TEST_CASE("a heap probe reports start, end, peak and growth of its region", "[heap]") {
  PH_REQUIRE_HEAP_TRACKING();
  std::vector<char> kept;
  HeapProbe probe;
  {
    std::vector<char> transient(5'000'000, 'a');  // freed before the region ends
    escape(transient.data());
  }
  kept.assign(1'000'000, 'b');
  const HeapRegion r = probe.stop();

  CHECK(r.active);
  CHECK(r.peak_bytes >= r.start_bytes + 5'000'000);
  CHECK(r.peak_growth_bytes() >= 5'000'000);
  CHECK(r.growth_bytes() >= 1'000'000);
  CHECK(r.growth_bytes() < 5'000'000);
  CHECK(r.allocations >= 2u);
  CHECK(r.frees >= 1u);
  CHECK(probe.stop().peak_bytes == r.peak_bytes);  // stopping twice changes nothing
}

TEST_CASE("heap probes nest: an inner probe does not erase the outer region's peak", "[heap]") {
  PH_REQUIRE_HEAP_TRACKING();
  HeapProbe outer;
  {
    std::vector<char> big(8'000'000, 'a');
    escape(big.data());
  }
  HeapRegion inner_region;
  {
    HeapProbe inner;
    std::vector<char> small(1'000'000, 'b');
    escape(small.data());
    inner_region = inner.stop();
  }
  const HeapRegion outer_region = outer.stop();

  CHECK(inner_region.peak_growth_bytes() >= 1'000'000);
  CHECK(inner_region.peak_growth_bytes() < 8'000'000);
  CHECK(outer_region.peak_growth_bytes() >= 8'000'000);
  // The process-wide peak reflects both regions once they are closed.
  CHECK(heap_snapshot().peak_bytes >= outer_region.start_bytes + 8'000'000);
}

TEST_CASE("process memory reports resident size and a high-water mark that covers it", "[heap][rss]") {
  const ProcessMemory before = process_memory();
  REQUIRE(before.rss_bytes > 0);
  REQUIRE(before.rss_high_water_bytes >= before.rss_bytes);
  std::vector<char> touched(64 << 20, 'r');  // every page written, so resident
  escape(touched.data());
  const ProcessMemory during = process_memory();
  CHECK(during.rss_bytes >= before.rss_bytes + (60 << 20));
  CHECK(during.rss_high_water_bytes >= during.rss_bytes);
  CHECK(during.rss_high_water_bytes >= before.rss_high_water_bytes);
}
