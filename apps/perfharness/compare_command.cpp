// `perfharness compare BASE.json NEW.json`: regression check of one report against another.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "shared_options.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/report/compare.hpp"

namespace ph::cli {
namespace {

struct CompareCommandOptions {
  std::string base_file;
  std::string new_file;
  double threshold_percent = 5.0;
  double alpha = 0.05;
  std::string gate = "all";
  bool json = false;
  bool allow_nothing_compared = false;
};

int run(const CompareCommandOptions& o) {
  const nlohmann::ordered_json base = report::read_report_file(o.base_file);
  const nlohmann::ordered_json next = report::read_report_file(o.new_file);
  report::CompareOptions options;
  options.threshold = o.threshold_percent / 100.0;
  options.alpha = o.alpha;
  options.gate = report::gate_named(o.gate).value_or(report::Gate::all);  // CLI11 checked the name
  options.base_label = o.base_file;
  options.new_label = o.new_file;
  const report::ComparisonResult result = report::compare_reports(base, next, options);
  std::fputs(report::format_comparison(result).c_str(), stderr);
  if (o.json) std::cout << report::to_json(result).dump(2) << '\n';
  // A gate that compares nothing passes whatever the code does: after an operation is renamed,
  // say, it would stay green for good. That is a mistake in the input, not a pass.
  if (result.comparisons.empty() && !o.allow_nothing_compared) {
    std::fprintf(stderr,
                 "perfharness: error: %s and %s have no operation and figure in common, so nothing was compared; "
                 "compare reports of the same scenario, or pass --allow-nothing-compared\n",
                 o.base_file.c_str(), o.new_file.c_str());
    return exit_code::kBadInput;
  }
  return result.regressions > 0 ? exit_code::kRegression : exit_code::kOk;
}

}  // namespace

Action add_compare_command(CLI::App& app) {
  auto o = std::make_shared<CompareCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Compare two run reports figure by figure; a table on stderr, --json for JSON on stdout.");
  cmd->footer(
      "A figure regressed when it grew by more than --threshold percent AND beyond the noise band both reports "
      "show AND the Mann-Whitney U test over worker processes says p < --alpha; exact figures (instruction "
      "counts) need only the growth. See docs/compare.md.\n"
      "Exit codes: 0 no regression, 4 a regression, 2 unreadable or invalid report, or nothing in common to "
      "compare (one-line error on stderr).");
  cmd->add_option("BASE", o->base_file, "baseline report (JSON written by `perfharness run -o`)")->required();
  cmd->add_option("NEW", o->new_file, "report to judge against the baseline")->required();
  add_threshold_option(cmd, o->threshold_percent, "smallest median change that counts, in percent");
  add_alpha_option(cmd, o->alpha, "significance level of the Mann-Whitney U test");
  add_gate_option(cmd, o->gate, "figures judged: all (every gating figure) or instructions (exact counts only)")->capture_default_str();
  cmd->add_flag("--json", o->json, "print the comparison as JSON on stdout");
  cmd->add_flag("--allow-nothing-compared", o->allow_nothing_compared,
                "exit 0 when the reports have no operation and figure in common (by default that is exit 2)");
  return [o] { return run(*o); };
}

}  // namespace ph::cli
