// The history page's data: per run, each operation figure's median and spread and which figures
// regressed, read from the reports the database kept. Trend lines are drawn from these points.
#include "html_page.hpp"
#include "perfharness/common/version.hpp"
#include "perfharness/report/html.hpp"

namespace ph::report {
namespace {

const nlohmann::ordered_json* member(const nlohmann::ordered_json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

double number_or(const nlohmann::ordered_json* j, double fallback) {
  return j && j->is_number() ? j->get<double>() : fallback;
}

// {"OPERATION / FIGURE": {operation, figure, unit, median, min, max, exact}} of one report.
nlohmann::ordered_json figure_points(const nlohmann::ordered_json& report) {
  nlohmann::ordered_json points = nlohmann::ordered_json::object();
  const auto* operations = member(report, "operations");
  if (!operations || !operations->is_array()) return points;
  for (const auto& op : *operations) {
    const auto* name = member(op, "name");
    const auto* figures = member(op, "figures");
    if (!name || !name->is_string() || !figures || !figures->is_object()) continue;
    for (const auto& [figure, f] : figures->items()) {
      const auto* summary = member(f, "summary");
      if (!summary) continue;
      const auto* unit = member(f, "unit");
      const auto* exact = member(f, "exact");
      points[name->get<std::string>() + " / " + figure] = {
          {"operation", *name},
          {"figure", figure},
          {"unit", unit && unit->is_string() ? unit->get<std::string>() : ""},
          {"median", number_or(member(*summary, "median"), 0)},
          {"min", number_or(member(*summary, "min"), 0)},
          {"max", number_or(member(*summary, "max"), 0)},
          {"exact", exact && exact->is_boolean() && exact->get<bool>()}};
    }
  }
  return points;
}

// The keys of figure_points that the report's verdict names as regressed against its baseline.
nlohmann::ordered_json regressed_keys(const nlohmann::ordered_json& report) {
  nlohmann::ordered_json keys = nlohmann::ordered_json::array();
  const auto* verdict = member(report, "verdict");
  const auto* regressions = verdict ? member(*verdict, "regressions") : nullptr;
  if (!regressions || !regressions->is_array()) return keys;
  for (const auto& r : *regressions) {
    const auto* op = member(r, "operation");
    const auto* figure = member(r, "figure");
    if (op && op->is_string() && figure && figure->is_string())
      keys.push_back(op->get<std::string>() + " / " + figure->get<std::string>());
  }
  return keys;
}

}  // namespace

std::string html_history_page(const std::string& database, const std::vector<HistoryRun>& runs) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& run : runs) {
    nlohmann::ordered_json row = {{"id", run.id}, {"scenario", run.scenario}, {"started_at", run.started_at},
                                  {"verdict", run.verdict}, {"has_report", run.report.has_value()}};
    if (run.report) {
      const auto* verdict = member(*run.report, "verdict");
      const auto* exit_code = verdict ? member(*verdict, "exit_code") : nullptr;
      if (exit_code && exit_code->is_number_integer()) row["exit_code"] = *exit_code;
      const auto* complete = member(*run.report, "complete");
      row["complete"] = !complete || !complete->is_boolean() || complete->get<bool>();
      row["figures"] = figure_points(*run.report);
      row["regressions"] = regressed_keys(*run.report);
    }
    rows.push_back(std::move(row));
  }
  return detail::html_page_of("perfharness history: " + database,
                              {{"page", "history"},
                               {"generator", "perfharness " + std::string(version())},
                               {"history", {{"database", database}, {"runs", rows}}}});
}

}  // namespace ph::report
