#pragma once
// Where a run happened: the tool, the scenario file and the machine. Filled by the runner,
// written by the JSON reporter, read by JUnit (suite properties) and the comparison.
#include <cstdint>
#include <string>

namespace ph::report {

struct ToolInfo {
  std::string name = "perfharness";
  std::string version;
};

struct ScenarioInfo {
  std::string name, path, sha256, description;
  std::uint64_t seed = 0;
};

/// Which profilers this build and machine offer, and why not where not. Time and zones always work.
struct ProfilerAvailability {
  bool heap = false;
  std::string heap_reason;  // when !heap
  bool perf_events = false;
  std::string perf_events_detail;
  bool hardware_counters = false;
  std::string hardware_counters_reason;  // when !hardware_counters and a counter said why
  bool callgrind = false;
};

struct Environment {
  std::string host, os, kernel, machine, cpu_model;
  unsigned cores = 0;
  std::string compiler, build_type;
  std::string utc_time;  // when the environment was read, "YYYY-MM-DDTHH:MM:SSZ"
  ProfilerAvailability profilers;
};

}  // namespace ph::report
