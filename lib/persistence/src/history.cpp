#include "perfharness/persistence/history.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ph::persistence {
namespace {

template <typename T>
nlohmann::ordered_json or_null(const std::optional<T>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
}

std::string number(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Counts print as whole numbers; other figures with 4 significant digits, whatever their scale.
std::string figure(double v) {
  if (std::abs(v) < 1e15 && v == std::floor(v)) return number(v, 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::vector<std::string> figure_names(const std::vector<RunSummary>& runs) {
  std::vector<std::string> names;
  for (const auto& r : runs)
    for (const auto& [name, value] : r.figures)
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  return names;
}

}  // namespace

nlohmann::ordered_json history_json(const std::vector<RunSummary>& runs) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& r : runs) {
    nlohmann::ordered_json j;
    j["id"] = r.id;
    j["scenario"] = r.scenario_name;
    j["scenario_hash"] = r.scenario_hash;
    j["tool_version"] = r.tool_version;
    j["started_at"] = r.started_at;
    j["finished_at"] = or_null(r.finished_at);
    j["verdict"] = or_null(r.verdict);
    j["duration_s"] = or_null(r.duration_s);
    j["results"] = r.result_count;
    j["mean_execution_time_s"] = or_null(r.mean_execution_time_s);
    nlohmann::ordered_json figures = nlohmann::ordered_json::object();
    for (const auto& [name, value] : r.figures) figures[name] = value;
    j["figures"] = std::move(figures);
    out.push_back(std::move(j));
  }
  return out;
}

std::string history_table(const std::vector<RunSummary>& runs) {
  const std::vector<std::string> names = figure_names(runs);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"run", "started_at", "scenario", "verdict", "duration_s", "results", "mean_exec_s"};
  header.insert(header.end(), names.begin(), names.end());
  rows.push_back(header);
  for (const auto& r : runs) {
    std::vector<std::string> row = {std::to_string(r.id),
                                    r.started_at,
                                    r.scenario_name,
                                    r.verdict.value_or(r.finished_at ? "-" : "unfinished"),
                                    r.duration_s ? number(*r.duration_s, 3) : "-",
                                    std::to_string(r.result_count),
                                    r.mean_execution_time_s ? figure(*r.mean_execution_time_s) : "-"};
    for (const auto& name : names) {
      const auto it = std::find_if(r.figures.begin(), r.figures.end(), [&](const auto& f) { return f.first == name; });
      row.push_back(it == r.figures.end() ? "-" : figure(it->second));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(width[c] - row[c].size() + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace ph::persistence
