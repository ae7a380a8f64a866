// The comparison decision (docs/compare.md): match operations and figures by name,
// then judge each figure by its median change and, unless exact, a Mann-Whitney U test.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

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

double relative_change(double base, double next) {
  if (base == 0) return next == 0 ? 0.0 : (next > 0 ? INFINITY : -INFINITY);
  return (next - base) / std::fabs(base);
}

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

/// Only the spread matters here: the rank test shrugs off single outliers, and sample-size
/// problems are reported per operation by compare_operation.
void add_spread_warning(const std::string& where, const char* side, const FigureView& f,
                        std::vector<std::string>& warnings) {
  if (const auto w = stats::spread_warning(stats::summarize(f.samples)))
    warnings.push_back(where + " (" + side + "): " + *w);
}

/// The values a comparison tests. With worker processes, each process's best value: interference
/// (neighbours, frequency, a busy sibling hyperthread) only ever adds time, so a process's minimum
/// is its least disturbed value, and processes, not single samples, are what vary between runs.
/// Without worker processes, the samples themselves.
std::vector<double> compared_values(const FigureView& f) {
  if (f.process_values.empty()) return f.samples;
  std::vector<double> out;
  std::size_t from = 0;
  for (const std::uint32_t n : f.process_values) {
    const auto first = f.samples.begin() + static_cast<std::ptrdiff_t>(from);
    out.push_back(*std::min_element(first, first + static_cast<std::ptrdiff_t>(n)));
    from += n;
  }
  return out;
}

/// (max - min) / median: how far apart the values of one run lie, as a fraction.
double relative_spread(const std::vector<double>& values) {
  const double mid = stats::median(values);
  if (values.size() < 2 || !(mid > 0)) return 0;
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return (*hi - *lo) / mid;
}

// `where` names the figure in warnings: "OP / FIGURE" or "OP [CASE] / FIGURE".
FigureComparison judge(const std::string& operation, const std::string& where, const FigureView& b,
                       const FigureView& n, const ComparisonResult& result, std::vector<std::string>& warnings) {
  FigureComparison c;
  c.operation = operation;
  c.figure = b.name;
  c.unit = b.unit;
  c.base_n = b.samples.size();
  c.new_n = n.samples.size();
  c.base_processes = b.process_values.size();
  c.new_processes = n.process_values.size();
  c.exact = b.exact && n.exact;
  if (b.exact != n.exact)
    warnings.push_back(where + ": marked exact in only one report; compared statistically");

  const std::string limit = signed_percent(result.threshold);
  if (c.exact) {
    // Deterministic counts do not vary between repetitions: any change is real.
    c.base_median = stats::median(b.samples);
    c.new_median = stats::median(n.samples);
    c.change = relative_change(c.base_median, c.new_median);
    const bool beyond_up = c.change > result.threshold;
    const bool beyond_down = c.change < -result.threshold;
    c.verdict = beyond_up ? Verdict::regressed : beyond_down ? Verdict::improved : Verdict::unchanged;
    c.reason = beyond_up || beyond_down ? "exact count, " + signed_percent(c.change) + " beyond " + limit
                                        : "exact count, " + signed_percent(c.change) + " within " + limit;
    return c;
  }

  // Regressed (improved) only when the change is beyond the threshold, beyond the noise band
  // the two runs show themselves, and significant over values from distinct processes: each
  // condition alone lets one kind of noise through (docs/compare.md).
  const std::vector<double> base_values = compared_values(b);
  const std::vector<double> new_values = compared_values(n);
  c.base_median = stats::median(base_values);
  c.new_median = stats::median(new_values);
  c.change = relative_change(c.base_median, c.new_median);
  c.noise_band = std::max(relative_spread(base_values), relative_spread(new_values));
  const auto test = stats::mann_whitney_u(base_values, new_values);
  c.p_value = test.p_value;
  const bool significant = test.p_value < result.alpha;
  const bool beyond_up = c.change > result.threshold && c.change > c.noise_band;
  const bool beyond_down = c.change < -result.threshold && -c.change > c.noise_band;
  const std::string band = "noise band " + band_percent(c.noise_band);
  const std::string p = fmt::format("p {:.3g}", test.p_value);
  if (significant && beyond_up)
    c.verdict = Verdict::regressed;
  else if (significant && beyond_down)
    c.verdict = Verdict::improved;
  if (c.verdict != Verdict::unchanged)
    c.reason = fmt::format("{} beyond {} and the {}, {} < {:g}", signed_percent(c.change), limit, band, p, result.alpha);
  else if (std::fabs(c.change) <= result.threshold)
    c.reason = fmt::format("{} within {} ({}, {})", signed_percent(c.change), limit, band, p);
  else if (std::fabs(c.change) <= c.noise_band)
    c.reason = fmt::format("{} within the {} ({})", signed_percent(c.change), band, p);
  else
    c.reason = fmt::format("not significant ({} >= {:g}; {})", p, result.alpha, band);

  add_spread_warning(where, "base", b, warnings);
  add_spread_warning(where, "new", n, warnings);
  return c;
}

