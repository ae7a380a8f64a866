// Chrome trace output: valid JSON with one complete event per zone call, bounded memory.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "perfharness/common/errors.hpp"
#include "perfharness/hooks/zone.hpp"
#include "perfharness/profilers/trace.hpp"
#include "perfharness/profilers/zones.hpp"
#include "profilers_test_support.hpp"
#include "scratch_folder.hpp"

using namespace ph::profilers;
namespace fs = std::filesystem;

namespace {
nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}
}  // namespace

TEST_CASE("zone calls are written as a Chrome trace with one X event each", "[trace]") {
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
  REQUIRE(recorder.trace().events().size() == 10);
  CHECK(recorder.trace().dropped() == 0);

  const ph_test::ScratchFolder folder("ph-trace-test");
  const fs::path path = folder.file("zones.trace.json");
  write_chrome_trace(path.string(), recorder.trace());
  const nlohmann::json doc = read_json(path);
  REQUIRE(doc.contains("traceEvents"));
  int complete = 0, outer = 0;
  double outer_ts = -1, outer_end = -1, inner_ts = -1, inner_end = -1;
  for (const auto& e : doc["traceEvents"]) {
    if (e["ph"] != "X") continue;
    ++complete;
    REQUIRE(e["ts"].is_number());
    REQUIRE(e["dur"].is_number());
    CHECK(e["dur"].get<double>() >= 200.0);  // µs: each zone spun at least 0.2 ms
    CHECK(e["pid"].get<long>() == static_cast<long>(::getpid()));
    CHECK(e["tid"].get<long>() == static_cast<long>(current_tid()));
    if (e["name"] == "outer \"quoted\"") {
      ++outer;
      if (outer_ts < 0) outer_ts = e["ts"].get<double>(), outer_end = outer_ts + e["dur"].get<double>();
    } else if (inner_ts < 0) {
      CHECK(e["name"] == "inner");
      inner_ts = e["ts"].get<double>();
      inner_end = inner_ts + e["dur"].get<double>();
    }
  }
  CHECK(complete == 10);
  CHECK(outer == 5);
  CHECK(inner_ts >= outer_ts);  // the first inner call lies inside the first outer call
  CHECK(inner_end <= outer_end);
  CHECK(doc["otherData"]["dropped_events"] == 0);
  // No temporary file stays beside it: the folder holds the trace alone.
  CHECK(std::distance(fs::directory_iterator(path.parent_path()), fs::directory_iterator()) == 1);
}

TEST_CASE("a trace buffer stops at its capacity and counts what it dropped", "[trace]") {
  TraceBuffer buffer(10);
  for (int i = 0; i < 25; ++i) buffer.record(TraceEvent{"e", i * 1000, 500, 1});
  CHECK(buffer.events().size() == 10);
  CHECK(buffer.dropped() == 15);

  TraceBuffer merged(12);
  merged.append(buffer);
  merged.append(buffer);
  CHECK(merged.events().size() == 12);
  CHECK(merged.dropped() == 15 + 15 + 8);

  const ph_test::ScratchFolder folder("ph-trace-test");
  const fs::path path = folder.file("capped.json");
  write_chrome_trace(path.string(), buffer);
  const nlohmann::json doc = read_json(path);
  int complete = 0;
  for (const auto& e : doc["traceEvents"]) complete += e["ph"] == "X" ? 1 : 0;
  CHECK(complete == 10);
  CHECK(doc["otherData"]["dropped_events"] == 15);
  CHECK(doc["traceEvents"][1]["ts"].get<double>() == 0.0);  // times count from the first event
  CHECK(doc["traceEvents"][2]["ts"].get<double>() == 1.0);
  CHECK(doc["traceEvents"][2]["dur"].get<double>() == 0.5);
}

TEST_CASE("operation and case slices are written before the zones they enclose, on one time axis", "[trace]") {
  TraceBuffer zones;
  zones.record(TraceEvent{"backtest", 2'000'000, 1'000'000, 7});
  const std::vector<TraceSlice> slices = {{"bt;\"one\"", "operation", 1'500'000, 3'000'000, 7},
                                          {"sma_cross AAA", "case", 1'900'000, 1'200'000, 7}};
  const ph_test::ScratchFolder folder("ph-trace-test");
  const fs::path path = folder.file("slices.json");
  write_chrome_trace(path.string(), zones, slices);
  const nlohmann::json doc = read_json(path);
  const auto& e = doc["traceEvents"];
  REQUIRE(e.size() == 4);  // process name, 2 slices, 1 zone
  CHECK(e[1]["name"] == "bt;\"one\"");
  CHECK(e[1]["cat"] == "operation");
  CHECK(e[1]["ts"].get<double>() == 0.0);  // the earliest start, a slice's here, is time 0
  CHECK(e[1]["dur"].get<double>() == 3000.0);
  CHECK(e[2]["cat"] == "case");
  CHECK(e[2]["ts"].get<double>() == 400.0);
  CHECK(e[3]["name"] == "backtest");
  CHECK(e[3]["cat"] == "zone");
  CHECK(e[3]["ts"].get<double>() == 500.0);
  CHECK(doc["otherData"]["slices"] == 2);
  CHECK(doc["otherData"]["events"] == 1);
}

TEST_CASE("a trace that cannot be written fails with the file named", "[trace]") {
  const std::string path = "/nonexistent-dir-for-ph-test/trace.json";
  CHECK_THROWS_AS(write_chrome_trace(path, TraceBuffer{}), ph::RuntimeFailure);
  CHECK_THROWS_WITH(write_chrome_trace(path, TraceBuffer{}), Catch::Contains(path));
}
