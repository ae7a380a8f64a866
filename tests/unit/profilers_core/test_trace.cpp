// The trace profiler: one event per zone call, nested in time as the calls were, in bounded memory.
// (Their Chrome trace rendering is the trace reporter's: tests/unit/report/test_trace.cpp.)
#include <catch2/catch.hpp>

#include <string>

#include "perfharness/hooks/zone.hpp"
#include "perfharness/profilers/trace.hpp"
#include "perfharness/profilers/zones.hpp"
#include "profilers_test_support.hpp"

using namespace ph::profilers;

TEST_CASE("each zone call is one event on the calling thread, nested in time as the calls were", "[trace]") {
  ZoneRecorderOptions options;
  options.trace = true;
  ZoneRecorder recorder(options);
  {
    ZoneRecording recording(recorder);
    for (int i = 0; i < 5; ++i) {
      PH_ZONE("outer \"quoted\"");
      ph_test::spin_wall(0.0002);
      PH_ZONE("inner");
      ph_test::spin_wall(0.0002);
    }
  }
  const auto events = recorder.trace().events();
  REQUIRE(events.size() == 10);
  CHECK(recorder.trace().dropped() == 0);
  int outer = 0, inner = 0;
  for (const TraceEvent& e : events) {
    CHECK(e.tid == current_tid());
    CHECK(e.duration_ns >= 200'000);  // each zone spun at least 0.2 ms
    const std::string name = e.name;
    if (name == "outer \"quoted\"") ++outer;
    if (name == "inner") ++inner;
  }
  CHECK(outer == 5);
  CHECK(inner == 5);
  // Events are recorded as zones close: the first inner call, then the outer call enclosing it.
  REQUIRE(std::string(events[0].name) == "inner");
  REQUIRE(std::string(events[1].name) == "outer \"quoted\"");
  CHECK(events[0].start_ns >= events[1].start_ns);
  CHECK(events[0].start_ns + events[0].duration_ns <= events[1].start_ns + events[1].duration_ns);
}

TEST_CASE("a trace buffer stops at its capacity and counts what it dropped", "[trace]") {
  TraceBuffer buffer(10);
  for (int i = 0; i < 25; ++i) buffer.record(TraceEvent{"e", i * 1000, 500, 1});
  CHECK(buffer.events().size() == 10);
  CHECK(buffer.dropped() == 15);
  CHECK(buffer.events().back().start_ns == 9000);  // the first ten are kept

  TraceBuffer merged(12);
  merged.append(buffer);
  merged.append(buffer);
  CHECK(merged.events().size() == 12);
  CHECK(merged.dropped() == 15 + 15 + 8);

  merged.clear();
  CHECK(merged.events().empty());
  CHECK(merged.dropped() == 0);
}
