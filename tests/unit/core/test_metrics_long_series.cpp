// The block-merged equity statistics (EquityStats: per-block shifted sums merged with Chan
// et al.'s pairwise update) and compute_metrics() on long deterministic series, against
// naive two-pass formulas written here from docs/backtest.md ("Metrics"):
//
//   r[t]          = equity[t]/equity[t-1] - 1, t >= 1 (evaluated in double exactly as written:
//                   these returns are the input both sides share; see "Choices" below)
//   mean          = sum(r) / (bars-1)                       (first pass)
//   m2            = sum((r - mean)^2)                       (second pass)
//   sharpe_ratio  = mean / sqrt(m2/(bars-2)) * sqrt(A)      (std with ddof 1)
//   sortino_ratio = mean*sqrt(A) / sqrt(sum(min(r,0)^2)/(bars-1))
//   max_drawdown  = min over t of equity[t]/max(equity[0..t]) - 1   (<= 0)
//   total_return  = equity[last]/capital - 1
//   annual_return = (1+total_return)^(A/(bars-1)) - 1       (0 with one bar)
//   calmar_ratio  = annual_return/|max_drawdown|
//   "a ratio whose denominator is 0 is 0".
//
// Choices where the text leaves room (and why):
// - std is the sample std (ddof 1, divisor bars-2 = returns-1), as the table says; so with a
//   single return there is no std and the Sharpe ratio is 0 (a 0 denominator), which is what
//   metrics.cpp does (`returns >= 2`).
// - Sortino's downside deviation is the root mean of min(r,0)^2 over ALL returns (zeros for
//   the up bars), not over the negative returns only: the table writes mean(min(r,0)^2).
// - No risk-free rate; annualisation is sqrt(A) for both ratios and A/(bars-1) periods for
//   annual_return (bars-1 return periods).
// - The running maximum of max_drawdown includes the current bar and starts at bar 0.
// - Three values are evaluated in double exactly as written, on both sides: the per-bar
//   returns equity[t]/equity[t-1] - 1.0, total_return = equity[last]/capital - 1.0, and the
//   base 1.0 + total_return of annual_return. They are the inputs the statistics are
//   computed from. Evaluated this way a small return carries an absolute rounding error of
//   about 1e-16, i.e. a relative one of 1e-16/|r| (1e-11 for the 1e-5 returns of the 1e6
//   series below), which no summation order changes; measuring it would test the formula,
//   not the block merging.
// - Everything the reference accumulates or derives from those inputs (both passes, the
//   downside sum, the square roots, the power) is done in long double (a 64-bit mantissa on
//   x86-64), so the reference's own rounding stays far below the 1e-12 tolerance and a failure
//   is the implementation's.
//
// All comparisons are relative, 1e-12, via Approx(x).epsilon(1e-12); an expected 0 (a zero
// denominator, no downside, no drawdown) must be exactly 0.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "perfharness/backtest/backtest.hpp"
#include "perfharness/data/series_view.hpp"
#include "perfharness/data/synthetic.hpp"
#include "perfharness/metrics/equity_stats.hpp"
#include "perfharness/metrics/metrics.hpp"

using namespace ph;

namespace {

constexpr double kRel = 1e-12;

// splitmix64: a fixed, platform-independent random source, written here so the series do
// not depend on the library's own generator.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  // A bell-shaped draw with mean 0 and standard deviation 1 (Irwin-Hall of 12 uniforms
  // minus 6): no libm involved, so the series are the same everywhere.
  double bell() {
    double x = -6.0;
    for (int i = 0; i < 12; ++i) x += uniform();
    return x;
  }
};

