// Strategy rules: a hand-worked fixture, then every strategy against a naive,
// independently written oracle of its documented rule on synthetic data.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>

#include "perfharness/backtest/backtest.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/data/synthetic.hpp"

using namespace ph;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

OhlcvSeries series_of(const std::vector<double>& close) {
  OhlcvSeries s;
  s.symbol = "FIX";
  s.resize(static_cast<Eigen::Index>(close.size()));
  for (std::size_t i = 0; i < close.size(); ++i) {
    s.dates[i] = static_cast<Date>(19723 + i);
    s.open[static_cast<Eigen::Index>(i)] = s.high[static_cast<Eigen::Index>(i)] = s.low[static_cast<Eigen::Index>(i)] =
        s.close[static_cast<Eigen::Index>(i)] = s.adj_close[static_cast<Eigen::Index>(i)] = close[i];
    s.volume[static_cast<Eigen::Index>(i)] = 1000;
  }
  return s;
}

// Naive definitions, O(n·window), straight from docs/backtest.md.
double mean_of(const double* x, Eigen::Index from, Eigen::Index to) {
  double s = 0;
  for (Eigen::Index i = from; i <= to; ++i) s += x[i];
  return s / static_cast<double>(to - from + 1);
}
std::vector<double> naive_sma(const double* x, Eigen::Index n, int p) {
  std::vector<double> out(static_cast<std::size_t>(n), kNaN);
  for (Eigen::Index t = p - 1; t < n; ++t) out[static_cast<std::size_t>(t)] = mean_of(x, t - p + 1, t);
  return out;
}
std::vector<double> naive_ema(const double* x, Eigen::Index n, int p) {
  std::vector<double> out(static_cast<std::size_t>(n), kNaN);
  if (n < p) return out;
  double v = mean_of(x, 0, p - 1);
  out[static_cast<std::size_t>(p - 1)] = v;
  for (Eigen::Index t = p; t < n; ++t) out[static_cast<std::size_t>(t)] = v = v + 2.0 / (p + 1) * (x[t] - v);
  return out;
}
double at(const std::vector<double>& v, Eigen::Index t) { return v[static_cast<std::size_t>(t)]; }

using Rule = std::function<void(Eigen::Index t, bool& entry, bool& exit)>;

void check_against_oracle(const std::string& name, const std::vector<std::pair<std::string, double>>& params,
                          const std::function<Rule(const OhlcvSeries&)>& make_rule) {
  SyntheticSpec spec;
  const OhlcvSeries s = generate_synthetic("ORACLE", spec);
  const Parameters p = resolve_parameters(strategy_or_throw(name), params);
  Workspace ws;
  Signals sig;
  p.strategy().generate(view_of(s), p, ws, sig);
  const Rule rule = make_rule(s);
  int entries = 0, exits = 0, mismatches = 0;
  for (Eigen::Index t = 0; t < s.size(); ++t) {
    bool entry = false, exit = false;
    rule(t, entry, exit);
    entries += entry;
    exits += exit;
    mismatches += (entry != (sig.entries[static_cast<std::size_t>(t)] != 0)) +
                  (exit != (sig.exits[static_cast<std::size_t>(t)] != 0));
  }
  INFO(name << ": " << entries << " entries, " << exits << " exits");
  CHECK(mismatches == 0);
  CHECK(entries > 0);  // the fixture must exercise the rule
  CHECK(exits > 0);
}

bool above(double a1, double b1, double a0, double b0) { return a1 > b1 && a0 <= b0; }
bool below(double a1, double b1, double a0, double b0) { return a1 < b1 && a0 >= b0; }
}  // namespace

TEST_CASE("sma_cross trades a hand-worked fixture", "[core][strategy]") {
  // SMA2: t3 8.5, t4 9.5, t6 10.5, t7 9.5;  SMA3: t3 8.67, t4 9, t6 10.33, t7 10.
  // Fast crosses above at t4 (9.5 > 9, 8.5 <= 8.67), below at t7 (9.5 < 10, 10.5 >= 10.33).
  const OhlcvSeries s = series_of({10, 9, 8, 9, 10, 11, 10, 9, 8, 9});
  const Parameters p = resolve_parameters(strategy_or_throw("sma_cross"), std::vector<ParamAssignment>{{"fast_period", "2"}, {"slow_period", "3"}});
  BacktestWorkspace ws;
  const BacktestResult r = run_backtest(s, p, s.dates.front(), s.dates.back(), BacktestConfig{}, ws);
  REQUIRE(r.trades.size() == 1);
  CHECK(r.trades[0].entry_date == s.dates[4]);
  CHECK(r.trades[0].exit_date == s.dates[7]);
  // size = 10000/(10·1.001·1.001) = 998.0029960049943; cash back = size·(9·0.999)·0.999 = 8964.071892143824
  CHECK(r.trades[0].size == Approx(998.0029960049943).epsilon(1e-13));
  CHECK(r.metrics.final_equity == Approx(8964.071892143824).epsilon(1e-13));
  CHECK(r.bars == 10);
}

