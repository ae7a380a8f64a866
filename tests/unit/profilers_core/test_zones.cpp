// The zone profiler: call tree, self/cumulative time, counts, heap per zone, merging, hotspots.
#include <algorithm>
#include <memory>
#include <thread>
#include <vector>

#include "perfharness/hooks/zone.hpp"
#include "perfharness/profilers/zones.hpp"
#include "profilers_test_support.hpp"

using namespace ph::profilers;
using ph_test::spin_wall;

namespace {
void leaf_work(double seconds) {
  PH_ZONE("leaf");
  spin_wall(seconds);
}

void middle_work() {
  PH_ZONE("middle");
  spin_wall(0.004);
  leaf_work(0.002);
  leaf_work(0.002);
}

// outer: 3 x middle (each with 2 leaves), 1 leaf directly, some own time.
void outer_work() {
  PH_ZONE("outer");
  spin_wall(0.010);
  for (int i = 0; i < 3; ++i) middle_work();
  leaf_work(0.003);
}

ZoneTree record(void (*work)(), int repetitions = 1) {
  ZoneRecorder recorder;
  {
    ZoneRecording recording(recorder);
    for (int i = 0; i < repetitions; ++i) work();
  }
  return recorder.tree();
}

double ns_to_s(std::int64_t ns) { return static_cast<double>(ns) * 1e-9; }
}  // namespace

TEST_CASE("the recorder builds the call tree with exact call counts", "[zones]") {
  const ZoneTree tree = record(outer_work, 2);
  const std::uint32_t outer = tree.find_path("outer");
  const std::uint32_t middle = tree.find_path("outer/middle");
  const std::uint32_t middle_leaf = tree.find_path("outer/middle/leaf");
  const std::uint32_t outer_leaf = tree.find_path("outer/leaf");
  REQUIRE(outer != ZoneNode::none);
  REQUIRE(middle != ZoneNode::none);
  REQUIRE(middle_leaf != ZoneNode::none);
  REQUIRE(outer_leaf != ZoneNode::none);
  CHECK(tree.nodes().size() == 5);  // root + the four paths: same-named zones merged per parent
  CHECK(tree.node(outer).calls == 2);
  CHECK(tree.node(middle).calls == 6);
  CHECK(tree.node(middle_leaf).calls == 12);
  CHECK(tree.node(outer_leaf).calls == 2);
  CHECK(tree.path(middle_leaf) == "outer/middle/leaf");
}

TEST_CASE("cumulative covers the children and self is cumulative minus the children", "[zones]") {
  const ZoneTree tree = record(outer_work);
  for (std::uint32_t i = 1; i < tree.nodes().size(); ++i) {
    INFO(tree.path(i));
    CHECK(tree.node(i).cumulative_ns >= tree.children_ns(i));
    CHECK(tree.self_ns(i) == tree.node(i).cumulative_ns - tree.children_ns(i));
    CHECK(tree.self_ns(i) >= 0);
  }
  // Lower bounds from the spin lengths (a spin lasts at least its length).
  const ZoneNode& outer = tree.node(tree.find_path("outer"));
  CHECK(ns_to_s(outer.cumulative_ns) >= 0.010 + 3 * 0.008 + 0.003);
  CHECK(ns_to_s(tree.self_ns(tree.find_path("outer"))) >= 0.010);
  CHECK(ns_to_s(tree.self_ns(tree.find_path("outer/middle"))) >= 3 * 0.004);
  CHECK(ns_to_s(tree.node(tree.find_path("outer/middle/leaf")).cumulative_ns) >= 6 * 0.002);
}