// 5,000 bars from 10,000: a rally, a long drawdown (drift down over bars 1700..2999; the
// deepest fall runs from a peak at bar 1791 to bar 2980 and loses three quarters of the
// equity), a recovery to new highs, with ordinary up and down bars throughout (daily
// volatility about 1.2%).
std::vector<double> rally_drawdown_recovery(std::size_t n = 5000) {
  Rng rng{20240611};
  std::vector<double> e(n);
  e[0] = 10000.0;
  for (std::size_t t = 1; t < n; ++t) {
    double drift = 0.0011, vol = 0.012;
    if (t < 300) drift = 0.003, vol = 0.01;  // a clearly rising start: early prefixes have a clear mean
    else if (t >= 1700 && t < 3000) drift = -0.0005;  // the long drawdown
    e[t] = e[t - 1] * (1.0 + drift + vol * rng.bell());
  }
  return e;
}

// 1e6 plus small moves: steps of about +-40 with a drift of +30 a bar, and a long stretch
// (bars 1500..3499) drifting down at -15 a bar. Equity stays within 10% of 1e6; returns are
// of order 1e-5. (The drift keeps |annual_return| above 2e-3 at every checkpoint:
// annual_return is a power near 1 minus 1, so one ulp of that power, 2.2e-16, is
// 2.2e-16/|annual_return| of the figure; with a drift of +5 a bar that was up to 6e-13, the
// rounding of pow() rather than anything the statistics do.)
std::vector<double> million_plus_small_moves(std::size_t n = 5000) {
  Rng rng{7};
  std::vector<double> e(n);
  e[0] = 1e6;
  for (std::size_t t = 1; t < n; ++t) {
    const double drift = (t >= 1500 && t < 3500) ? -15.0 : 30.0;
    e[t] = e[t - 1] + drift + 40.0 * rng.bell();
  }
  return e;
}

// Returns whose mean dwarfs their spread: 1e-3 a bar +- about 1e-7, from 1e6. A one-pass
// sum(r^2) - sum(r)^2/n is off by about 2e-7 relative here (checked below to be off by more
// than 1e-9), a shifted or two-pass computation by less than 1e-13. Every return is positive:
// no drawdown, no downside.
std::vector<double> steady_growth(std::size_t n = 5000) {
  Rng rng{99};
  std::vector<double> e(n);
  e[0] = 1e6;
  for (std::size_t t = 1; t < n; ++t) e[t] = e[t - 1] * (1.0 + 1e-3 + 1e-7 * rng.bell());
  return e;
}

// Trades for the trade-based metrics (they do not depend on the curve): wins, losses and
// exactly-zero pnl (neither a win nor a loss).
SimulationOutput some_trades(std::uint64_t seed, std::size_t count, bool with_losses) {
  Rng rng{seed};
  SimulationOutput out;
  for (std::size_t i = 0; i < count; ++i) {
    Trade tr;
    tr.entry_date = static_cast<Date>(18262 + 10 * i);
    tr.exit_date = tr.entry_date + 5;
    const double cash_in = 5000.0 + 10000.0 * rng.uniform();
    double pnl = std::round((rng.uniform() - (with_losses ? 0.45 : 0.0)) * 800.0 * 100.0) / 100.0;
    if (i % 17 == 3) pnl = 0.0;
    tr.pnl = pnl;
    tr.ret = pnl / cash_in;
    out.trades.push_back(tr);
  }
  return out;
}

// The naive reference, from the first n values of the curve.
struct Reference {
  long double mean = 0, m2 = 0, downside_sq = 0;
  double max_drawdown = 0, total_return = 0, annual_return = 0, sharpe = 0, sortino = 0, calmar = 0, final_equity = 0;
};