const FigureView* find_figure(const OperationView& op, const std::string& name) {
  for (const auto& f : op.figures)
    if (f.name == name) return &f;
  return nullptr;
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

/// The cases of an operation, judged after the operation: exact figures always (a count has no
/// noise, so a change in one case is real however small its share of the operation), measured
/// figures only where the operation's own figure regressed. Testing every case's timings would
/// multiply the chances of a false alarm by the number of cases; tested only behind a regressed
/// operation, they cannot add one, and they say which case it was.
void compare_cases(const OperationView& b, const OperationView& n, const std::function<bool(const std::string&)>& judged,
                   bool every_case, ComparisonResult& result) {
  std::set<std::string> regressed;  // the operation's figures, judged just before its cases
  for (const auto& c : result.comparisons)
    if (c.operation == b.name && c.case_label.empty() && c.verdict == Verdict::regressed) regressed.insert(c.figure);
  const auto base_cases = cases_by_label(b);
  const auto new_cases = cases_by_label(n);
  std::vector<FigureComparison> rows;
  std::vector<std::string> spread;  // the operation's rows warn of noise; its cases' do not repeat it
  for (const auto& bc : b.cases) {  // in the base report's order
    const std::string& label = bc.label;
    const auto nc = new_cases.find(label);
    if (!base_cases.at(label) || nc == new_cases.end() || !nc->second) continue;  // a repeated label, or only in one report
    for (const auto& bf : bc.figures) {
      if (!judged(bf.name)) continue;
      const auto& nfs = nc->second->figures;
      const auto nf = std::find_if(nfs.begin(), nfs.end(), [&](const FigureView& f) { return f.name == bf.name; });
      if (nf == nfs.end() || nf->unit != bf.unit || bf.samples.empty() || nf->samples.empty()) continue;
      if (!(bf.exact && nf->exact) && !every_case && !regressed.count(bf.name)) continue;
      rows.push_back(judge(b.name, b.name + " [" + label + "] / " + bf.name, bf, *nf, result, spread));
      rows.back().case_label = label;
      rows.back().parameters = nc->second->parameters;
    }
  }
  result.comparisons.insert(result.comparisons.end(), rows.begin(), rows.end());
}

void compare_operation(const OperationView& b, const OperationView& n, bool every_case, ComparisonResult& result) {
  auto& warnings = result.warnings;
  if (!b.error.empty() || !n.error.empty()) {
    warnings.push_back("operation '" + b.name + "' failed in the " + (b.error.empty() ? "new" : "base") +
                       " report: not compared");
    return;
  }
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::string>> untestable;
  const bool instructions_only = result.gate == Gate::instructions;
  const auto judged = [&](const std::string& name) {
    return instructions_only ? name == figures::key::instructions : figures::judged_against_baselines(name);
  };
  for (const auto& bf : b.figures) {
    if (!judged(bf.name)) continue;
    const std::string where = b.name + " / " + bf.name;
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
    result.comparisons.push_back(judge(b.name, where, bf, *nf, result, warnings));
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
    warnings.push_back(b.name + fmt::format(": with {} and {} values (one per worker process, or the samples of one process) the "
                                              "test reaches p = {:.3g} at best, not below alpha {:g}: changes of {} will "
                                              "mostly go undetected; use 5 or more processes",
                                              sizes.first, sizes.second,
                                              stats::smallest_two_sided_p(sizes.first, sizes.second), result.alpha,
                                              names));
  }
  for (const auto& nf : n.figures)
    if (judged(nf.name) && !find_figure(b, nf.name)) warnings.push_back(b.name + " / " + nf.name + ": only in the new report: not compared");
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

namespace detail {

ComparisonResult compare_views(const ReportView& b, const ReportView& n, const CompareOptions& options) {
  check_options(options);
  ComparisonResult result;
  result.threshold = options.threshold;
  result.alpha = options.alpha;
  result.gate = options.gate;
  if (options.gate == Gate::instructions) require_instruction_counts(b, n, options);
  check_environments(b, n, result.warnings);

  std::map<std::string, const OperationView*> new_by_name;
  for (const auto& op : n.operations) new_by_name[op.name] = &op;
  for (const auto& op : b.operations) {
    const auto it = new_by_name.find(op.name);
    if (it == new_by_name.end()) {
      result.warnings.push_back("operation '" + op.name + "' is only in the base report: not compared");
      continue;
    }
    compare_operation(op, *it->second, options.every_case, result);
    new_by_name.erase(it);
  }
  for (const auto& op : n.operations)
    if (new_by_name.count(op.name))
      result.warnings.push_back("operation '" + op.name + "' is only in the new report: not compared");

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
