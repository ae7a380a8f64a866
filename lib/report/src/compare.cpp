// The comparison (docs/compare.md): match operations, figures and cases by name across the base
// runs and the new one, judge each figure (compare_figure.cpp), count and warn.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "compare_figure.hpp"
#include "compare_report_view.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/report/compare.hpp"
#include "perfharness/stats/geometric_mean.hpp"
#include "perfharness/stats/mann_whitney.hpp"
#include "perfharness/stats/noise.hpp"
#include "perfharness/stats/summary.hpp"
#include "text_format.hpp"

namespace ph::report {
namespace {

using detail::CaseView;
using detail::EnvironmentView;
using detail::FigureView;
using detail::OperationView;
using detail::ReportView;
using detail::BaseFigures;

/// Same machine, compiler, build and tool, or the timings differ for reasons other than the code.
void check_environments(const ReportView& base, const ReportView& next, std::vector<std::string>& warnings) {
  if (!base.environment || !next.environment) {
    warnings.push_back(std::string(base.environment ? "new" : "base") +
                       " report has no environment: cannot check that both ran on the same machine and build");
    return;
  }
  using Field = std::string EnvironmentView::*;
  static constexpr std::pair<Field, const char*> kMustMatch[] = {{&EnvironmentView::host, "hosts"},
                                                                 {&EnvironmentView::cpu_model, "CPU models"},
                                                                 {&EnvironmentView::build_type, "build types"},
                                                                 {&EnvironmentView::compiler, "compilers"}};
  for (const auto& [field, plural] : kMustMatch) {
    const std::string& a = (*base.environment).*field;
    const std::string& b = (*next.environment).*field;
    if (a != b)
      warnings.push_back(std::string("the reports come from different ") + plural + " (base '" + a + "', new '" + b +
                         "'): differences may not be caused by the code");
  }
  if (base.tool_version != next.tool_version)
    warnings.push_back("the reports come from different perfharness versions (base '" + base.tool_version +
                       "', new '" + next.tool_version + "'): measurement methods may differ");
}


const FigureView* find_figure(const std::vector<FigureView>& figures, const std::string& name) {
  for (const auto& f : figures)
    if (f.name == name) return &f;
  return nullptr;
}

const FigureView* find_figure(const OperationView& op, const std::string& name) { return find_figure(op.figures, name); }

/// The figure `like` (same name and unit, with samples) in each past run's figures that has it,
/// oldest first; `like` itself is in the latest run's, which comes last.
BaseFigures series_of(const std::vector<const std::vector<FigureView>*>& runs, const FigureView& like) {
  BaseFigures out;
  for (const auto* figures : runs)
    if (const FigureView* f = find_figure(*figures, like.name); f && f->unit == like.unit && !f->samples.empty())
      out.push_back(f);
  return out;
}

// An operation's cases by label; null for a label that repeats (a report of an older version
// could repeat labels, and which one matches which would be a guess).
std::map<std::string, const CaseView*> cases_by_label(const OperationView& op) {
  std::map<std::string, const CaseView*> out;
  for (const auto& c : op.cases) {
    const auto [it, first] = out.emplace(c.label, &c);
    if (!first) it->second = nullptr;
  }
  return out;
}

/// A sweep case's parameter sets, counted apart: exact counts, judged always, each named by its
/// parameters, so that a change of part of a grid's work says which part. `past` holds the case
/// in each past run, oldest first.
void compare_parameter_sets(const std::string& operation, const std::vector<const CaseView*>& past, const CaseView& n,
                            const ComparisonResult& result, std::vector<FigureComparison>& rows) {
  if (n.parameter_sets.empty() || past.back()->parameter_sets.empty()) return;
  std::vector<std::map<std::string, const FigureView*>> base_sets;
  for (const CaseView* c : past) {
    auto& sets = base_sets.emplace_back();
    for (const auto& [parameters, f] : c->parameter_sets) sets.emplace(parameters, &f);
  }
  std::map<std::string, const FigureView*> new_sets;
  for (const auto& [parameters, f] : n.parameter_sets) new_sets.emplace(parameters, &f);
  std::vector<std::string> unused;  // exact counts warn of nothing
  for (const auto& [parameters, bf] : past.back()->parameter_sets) {  // in grid order
    const auto nf = new_sets.find(parameters);
    if (nf == new_sets.end()) continue;
    BaseFigures series;
    for (const auto& sets : base_sets)
      if (const auto it = sets.find(parameters); it != sets.end()) series.push_back(it->second);
    rows.push_back(detail::judge_figure(operation, operation + " [" + n.label + "] (" + parameters + ") / instructions",
                                        series, *nf->second, result, unused, unused));
    rows.back().case_label = n.label;
    rows.back().parameters = parameters;
    rows.back().parameter_set = true;
  }
}

/// The cases of an operation, judged after the operation: exact figures always (a count has no
/// noise, so a change in one case is real however small its share of the operation), measured
/// figures only where the operation's own figure regressed. Testing every case's timings would
/// multiply the chances of a false alarm by the number of cases; tested only behind a regressed
/// operation, they cannot add one, and they say which case it was. `b` holds the operation in
/// each past run, oldest first.
void compare_cases(const std::vector<const OperationView*>& b, const OperationView& n,
                   const std::function<bool(const std::string&)>& judged, bool every_case, ComparisonResult& result) {
  const OperationView& latest = *b.back();
  std::set<std::string> regressed;  // the operation's figures, judged just before its cases
  for (const auto& c : result.comparisons)
    if (c.operation == latest.name && c.case_label.empty() && c.verdict == Verdict::regressed) regressed.insert(c.figure);
  std::vector<std::map<std::string, const CaseView*>> base_cases;
  for (const OperationView* op : b) base_cases.push_back(cases_by_label(*op));
  const auto new_cases = cases_by_label(n);
  std::vector<FigureComparison> rows;
  std::vector<std::string> spread;  // the operation's rows warn of noise; its cases' do not repeat it
  for (const auto& bc : latest.cases) {  // in the latest base report's order
    const std::string& label = bc.label;
    const auto nc = new_cases.find(label);
    if (!base_cases.back().at(label) || nc == new_cases.end() || !nc->second) continue;  // a repeated label, or only in one report
    std::vector<const CaseView*> past;  // the case in each past run that has it once, oldest first
    for (const auto& cases : base_cases)
      if (const auto it = cases.find(label); it != cases.end() && it->second) past.push_back(it->second);
    std::vector<const std::vector<FigureView>*> runs;
    for (const CaseView* c : past) runs.push_back(&c->figures);
    for (const auto& bf : bc.figures) {
      if (!judged(bf.name)) continue;
      const FigureView* nf = find_figure(nc->second->figures, bf.name);
      if (!nf || nf->unit != bf.unit || bf.samples.empty() || nf->samples.empty()) continue;
      if (!(bf.exact && nf->exact) && !every_case && !regressed.count(bf.name)) continue;
      rows.push_back(detail::judge_figure(latest.name, latest.name + " [" + label + "] / " + bf.name, series_of(runs, bf), *nf, result, spread, spread));
      rows.back().case_label = label;
      rows.back().parameters = nc->second->parameters;
    }
    if (judged(std::string(figures::key::instructions))) compare_parameter_sets(latest.name, past, *nc->second, result, rows);
  }
  result.comparisons.insert(result.comparisons.end(), rows.begin(), rows.end());
}

/// `b`: the operation in each past run without an error, oldest first, the latest base run's last.
void compare_operation(const std::vector<const OperationView*>& b, const OperationView& n, bool every_case,
                       ComparisonResult& result, std::vector<std::string>& noisy) {
  const OperationView& latest = *b.back();
  auto& warnings = result.warnings;
  if (!latest.error.empty() || !n.error.empty()) {
    warnings.push_back("operation '" + latest.name + "' failed in the " + (latest.error.empty() ? "new" : "base") +
                       " report: not compared");
    return;
  }
  std::vector<const std::vector<FigureView>*> runs;
  for (const OperationView* op : b) runs.push_back(&op->figures);
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::string>> untestable;
  const bool instructions_only = result.gate == Gate::instructions;
  const auto judged = [&](const std::string& name) {
    return instructions_only ? name == figures::key::instructions : figures::judged_against_baselines(name);
  };
  for (const auto& bf : latest.figures) {
    if (!judged(bf.name)) continue;
    const std::string where = latest.name + " / " + bf.name;
    const FigureView* nf = find_figure(n, bf.name);
    if (!nf) {
      warnings.push_back(where + ": only in the base report: not compared");
      continue;
    }
    if (bf.unit != nf->unit) {
      warnings.push_back(where + ": unit '" + bf.unit + "' in the base report but '" + nf->unit +
                         "' in the new one: not compared");
      continue;
    }
    if (bf.samples.empty() || nf->samples.empty()) {
      warnings.push_back(where + ": no samples in the " + (bf.samples.empty() ? "base" : "new") +
                         " report: not compared");
      continue;
    }
    result.comparisons.push_back(detail::judge_figure(latest.name, where, series_of(runs, bf), *nf, result, warnings, noisy));
    const auto& c = result.comparisons.back();
    const std::size_t base_units = c.base_processes ? c.base_processes : c.base_n;
    const std::size_t new_units = c.new_processes ? c.new_processes : c.new_n;
    if (!c.exact && stats::smallest_two_sided_p(base_units, new_units) >= result.alpha)
      untestable[{base_units, new_units}].push_back(c.figure);
  }
  // One warning per operation and sample sizes, not one per figure.
  for (const auto& [sizes, figures] : untestable) {
    std::string names;
    for (const auto& f : figures) names += (names.empty() ? "" : ", ") + f;
    warnings.push_back(latest.name + fmt::format(": with {} and {} values (one per worker process, or the samples of one process) the "
                                                   "test reaches p = {:.3g} at best, not below alpha {:g}: changes of {} will "
                                                   "mostly go undetected; use 5 or more processes",
                                                   sizes.first, sizes.second,
                                                   stats::smallest_two_sided_p(sizes.first, sizes.second), result.alpha,
                                                   names));
  }
  for (const auto& nf : n.figures)
    if (judged(nf.name) && !find_figure(latest, nf.name)) warnings.push_back(latest.name + " / " + nf.name + ": only in the new report: not compared");
  compare_cases(b, n, judged, every_case, result);
}

bool has_instruction_counts(const ReportView& r) {
  for (const auto& op : r.operations)
    if (const FigureView* f = find_figure(op, std::string(figures::key::instructions)); f && !f->samples.empty()) return true;
  return false;
}

/// A gate on instruction counts that finds none would pass every build: refused instead.
void require_instruction_counts(const ReportView& b, const ReportView& n, const CompareOptions& options) {
  for (const auto& [view, label] : {std::pair{&b, &options.base_label}, std::pair{&n, &options.new_label}})
    if (!has_instruction_counts(*view))
      throw InputError(*label + ": no instruction counts (figures.instructions), which the instructions gate judges; "
                                "write both reports with `perfharness run --instructions`");
}

void check_options(const CompareOptions& options) {
  if (!(options.threshold >= 0 && std::isfinite(options.threshold)))
    throw InputError("comparison threshold must be 0 or more (a fraction, 0.05 = 5%)");
  if (!(options.alpha > 0 && options.alpha < 1)) throw InputError("comparison alpha must be within (0, 1), e.g. 0.05");
}

}  // namespace

const char* to_string(Gate g) noexcept { return g == Gate::instructions ? "instructions" : "all"; }

std::optional<Gate> gate_named(const std::string& name) {
  if (name == "all") return Gate::all;
  if (name == "instructions") return Gate::instructions;
  return std::nullopt;
}

const char* to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::improved: return "improved";
    case Verdict::regressed: return "regressed";
    case Verdict::unchanged: break;
  }
  return "unchanged";
}