TEST_CASE("momentum, breakout and mean_reversion trade hand-worked fixtures", "[core][strategy]") {
  BacktestWorkspace ws;
  auto trades_of = [&](const std::string& name, const std::vector<ParamAssignment>& params, const std::vector<double>& close) {
    const OhlcvSeries s = series_of(close);
    return run_backtest(s, resolve_parameters(strategy_or_throw(name), params), s.dates.front(), s.dates.back(), BacktestConfig{}, ws).trades;
  };
  // momentum lookback 2, threshold 0.05: t2 = 110/100-1 = +10% enters; t5 = 95/110-1 = -13.6% exits.
  auto m = trades_of("momentum", {{"lookback", "2"}, {"threshold", "0.05"}}, {100, 100, 110, 110, 110, 95, 95});
  REQUIRE(m.size() == 1);
  CHECK(m[0].entry_date == 19723 + 2);
  CHECK(m[0].exit_date == 19723 + 5);
  // breakout lookback 3, exit 2: t3 = 11 > max(10,10,10) enters; t5 = 9 < min(11,10) exits.
  auto b = trades_of("breakout", {{"lookback", "3"}, {"exit_lookback", "2"}}, {10, 10, 10, 11, 10, 9, 9});
  REQUIRE(b.size() == 1);
  CHECK(b[0].entry_date == 19723 + 3);
  CHECK(b[0].exit_date == 19723 + 5);
  // mean_reversion ma 2: t2 = (9-9.5)/9.5 = -5.3% < -2% enters; t3 = (10-9.5)/9.5 = +5.3% > 1% exits.
  auto r = trades_of("mean_reversion", {{"ma_period", "2"}}, {10, 10, 9, 10, 11, 11});
  REQUIRE(r.size() == 1);
  CHECK(r[0].entry_date == 19723 + 2);
  CHECK(r[0].exit_date == 19723 + 3);
}

TEST_CASE("every strategy matches a naive oracle of its rule", "[core][strategy]") {
  check_against_oracle("sma_cross", {}, [](const OhlcvSeries& s) {
    auto f = naive_sma(s.close.data(), s.size(), 10), sl = naive_sma(s.close.data(), s.size(), 20);
    return [=](Eigen::Index t, bool& en, bool& ex) {
      if (t == 0) return;
      en = above(at(f, t), at(sl, t), at(f, t - 1), at(sl, t - 1));
      ex = below(at(f, t), at(sl, t), at(f, t - 1), at(sl, t - 1));
    };
  });
  check_against_oracle("ema_cross", {}, [](const OhlcvSeries& s) {
    auto f = naive_ema(s.close.data(), s.size(), 12), sl = naive_ema(s.close.data(), s.size(), 26);
    return [=](Eigen::Index t, bool& en, bool& ex) {
      if (t == 0) return;
      en = above(at(f, t), at(sl, t), at(f, t - 1), at(sl, t - 1));
      ex = below(at(f, t), at(sl, t), at(f, t - 1), at(sl, t - 1));
    };
  });
  check_against_oracle("rsi", {}, [](const OhlcvSeries& s) {
    // Wilder's RSI written the textbook way: averages of gains and losses.
    const Eigen::Index n = s.size();
    std::vector<double> r(static_cast<std::size_t>(n), kNaN);
    double g = 0, l = 0;
    for (Eigen::Index i = 1; i <= 14; ++i) {
      const double d = s.close[i] - s.close[i - 1];
      g += std::max(d, 0.0) / 14;
      l += std::max(-d, 0.0) / 14;
    }
    r[14] = 100 * g / (g + l);
    for (Eigen::Index i = 15; i < n; ++i) {
      const double d = s.close[i] - s.close[i - 1];
      g = (g * 13 + std::max(d, 0.0)) / 14;
      l = (l * 13 + std::max(-d, 0.0)) / 14;
      r[static_cast<std::size_t>(i)] = 100 * g / (g + l);
    }
    return [=](Eigen::Index t, bool& en, bool& ex) {
      if (t == 0) return;
      en = at(r, t) < 30 && 30 <= at(r, t - 1);
      ex = at(r, t) > 70 && 70 >= at(r, t - 1);
    };
  });
  check_against_oracle("macd", {}, [](const OhlcvSeries& s) {
    const Eigen::Index n = s.size();
    // TA-Lib's seeding: both EMAs start at bar 25; the fast one from the SMA of bars 14..25.
    std::vector<double> line(static_cast<std::size_t>(n), kNaN), sig(static_cast<std::size_t>(n), kNaN);
    double fast = mean_of(s.close.data(), 14, 25), slow = mean_of(s.close.data(), 0, 25);
    line[25] = fast - slow;
    for (Eigen::Index t = 26; t < n; ++t) {
      fast += 2.0 / 13 * (s.close[t] - fast);
      slow += 2.0 / 27 * (s.close[t] - slow);
      line[static_cast<std::size_t>(t)] = fast - slow;
    }
    double sv = mean_of(line.data(), 25, 33);
    sig[33] = sv;
    for (Eigen::Index t = 34; t < n; ++t) sig[static_cast<std::size_t>(t)] = sv = sv + 0.2 * (at(line, t) - sv);
    return [=](Eigen::Index t, bool& en, bool& ex) {
      if (t == 0) return;
      en = above(at(line, t), at(sig, t), at(line, t - 1), at(sig, t - 1));
      ex = below(at(line, t), at(sig, t), at(line, t - 1), at(sig, t - 1));
    };
  });
  check_against_oracle("bollinger", {}, [](const OhlcvSeries& s) {
    const Eigen::Index n = s.size();
    std::vector<double> up(static_cast<std::size_t>(n), kNaN), lo(static_cast<std::size_t>(n), kNaN);
    for (Eigen::Index t = 19; t < n; ++t) {
      const double m = mean_of(s.close.data(), t - 19, t);
      double var = 0;
      for (Eigen::Index i = t - 19; i <= t; ++i) var += (s.close[i] - m) * (s.close[i] - m) / 20;
      up[static_cast<std::size_t>(t)] = m + 2 * std::sqrt(var);
      lo[static_cast<std::size_t>(t)] = m - 2 * std::sqrt(var);
    }
    const auto& c = s.close;
    return [=](Eigen::Index t, bool& en, bool& ex) {
      if (t == 0) return;
      en = c[t] <= at(lo, t) && c[t - 1] > at(lo, t - 1);
      ex = c[t] >= at(up, t) && c[t - 1] < at(up, t - 1);
    };
  });
  check_against_oracle("momentum", {{"threshold", 0.1}}, [](const OhlcvSeries& s) {
    const auto& c = s.close;
    return [=](Eigen::Index t, bool& en, bool& ex) {
      if (t < 20) return;
      en = c[t] / c[t - 20] - 1 > 0.1;
      ex = c[t] / c[t - 20] - 1 < -0.1;
    };
  });
  check_against_oracle("mean_reversion", {}, [](const OhlcvSeries& s) {
    auto ma = naive_sma(s.close.data(), s.size(), 20);
    const auto& c = s.close;
    return [=](Eigen::Index t, bool& en, bool& ex) {
      if (t < 19) return;
      en = (c[t] - at(ma, t)) / at(ma, t) < -0.02;
      ex = (c[t] - at(ma, t)) / at(ma, t) > 0.01;
    };
  });
  check_against_oracle("breakout", {}, [](const OhlcvSeries& s) {
    const auto& c = s.close;
    return [=](Eigen::Index t, bool& en, bool& ex) {
      if (t >= 20) en = c[t] > c.segment(t - 20, 20).maxCoeff();
      if (t >= 10) ex = c[t] < c.segment(t - 10, 10).minCoeff();
    };
  });
  check_against_oracle("volume_momentum", {{"volume_multiplier", 1.2}}, [](const OhlcvSeries& s) {
    auto vma = naive_sma(s.volume.data(), s.size(), 20);
    const auto& c = s.close;
    const auto& v = s.volume;
    return [=](Eigen::Index t, bool& en, bool& ex) {
      if (t < 20) return;
      const double pc = c[t] / c[t - 20] - 1;
      en = pc > 0.05 && v[t] > at(vma, t) * 1.2;
      ex = pc < -0.05 || v[t] < at(vma, t) * 0.8;
    };
  });
}

