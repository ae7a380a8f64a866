#pragma once
// Builds minimal run reports (the shape of docs/compare.md) for the comparison tests.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace test_reports {

using json = nlohmann::ordered_json;  // keeps figures in the order written, like the runner

inline json figure(std::vector<double> samples, const std::string& unit = "s", bool exact = false) {
  json f{{"unit", unit}, {"samples", std::move(samples)}};
  if (exact) f["exact"] = true;
  return f;
}

/// A figure measured in worker processes: `processes[i]` holds process i's values.
inline json figure_by_process(const std::vector<std::vector<double>>& processes, const std::string& unit = "s") {
  std::vector<double> samples;
  json per_process = json::array();
  for (const auto& values : processes) {
    samples.insert(samples.end(), values.begin(), values.end());
    per_process.push_back({{"values", values.size()}, {"median", 0.0}, {"min", 0.0}});  // the reader needs only values
  }
  return json{{"unit", unit}, {"samples", std::move(samples)}, {"per_process", std::move(per_process)}};
}

inline json operation(const std::string& name, json figures) {
  return json{{"name", name}, {"kind", "backtest"}, {"figures", std::move(figures)}};
}

inline json environment(const std::string& host = "ci-1", const std::string& cpu = "Xeon 8375C",
                        const std::string& build = "Release") {
  return json{{"host", host}, {"cpu_model", cpu}, {"cores", 2}, {"compiler", "GNU 12.2.0"}, {"build_type", build}};
}

inline json report(json operations, json env = environment(), const std::string& version = "0.1.0") {
  return json{{"schema_version", 1},
              {"tool", {{"name", "perfharness"}, {"version", version}}},
              {"environment", std::move(env)},
              {"operations", std::move(operations)}};
}

/// A report with one operation "op" holding one figure "time".
inline json single(std::vector<double> samples, const std::string& unit = "s", bool exact = false) {
  return report(json::array({operation("op", json{{"time", figure(std::move(samples), unit, exact)}})}));
}

/// A report with one operation "op" whose figure "time" came from worker processes.
inline json by_process(const std::vector<std::vector<double>>& processes) {
  return report(json::array({operation("op", json{{"time", figure_by_process(processes)}})}));
}

}  // namespace test_reports