Reference naive(const std::vector<double>& e, std::size_t n, double capital, double annualization) {
  Reference ref;
  const std::size_t returns = n - 1;
  std::vector<double> r;
  for (std::size_t t = 1; t < n; ++t) r.push_back(e[t] / e[t - 1] - 1.0);
  // First pass: the mean. Second pass: squared deviations from it.
  long double sum = 0;
  for (double x : r) sum += x;
  if (returns > 0) ref.mean = sum / static_cast<long double>(returns);
  for (double x : r) ref.m2 += (x - ref.mean) * (x - ref.mean);
  for (double x : r)
    if (x < 0) ref.downside_sq += static_cast<long double>(x) * x;
  double peak = e[0];
  for (std::size_t t = 0; t < n; ++t) {
    peak = std::max(peak, e[t]);
    ref.max_drawdown = std::min(ref.max_drawdown, e[t] / peak - 1.0);
  }
  ref.final_equity = e[n - 1];
  ref.total_return = e[n - 1] / capital - 1.0;  // as written, in double (see above)
  if (n >= 2)
    ref.annual_return = static_cast<double>(
        std::pow(static_cast<long double>(1.0 + ref.total_return), static_cast<long double>(annualization) / returns) -
        1.0L);
  const long double root_a = std::sqrt(static_cast<long double>(annualization));
  if (returns >= 2 && ref.m2 > 0)
    ref.sharpe = static_cast<double>(ref.mean / std::sqrt(ref.m2 / static_cast<long double>(returns - 1)) * root_a);
  if (returns >= 1 && ref.downside_sq > 0)
    ref.sortino = static_cast<double>(ref.mean * root_a / std::sqrt(ref.downside_sq / static_cast<long double>(returns)));
  if (ref.max_drawdown != 0) ref.calmar = ref.annual_return / std::fabs(ref.max_drawdown);
  return ref;
}

std::string full(double x) {
  std::ostringstream o;
  o.precision(17);
  o << x;
  return o.str();
}

// got == want to kRel relative; an expected 0 must be exactly 0.
void check_rel(const std::string& what, double got, long double want_ld) {
  const double want = static_cast<double>(want_ld);
  INFO(what << ": got " << full(got) << ", want " << full(want));
  if (want == 0)
    CHECK(got == 0.0);
  else
    CHECK(got == Approx(want).epsilon(kRel));
}

void check_stats(const std::string& where, EquityStats& s, const Reference& ref, std::size_t n) {
  CHECK(s.bars() == static_cast<std::int64_t>(n));
  check_rel(where + " mean", s.mean(), ref.mean);
  check_rel(where + " m2", s.m2(), ref.m2);
  check_rel(where + " downside_sq", s.downside_sq(), ref.downside_sq);
  check_rel(where + " max_drawdown", s.max_drawdown(), ref.max_drawdown);
  CHECK(s.last() == ref.final_equity);
}

void check_metrics(const std::string& where, const Metrics& m, const Reference& ref, const SimulationOutput& sim,
                   std::size_t n) {
  check_rel(where + " total_return", m.total_return, ref.total_return);
  check_rel(where + " annual_return", m.annual_return, ref.annual_return);
  check_rel(where + " sharpe_ratio", m.sharpe_ratio, ref.sharpe);
  check_rel(where + " sortino_ratio", m.sortino_ratio, ref.sortino);
  check_rel(where + " max_drawdown", m.max_drawdown, ref.max_drawdown);
  check_rel(where + " calmar_ratio", m.calmar_ratio, ref.calmar);
  check_rel(where + " final_equity", m.final_equity, ref.final_equity);

  // The trade figures, naively.
  int wins = 0, losses = 0;
  long double win_sum = 0, loss_sum = 0;
  double best = 0, worst = 0;
  for (std::size_t i = 0; i < sim.trades.size(); ++i) {
    const Trade& tr = sim.trades[i];
    if (tr.pnl > 0) {
      ++wins;
      win_sum += tr.pnl;
    }
    if (tr.pnl < 0) {
      ++losses;
      loss_sum += tr.pnl;
    }
    if (i == 0 || tr.ret > best) best = tr.ret;
    if (i == 0 || tr.ret < worst) worst = tr.ret;
  }
  const int total = static_cast<int>(sim.trades.size());
  INFO(where);
  CHECK(m.total_trades == total);
  CHECK(m.winning_trades == wins);
  CHECK(m.losing_trades == losses);
  check_rel(where + " win_rate", m.win_rate, total ? static_cast<long double>(wins) / total : 0.0L);
  if (losses > 0) {
    REQUIRE(m.profit_factor.has_value());
    check_rel(where + " profit_factor", *m.profit_factor, win_sum / -loss_sum);
  } else {
    CHECK_FALSE(m.profit_factor.has_value());
  }
  check_rel(where + " avg_win", m.avg_win, wins ? win_sum / wins : 0.0L);
  check_rel(where + " avg_loss", m.avg_loss, losses ? loss_sum / losses : 0.0L);
  CHECK(m.best_trade == best);
  CHECK(m.worst_trade == worst);
  check_rel(where + " exposure", m.exposure,
            static_cast<long double>(sim.bars_in_position) / static_cast<long double>(n));
}

