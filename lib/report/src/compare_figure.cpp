// The verdict on one figure (docs/compare.md): threshold, noise band, significance; exact
// counts by their change alone.
#include "compare_figure.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "perfharness/stats/mann_whitney.hpp"
#include "perfharness/stats/noise.hpp"
#include "perfharness/stats/summary.hpp"
#include "text_format.hpp"

namespace ph::report::detail {
namespace {

double relative_change(double base, double next) {
  if (base == 0) return next == 0 ? 0.0 : (next > 0 ? INFINITY : -INFINITY);
  return (next - base) / std::fabs(base);
}

/// Only the spread matters here: the rank test shrugs off single outliers, and sample-size
/// problems are reported per operation by compare_operation.
void add_if_noisy(const std::string& where, const char* side, const FigureView& f, std::vector<std::string>& noisy) {
  if (stats::spread_warning(stats::summarize(f.samples))) noisy.push_back(where + " (" + side + ")");
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

/// Centre and noise of the base side. One run: its compared values' median and spread, as a
/// pair of reports always had. Several runs: each run is one voice (the median of the runs'
/// medians), and the spread between their medians joins the band: how far runs of the same
/// code landed apart on this machine, which the processes of any single run cannot show when a
/// whole run falls in a fast or slow period of the host.
struct BaseSide {
  std::vector<double> pooled;  // every run's compared values, for the rank test
  double median = 0;
  double within = 0;   // one run's spread; with several, the median of the runs' spreads
  double between = 0;  // the runs' medians' spread; 0 for one run
};

BaseSide base_side(const BaseFigures& b) {
  BaseSide side;
  std::vector<double> medians;
  std::vector<double> spreads;
  for (const FigureView* f : b) {
    const std::vector<double> values = compared_values(*f);
    side.pooled.insert(side.pooled.end(), values.begin(), values.end());
    medians.push_back(stats::median(values));
    spreads.push_back(relative_spread(values));
  }
  side.median = stats::median(medians);
  side.within = stats::median(spreads);
  if (medians.size() > 1 && side.median > 0) {
    const auto [lo, hi] = std::minmax_element(medians.begin(), medians.end());
    side.between = (*hi - *lo) / side.median;
  }
  return side;
}

}  // namespace

FigureComparison judge_figure(const std::string& operation, const std::string& where, const BaseFigures& b,
                              const FigureView& n, const ComparisonResult& result, std::vector<std::string>& warnings,
                              std::vector<std::string>& noisy) {
  const FigureView& latest = *b.back();
  FigureComparison c;
  c.operation = operation;
  c.figure = latest.name;
  c.unit = latest.unit;
  c.base_runs = b.size();
  c.exact = n.exact;
  for (const FigureView* f : b) {
    c.base_n += f->samples.size();
    c.base_processes += f->process_values.size();
    c.exact = c.exact && f->exact;
  }
  c.new_n = n.samples.size();
  c.new_processes = n.process_values.size();
  if (latest.exact != n.exact)
    warnings.push_back(where + ": marked exact in only one report; compared statistically");

  const std::string limit = signed_percent(result.threshold);
  if (c.exact) {
    // Deterministic counts do not vary between runs: any change is real, and the latest run is
    // the count of the code as it last was.
    c.base_median = stats::median(latest.samples);
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
  // the runs show themselves, and significant over values from distinct processes: each
  // condition alone lets one kind of noise through (docs/compare.md).
  const BaseSide base = base_side(b);
  const std::vector<double> new_values = compared_values(n);
  c.base_median = base.median;
  c.new_median = stats::median(new_values);
  c.change = relative_change(c.base_median, c.new_median);
  c.noise_band = std::max({base.within, base.between, relative_spread(new_values)});
  const auto test = stats::mann_whitney_u(base.pooled, new_values);
  c.p_value = test.p_value;
  const bool significant = test.p_value < result.alpha;
  const bool beyond_up = c.change > result.threshold && c.change > c.noise_band;
  const bool beyond_down = c.change < -result.threshold && -c.change > c.noise_band;
  const std::string band = "noise band " + band_percent(c.noise_band) +
                           (b.size() > 1 ? fmt::format(" over {} runs", b.size()) : std::string());
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

  add_if_noisy(where, "base", latest, noisy);
  add_if_noisy(where, "new", n, noisy);
  return c;
}

}  // namespace ph::report::detail