ComparisonResult compare_reports(const nlohmann::ordered_json& base, const nlohmann::ordered_json& next, const CompareOptions& options) {
  check_options(options);
  return detail::compare_views(detail::read_report_view(base, options.base_label),
                               detail::read_report_view(next, options.new_label), options);
}

ComparisonResult compare_with_runs(const std::vector<nlohmann::ordered_json>& past, const nlohmann::ordered_json& next,
                                   const CompareOptions& options) {
  check_options(options);
  if (past.empty()) throw InputError("a comparison needs at least one past report");
  std::vector<ReportView> views;
  for (std::size_t i = 0; i < past.size(); ++i)
    views.push_back(detail::read_report_view(past[i], past.size() == 1 ? options.base_label
                                                                       : options.base_label + " " + std::to_string(i + 1)));
  std::vector<const ReportView*> pointers;
  for (const auto& v : views) pointers.push_back(&v);
  return detail::compare_series(pointers, detail::read_report_view(next, options.new_label), options);
}

namespace detail {

ComparisonResult compare_views(const ReportView& b, const ReportView& n, const CompareOptions& options) {
  return compare_series({&b}, n, options);
}

ComparisonResult compare_series(const std::vector<const ReportView*>& past, const ReportView& n, const CompareOptions& options) {
  check_options(options);
  if (past.empty()) throw std::logic_error("compare_series needs at least one past run");
  const ReportView& latest = *past.back();
  ComparisonResult result = ComparisonResult::judged_by(options);
  if (options.gate == Gate::instructions) require_instruction_counts(latest, n, options);
  check_environments(latest, n, result.warnings);

  std::map<std::string, const OperationView*> new_by_name;
  for (const auto& op : n.operations) new_by_name[op.name] = &op;
  std::vector<std::string> noisy;  // figures too noisy to trust: one warning names them all
  for (const auto& op : latest.operations) {
    const auto it = new_by_name.find(op.name);
    if (it == new_by_name.end()) {
      result.warnings.push_back("operation '" + op.name + "' is only in the base report: not compared");
      continue;
    }
    // Older runs in which the operation failed have no figures to pool; the latest decides
    // whether it is compared at all.
    std::vector<const OperationView*> runs;
    for (const ReportView* r : past)
      for (const auto& o : r->operations)
        if (o.name == op.name && (o.error.empty() || r == &latest)) runs.push_back(&o);
    compare_operation(runs, *it->second, options.every_case, result, noisy);
    new_by_name.erase(it);
  }
  for (const auto& op : n.operations)
    if (new_by_name.count(op.name))
      result.warnings.push_back("operation '" + op.name + "' is only in the new report: not compared");
  if (!noisy.empty()) {
    std::string names;
    for (const auto& where : noisy) names += (names.empty() ? "" : ", ") + where;
    result.warnings.push_back(fmt::format("MAD above {:.0f}% of the median, numbers too noisy to trust: {}; quiet the machine "
                                          "(close other programs, fix the CPU frequency) or add repetitions",
                                          100 * stats::kNoisyRelativeMad, names));
  }

  std::vector<double> ratios;
  for (const auto& c : result.comparisons) {
    if (c.verdict == Verdict::regressed) ++result.regressions;
    if (c.verdict == Verdict::improved) ++result.improvements;
    if (c.base_median > 0 && c.new_median > 0) ratios.push_back(c.new_median / c.base_median);
  }
  result.ratio_count = ratios.size();
  if (!ratios.empty()) result.geometric_mean_ratio = stats::geometric_mean(ratios);
  if (result.comparisons.empty())
    result.warnings.push_back("no operation and figure is present in both reports: nothing was compared");
  return result;
}

}  // namespace detail
}  // namespace ph::report