// Every check at each checkpoint (a prefix of the curve): a fresh EquityStats fed exactly
// n bars, one EquityStats queried at every checkpoint while it keeps being fed (a query
// merges a partial block mid-stream), and both compute_metrics overloads.
void check_curve(const std::string& name, const std::vector<double>& e, const std::vector<std::size_t>& checkpoints,
                 double annualization, SimulationOutput sim) {
  const double capital = e[0];
  EquityStats streaming;
  std::size_t fed = 0;
  for (std::size_t n : checkpoints) {
    REQUIRE(n >= 1);
    REQUIRE(n <= e.size());
    REQUIRE(n >= fed);
    const std::string where = name + " bars=" + std::to_string(n);
    INFO(where);
    const Reference ref = naive(e, n, capital, annualization);

    EquityStats fresh;
    for (std::size_t t = 0; t < n; ++t) fresh.add(e[t]);
    check_stats(where + " fresh", fresh, ref, n);

    for (; fed < n; ++fed) streaming.add(e[fed]);
    check_stats(where + " streaming", streaming, ref, n);

    sim.bars_in_position = static_cast<Eigen::Index>(n / 3);
    const Metrics from_curve = compute_metrics(e.data(), static_cast<Eigen::Index>(n), sim, capital, annualization);
    check_metrics(where + " compute_metrics(curve)", from_curve, ref, sim, n);
    EquityStats fed_stats;
    for (std::size_t t = 0; t < n; ++t) fed_stats.add(e[t]);
    const Metrics from_stats = compute_metrics(fed_stats, sim, capital, annualization);
    check_metrics(where + " compute_metrics(stats)", from_stats, ref, sim, n);
  }
}

// Prefix lengths around the implementation's block boundaries. EquityStats merges the first
// return on its own, then blocks of 128 returns (equity_stats.hpp, kBlock), so a block ends
// at bars = 2 + 128k. Checked: 1 bar (no return), 2 and 3 bars (one and two returns), the
// boundaries 130, 258, 4994 and neighbours, lengths that are multiples of 128 bars (256,
// 2048), lengths that fall on no boundary and are multiples of nothing the code uses (1000,
// 2690, 4999, 5000: 5,000 bars are 4,999 returns = 1 + 39·128 + 6), and primes (997, 4993).
const std::vector<std::size_t> kCheckpoints = {1, 2, 3, 129, 130, 131, 256, 258, 997, 1000, 2048, 2690, 4993, 4994, 4995, 4999, 5000};

}  // namespace