TEST_CASE("bad parameters name the parameter and what is allowed", "[core][strategy]") {
  const StrategyInfo& sma = strategy_or_throw("sma_cross");
  auto error = [&](const std::vector<ParamAssignment>& given) {
    try {
      resolve_parameters(sma, given);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error({{"fast", "5"}}), Catch::Contains("no parameter 'fast'") && Catch::Contains("fast_period, slow_period"));
  CHECK_THAT(error({{"fast_period", "abc"}}), Catch::Contains("'fast_period'") && Catch::Contains("an integer"));
  CHECK_THAT(error({{"fast_period", "2.5"}}), Catch::Contains("must be an integer"));
  CHECK_THAT(error({{"fast_period", "0"}}), Catch::Contains("from 1"));
  CHECK_THAT(error({{"fast_period", "20"}}), Catch::Contains("must be less than slow_period"));
  CHECK_THAT(error({{"slow_period", "1"}}), Catch::Contains("from 2"));
  CHECK_THROWS_WITH(strategy_or_throw("smacross"), Catch::Contains("known strategies: sma_cross"));
  CHECK_THROWS_AS(resolve_parameters(strategy_or_throw("momentum"), std::vector<ParamAssignment>{{"threshold", "-0.1"}}), InputError);
  CHECK(resolve_parameters(sma, std::vector<ParamAssignment>{}).values() == std::vector<double>{10, 20});
}

TEST_CASE("a backtest over an empty range is an input error", "[core][backtest]") {
  const OhlcvSeries s = generate_synthetic("X", SyntheticSpec{});
  BacktestWorkspace ws;
  const Parameters p = resolve_parameters(strategy_or_throw("rsi"), std::vector<ParamAssignment>{});
  CHECK_THROWS_WITH(run_backtest(s, p, *parse_iso_date("2030-01-01"), *parse_iso_date("2030-12-31"), BacktestConfig{}, ws),
                    Catch::Contains("no bars from 2030-01-01"));
}
