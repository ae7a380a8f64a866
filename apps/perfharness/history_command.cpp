// `perfharness history`: the runs a results database recorded, with their verdicts and
// key figures, oldest first so a trend reads top to bottom.
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/common/output_file.hpp"
#include "perfharness/persistence/database.hpp"
#include "perfharness/persistence/history.hpp"
#include "perfharness/report/html.hpp"

namespace ph::cli {
namespace {

struct HistoryOptions {
  std::string db;
  std::string scenario;
  int last = 20;
  bool json = false;
  std::string html;
  int busy_timeout_ms = 5000;
};

// The trend page: each run's row with the report the database kept, when it parses.
void write_history_page(persistence::Database& db, const std::vector<persistence::RunSummary>& runs,
                        const HistoryOptions& o) {
  std::vector<report::HistoryRun> rows;
  for (const auto& run : runs) {
    report::HistoryRun row{run.id, run.scenario_name, run.started_at, run.verdict.value_or(""), std::nullopt};
    if (const auto text = db.run_report(run.id)) {
      auto parsed = nlohmann::ordered_json::parse(*text, nullptr, false);
      if (!parsed.is_discarded()) row.report = std::move(parsed);
    }
    rows.push_back(std::move(row));
  }
  write_output_file(o.html, report::html_history_page(o.db, rows));
}

int run(const HistoryOptions& o) {
  if (!o.html.empty()) {
    check_output_writable(o.html, "HTML history");
    report::require_chart_library();
  }
  // Read-only: a mistyped path is reported as missing (exit 2), not created empty, and an
  // archived database on a read-only disk can still be read.
  persistence::Database db(o.db, {.create = false, .busy_timeout_ms = o.busy_timeout_ms, .read_only = true});
  const auto runs = db.list_runs({o.scenario, o.last});
  if (!o.html.empty()) {
    write_history_page(db, runs, o);
    return exit_code::kOk;
  }
  if (o.json) {
    std::cout << persistence::history_json(runs).dump(2) << '\n';
  } else if (runs.empty()) {
    std::cout << "no runs recorded in " << o.db << (o.scenario.empty() ? "" : " for scenario '" + o.scenario + "'")
              << '\n';
  } else {
    std::cout << persistence::history_table(runs);
  }
  return exit_code::kOk;
}

}  // namespace

Action add_history_command(CLI::App& app) {
  auto o = std::make_shared<HistoryOptions>();
  CLI::App* cmd = app.add_subcommand("history", "List past runs recorded with `perfharness run --db FILE`.");
  cmd->footer("Exit codes: 0 success, 2 bad input or missing FILE, 3 not a perfharness database or locked.");
  cmd->add_option("--db", o->db, "results database written by `perfharness run --db`")->required();
  cmd->add_option("--scenario", o->scenario, "only runs of this scenario name");
  cmd->add_option("--last", o->last, "the most recent N runs")->capture_default_str()->check(CLI::PositiveNumber);
  auto* json = cmd->add_flag("--json", o->json, "print a JSON array instead of a table");
  cmd->add_option("--html", o->html, "write the runs' trends as a self-contained HTML page instead (docs/html-report.md)")
      ->excludes(json);
  cmd->add_option("--busy-timeout", o->busy_timeout_ms, "ms to wait for another process's lock")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600000));
  return [o] { return run(*o); };
}

}  // namespace ph::cli