TEST_CASE("hotspot lists are sorted descending and carry cProfile's columns", "[zones]") {
  const ZoneTree tree = record(outer_work);
  const auto by_cumulative = top_by_cumulative(tree, 10);
  const auto by_self = top_by_self(tree, 10);
  REQUIRE(by_cumulative.size() == 4);
  REQUIRE(by_self.size() == 4);
  CHECK(std::is_sorted(by_cumulative.begin(), by_cumulative.end(),
                       [](const Hotspot& a, const Hotspot& b) { return a.cumulative_time > b.cumulative_time; }));
  CHECK(std::is_sorted(by_self.begin(), by_self.end(),
                       [](const Hotspot& a, const Hotspot& b) { return a.self_time > b.self_time; }));
  CHECK(by_cumulative.front().function == "outer");
  for (const Hotspot& h : by_cumulative) {
    INFO(h.function);
    CHECK(h.call_count > 0);
    CHECK(h.time_per_call == Approx(h.cumulative_time / static_cast<double>(h.call_count)));
    CHECK(h.self_time <= h.cumulative_time);
  }
  CHECK(top_by_cumulative(tree, 2).size() == 2);
  CHECK(top_by_cumulative(tree, 2)[1].function == by_cumulative[1].function);
}

TEST_CASE("hotspots by name merge a zone's callers without double-counting recursion", "[zones]") {
  const ZoneTree tree = record(outer_work);
  const auto rows = top_by_cumulative(tree, 10, HotspotKey::name);
  REQUIRE(rows.size() == 3);
  const auto leaf = std::find_if(rows.begin(), rows.end(), [](const Hotspot& h) { return h.function == "leaf"; });
  REQUIRE(leaf != rows.end());
  CHECK(leaf->call_count == 7);
  const double leaf_paths = ns_to_s(tree.node(tree.find_path("outer/leaf")).cumulative_ns +
                                    tree.node(tree.find_path("outer/middle/leaf")).cumulative_ns);
  CHECK(leaf->cumulative_time == Approx(leaf_paths));

  // Recursion: r inside r. By path there are two rows; by name, one whose cumulative is the outer call's.
  ZoneRecorder recorder;
  {
    ZoneRecording recording(recorder);
    PH_ZONE("r");
    spin_wall(0.002);
    {
      PH_ZONE("r");
      spin_wall(0.002);
    }
  }
  const auto recursive = hotspots(recorder.tree(), HotspotKey::name);
  REQUIRE(recursive.size() == 1);
  CHECK(recursive[0].call_count == 2);
  CHECK(recursive[0].cumulative_time == Approx(ns_to_s(recorder.tree().node(recorder.tree().find_path("r")).cumulative_ns)));
  CHECK(recursive[0].self_time == Approx(recursive[0].cumulative_time));
}

TEST_CASE("merging trees from several threads sums them node by node", "[zones]") {
  std::vector<std::unique_ptr<ZoneRecorder>> recorders;
  for (int i = 0; i < 2; ++i) recorders.push_back(std::make_unique<ZoneRecorder>());
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&recorder = *recorders[static_cast<std::size_t>(i)], i] {
      ZoneRecording recording(recorder);
      for (int k = 0; k <= i; ++k) middle_work();  // thread 0 once, thread 1 twice
    });
  }
  for (auto& t : threads) t.join();

  ZoneTree merged;
  merged.merge(recorders[0]->tree());
  merged.merge(recorders[1]->tree());
  const ZoneTree& a = recorders[0]->tree();
  const ZoneTree& b = recorders[1]->tree();
  for (const char* path : {"middle", "middle/leaf"}) {
    INFO(path);
    const std::uint32_t m = merged.find_path(path);
    REQUIRE(m != ZoneNode::none);
    CHECK(merged.node(m).calls == a.node(a.find_path(path)).calls + b.node(b.find_path(path)).calls);
    CHECK(merged.node(m).cumulative_ns ==
          a.node(a.find_path(path)).cumulative_ns + b.node(b.find_path(path)).cumulative_ns);
  }
  CHECK(merged.node(merged.find_path("middle")).calls == 3);
  CHECK(merged.node(merged.find_path("middle/leaf")).calls == 6);
  CHECK(merged.nodes().size() == 3);

  // A tree with other zones keeps both sets.
  merged.merge(record(outer_work));
  CHECK(merged.find_path("outer/middle/leaf") != ZoneNode::none);
  CHECK(merged.node(merged.find_path("middle")).calls == 3);
}

