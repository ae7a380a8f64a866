#pragma once
// The HTML report (docs/html-report.md): one self-contained page that opens offline. The page is
// data plus a script; these functions build the data and wrap it with Chart.js (Debian's
// libjs-chart.js, inlined) and perfharness's own style and script.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ph::report {

/// Where the chart library is read from: $PERFHARNESS_CHARTJS when set, else the file Debian's
/// libjs-chart.js installs (/usr/share/javascript/chart.js/chart.min.js).
std::string chart_library_path();

/// Throws ph::InputError naming the package and how to install it when the chart library cannot
/// be read. `run --html` calls it before anything runs.
void require_chart_library();

/// The page of one report (what `run -o` writes); its `comparison`, when present, is drawn too.
std::string html_report_page(const nlohmann::ordered_json& report);

/// One recorded run of a history page: its row and, when the database kept it, its report.
struct HistoryRun {
  std::int64_t id = 0;
  std::string scenario;
  std::string started_at;
  std::string verdict;  // empty while unfinished
  std::optional<nlohmann::ordered_json> report;
};

/// The trend page of several runs, oldest first: one line per operation figure, regressions marked.
std::string html_history_page(const std::string& database, const std::vector<HistoryRun>& runs);

}  // namespace ph::report