TEST_CASE("long series: block-merged equity statistics equal naive two-pass formulas", "[core][metrics][long_series]") {
  SECTION("rally, long drawdown, recovery (5,000 bars)") {
    const auto e = rally_drawdown_recovery();
    // The series is what it claims: a deep, long drawdown, and ups and downs.
    const Reference whole = naive(e, e.size(), e[0], 252);
    REQUIRE(whole.max_drawdown < -0.7);
    REQUIRE(e.back() > *std::max_element(e.begin(), e.begin() + 1700));  // recovered to a new high
    check_curve("rally", e, kCheckpoints, 252, some_trades(1, 400, true));
  }
  SECTION("another annualisation factor (365) and only winning trades") {
    check_curve("rally/365", rally_drawdown_recovery(), {2, 5000}, 365, some_trades(2, 50, false));
  }
  SECTION("1e6 plus small moves") {
    const auto e = million_plus_small_moves();
    REQUIRE(*std::min_element(e.begin(), e.end()) > 0.95e6);
    REQUIRE(*std::max_element(e.begin(), e.end()) < 1.1e6);
    check_curve("1e6+moves", e, kCheckpoints, 252, some_trades(3, 120, true));
  }
  SECTION("returns whose mean is 10^4 times their spread") {
    const auto e = steady_growth();
    const std::size_t n = e.size();
    // A one-pass sum-of-squares loses most of its digits on this series, so a test that
    // passes here shows the implementation does not compute its variance that way.
    double sum = 0, sq = 0;
    for (std::size_t t = 1; t < n; ++t) {
      const double r = e[t] / e[t - 1] - 1.0;
      sum += r;
      sq += r * r;
    }
    const double one_pass = sq - sum * (sum / static_cast<double>(n - 1));
    const Reference ref = naive(e, n, e[0], 252);
    const double one_pass_error = std::fabs(one_pass - static_cast<double>(ref.m2)) / static_cast<double>(ref.m2);
    INFO("one-pass relative error of m2: " << one_pass_error);
    CHECK(one_pass_error > 1e-9);
    check_curve("steady", e, kCheckpoints, 252, some_trades(4, 30, true));
  }
}

TEST_CASE("long series: the fused backtest pass matches naive formulas over its own equity curve",
          "[core][metrics][long_series]") {
  // 2000-01-01..2023-12-31 of synthetic data: 8,766 bars. run_backtest feeds EquityStats
  // inside the simulation loop and writes the curve to ws.equity; the metrics must be the
  // naive formulas over that curve (the curve itself is the simulation's, tested elsewhere).
  SyntheticSpec spec;
  spec.first_date = date_from_civil(2000, 1, 1);
  spec.seed = 1234;
  const OhlcvSeries series = generate_synthetic("LONG", spec);
  REQUIRE(series.size() == 8766);

  struct Case {
    const char* strategy;
    std::vector<ParamAssignment> params;
    Date start, end;
    BacktestConfig cfg;
  };
  BacktestConfig other;
  other.portfolio = PortfolioConfig{12345.5, 0.0005, 0.002};
  other.annualization = 365;
  const Date first = series.dates.front(), last = series.dates.back();
  const std::vector<Case> cases = {
      {"sma_cross", {}, first, last, BacktestConfig{}},
      {"sma_cross", {{"fast_period", "5"}, {"slow_period", "50"}}, first, last, other},
      {"rsi", {}, first, last, BacktestConfig{}},
      {"bollinger", {}, first, last, other},
      {"momentum", {{"lookback", "10"}, {"threshold", "0.01"}}, first, last, BacktestConfig{}},
      // 3,001 bars: neither the bars nor the returns a multiple of the block size.
      {"breakout", {}, date_from_civil(2010, 3, 7), date_from_civil(2010, 3, 7) + 3000, BacktestConfig{}},
      {"ema_cross", {}, date_from_civil(2001, 1, 1), date_from_civil(2001, 1, 1) + 1000, other},
  };
  for (const Case& c : cases) {
    BacktestWorkspace ws;
    const BacktestResult r =
        run_backtest(series, resolve_parameters(strategy_or_throw(c.strategy), c.params), c.start, c.end, c.cfg, ws);
    const std::string where = std::string(c.strategy) + " " + describe(r.parameters) + " bars=" + std::to_string(r.bars);
    INFO(where);
    REQUIRE(r.bars >= 1000);
    CHECK(r.metrics.total_trades > 5);  // the strategy traded: a curve with real returns
    const std::vector<double> curve(ws.equity.data(), ws.equity.data() + r.bars);
    const std::size_t n = curve.size();
    const Reference ref = naive(curve, n, c.cfg.portfolio.capital, c.cfg.annualization);
    SimulationOutput sim;
    sim.trades = r.trades;
    sim.bars_in_position = ws.simulation.bars_in_position;
    check_metrics(where, r.metrics, ref, sim, n);
  }
}