TEST_CASE("zones record the heap traffic of their own thread", "[zones][heap]") {
  PH_REQUIRE_HEAP_TRACKING();
  ZoneRecorder recorder;
  {
    ZoneRecording recording(recorder);
    for (int call = 0; call < 2; ++call) {
      PH_ZONE("parent");
      {
        PH_ZONE("quiet");  // allocates nothing, though its node is created inside the parent
        ph_test::escape(&call);
      }
      {
        PH_ZONE("three_blocks");
        auto a = std::make_unique<char[]>(100);
        auto b = std::make_unique<char[]>(200);
        auto c = std::make_unique<char[]>(2'000'000);
        ph_test::escape(a.get());
        ph_test::escape(b.get());
        ph_test::escape(c.get());
      }
      std::thread other([] {  // another thread's megabytes are not this zone's
        std::vector<char> v(4'000'000, 'x');
        ph_test::escape(v.data());
      });
      other.join();
    }
  }
  const ZoneTree& tree = recorder.tree();
  REQUIRE(tree.heap_tracked());
  const ZoneHeap quiet = tree.node(tree.find_path("parent/quiet")).heap;
  const ZoneHeap three = tree.node(tree.find_path("parent/three_blocks")).heap;
  const ZoneHeap parent = tree.node(tree.find_path("parent")).heap;
  CHECK(quiet.allocations == 0);
  CHECK(quiet.bytes_allocated == 0);
  CHECK(quiet.peak_growth_bytes == 0);
  CHECK(three.allocations == 6);
  CHECK(three.bytes_allocated >= 2 * 2'000'300u);
  CHECK(three.peak_growth_bytes >= 2'000'300);
  CHECK(parent.allocations >= 6);
  CHECK(parent.peak_growth_bytes >= 2'000'300);  // a child's peak is the parent's too
  CHECK(parent.peak_growth_bytes < 4'000'000);   // the other thread's vector is not counted
  CHECK(parent.bytes_allocated < 2 * 2'000'300u + 1'000'000u);
}

TEST_CASE("after a zone's first visit, entering and leaving it allocates nothing", "[zones][heap]") {
  PH_REQUIRE_HEAP_TRACKING();
  ZoneRecorder recorder;
  ZoneRecording recording(recorder);
  auto visit = [] {
    PH_ZONE("a");
    PH_ZONE("b");
    PH_ZONE("c");
  };
  visit();  // creates the nodes
  const HeapSnapshot before = heap_snapshot();
  for (int i = 0; i < 10'000; ++i) visit();
  const HeapSnapshot after = heap_snapshot();
  CHECK(after.allocations - before.allocations == 0);
  CHECK(recorder.tree().node(recorder.tree().find_path("a/b/c")).calls == 10'001);
}

TEST_CASE("a recording puts the previous observer back when it ends", "[zones]") {
  ZoneRecorder outer_recorder, inner_recorder;
  {
    ZoneRecording outer(outer_recorder);
    {
      ZoneRecording inner(inner_recorder);
      CHECK(ph::hooks::zone_observer() == &inner_recorder);
      PH_ZONE("seen_by_inner");
    }
    CHECK(ph::hooks::zone_observer() == &outer_recorder);
    PH_ZONE("seen_by_outer");
  }
  CHECK(ph::hooks::zone_observer() == nullptr);
  CHECK(inner_recorder.tree().find_path("seen_by_inner") != ZoneNode::none);
  CHECK(inner_recorder.tree().find_path("seen_by_outer") == ZoneNode::none);
  CHECK(outer_recorder.tree().find_path("seen_by_outer") != ZoneNode::none);
  CHECK(outer_recorder.tree().find_path("seen_by_inner") == ZoneNode::none);
}
