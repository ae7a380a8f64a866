// Hand-worked trade fixtures for ema_cross, rsi, macd, bollinger and volume_momentum:
// every expected number below was worked out by hand from docs/backtest.md (indicator
// definitions, strategy rules, fill rules), never read back from the code.
//
// Fill arithmetic used throughout (default BacktestConfig: capital 10000, fees 0.001,
// slippage 0.001), for an entry at close a with cash C and an exit at close b:
//   entry fill = a·1.001;  size = C/(a·1.001·1.001) = C/(a·1.002001)
//   exit fill  = b·0.999;  cash back = size·b·0.999·0.999 = size·b·0.998001
//   pnl = cash back − C;   the next entry spends the whole cash back.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "perfharness/backtest/backtest.hpp"

using namespace ph;

namespace {

constexpr double kEps = 1e-9;  // relative
constexpr Date kDay0 = 19723;  // 2024-01-01; bar i is dated kDay0 + i

OhlcvSeries fixture(const std::vector<double>& close, const std::vector<double>& volume = {}) {
  OhlcvSeries s;
  s.symbol = "HAND";
  s.resize(static_cast<Eigen::Index>(close.size()));
  for (std::size_t i = 0; i < close.size(); ++i) {
    const auto t = static_cast<Eigen::Index>(i);
    s.dates[i] = static_cast<Date>(kDay0 + static_cast<Date>(i));
    s.open[t] = s.high[t] = s.low[t] = s.close[t] = s.adj_close[t] = close[i];
    s.volume[t] = volume.empty() ? 1000.0 : volume[i];
  }
  return s;
}

BacktestResult backtest(const std::string& name, const std::vector<ParamAssignment>& params, const OhlcvSeries& s) {
  BacktestWorkspace ws;
  return run_backtest(s, resolve_parameters(strategy_or_throw(name), params), s.dates.front(), s.dates.back(),
                      BacktestConfig{}, ws);
}

struct Want {
  int entry_bar, exit_bar;
  double entry_price, exit_price, size, pnl;
};

void check_trades(const BacktestResult& r, const std::vector<Want>& want) {
  REQUIRE(r.trades.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("trade " << i);
    const Trade& t = r.trades[i];
    CHECK(t.entry_date == kDay0 + want[i].entry_bar);
    CHECK(t.exit_date == kDay0 + want[i].exit_bar);
    CHECK(t.entry_price == Approx(want[i].entry_price).epsilon(kEps));
    CHECK(t.exit_price == Approx(want[i].exit_price).epsilon(kEps));
    CHECK(t.size == Approx(want[i].size).epsilon(kEps));
    CHECK(t.pnl == Approx(want[i].pnl).epsilon(kEps));
  }
}

}  // namespace

TEST_CASE("ema_cross trades a hand-worked fixture", "[core][strategies][hand]") {
  // fast EMA(2): k = 2/3, seeded at bar 1 with mean(c0,c1);
  // slow EMA(3): k = 1/2, seeded at bar 2 with mean(c0,c1,c2).
  //  bar  close  EMA2                          EMA3
  //   2    10    10                            10
  //   3    10    10                            10          (fast <= slow)
  //   4    13    10 + 3·2/3 = 12               10 + 3/2 = 11.5   12 > 11.5: crosses above -> ENTRY
  //   5    13    12 + 1·2/3 = 38/3 = 12.667    11.5 + 1.5/2 = 12.25   still above
  //   6     7    38/3 − (17/3)·2/3 = 80/9 = 8.889   12.25 − 5.25/2 = 9.625   8.889 < 9.625: crosses below -> EXIT
  //   7     7    80/9 − (17/9)·2/3 = 206/27 = 7.630 9.625 − 2.625/2 = 8.3125  still below
  //   8    12    206/27 + (118/27)·2/3 = 854/81 = 10.543   (8.3125+12)/2 = 10.15625   crosses above -> ENTRY
  //   9    15    854/81 + (361/81)·2/3 = 3284/243 = 13.514 (10.15625+15)/2 = 12.578  above; last bar -> closed at 15
  const OhlcvSeries s = fixture({10, 10, 10, 10, 13, 13, 7, 7, 12, 15});
  const BacktestResult r = backtest("ema_cross", {{"fast_period", "2"}, {"slow_period", "3"}}, s);
  check_trades(r, {
      // trade 0: in 13·1.001 = 13.013; size = 10000/(13·1.002001) = 10000/13.026013 = 767.69461231153385;
      //          out 7·0.999 = 6.993; back = size·7·0.998001 = size·6.986007 = 5363.1199354706617;
      //          pnl = 5363.1199354706617 − 10000 = −4636.8800645293383
      {4, 6, 13.013, 6.993, 767.69461231153385, -4636.8800645293383},
      // trade 1: in 12·1.001 = 12.012; size = 5363.1199354706617/12.024012 = 446.03414696115254;
      //          out (last bar) 15·0.999 = 14.985; back = size·14.970015 = 6677.1378705206579;
      //          pnl = 6677.1378705206579 − 5363.1199354706617 = 1314.0179350499963
      {8, 9, 12.012, 14.985, 446.03414696115254, 1314.0179350499963},
  });
  // final equity = cash back of the last trade; one winner, one loser.
  CHECK(r.metrics.final_equity == Approx(6677.1378705206579).epsilon(kEps));
  // total_return = 6677.1378705206579/10000 − 1
  CHECK(r.metrics.total_return == Approx(-0.33228621294793421).epsilon(kEps));
  CHECK(r.metrics.total_trades == 2);
  CHECK(r.metrics.winning_trades == 1);
  CHECK(r.metrics.losing_trades == 1);
}

TEST_CASE("rsi trades a hand-worked fixture", "[core][strategies][hand]") {
  // RSI(2), Wilder: first avg gain/loss = means of changes 1..2, then (prev·1 + x)/2.
  // Entry: rsi[t] < 30 <= rsi[t−1]; exit: rsi[t] > 70 >= rsi[t−1].
  //  bar close change  gain       loss        RSI = 100·g/(g+l)
  //   1   11    +1
  //   2   10    −1     1/2        1/2         50
  //   3    8    −2     1/4        5/4         16.67  < 30 <= 50        -> ENTRY at 8
  //   4    9    +1     5/8        5/8         50
  //   5   11    +2     21/16      5/16        80.77  > 70 >= 50        -> EXIT at 11
  //   6   11     0     21/32      5/32        80.77  (no cross)
  //   7    8    −3     21/64      101/64      17.21  < 30 <= 80.77     -> ENTRY at 8
  //   8    6    −2     21/128     229/128     8.4    (30 > 17.21: no new signal)
  //   9    9    +3     405/256    229/256     63.88  (not > 70)        last bar -> closed at 9
  const OhlcvSeries s = fixture({10, 11, 10, 8, 9, 11, 11, 8, 6, 9});
  const BacktestResult r = backtest("rsi", {{"period", "2"}, {"oversold", "30"}, {"overbought", "70"}}, s);
  check_trades(r, {
      // trade 0: in 8·1.001 = 8.008; size = 10000/(8·1.002001) = 10000/8.016008 = 1247.5037450062425;
      //          out 11·0.999 = 10.989; back = size·10.978011 = 13695.109835219725; pnl = 3695.1098352197253
      {3, 5, 8.008, 10.989, 1247.5037450062425, 3695.1098352197253},
      // trade 1: in 8.008; size = 13695.109835219725/8.016008 = 1708.4700807708432;
      //          out (last bar) 9·0.999 = 8.991; back = size·8.982009 = 15345.493641714441;
      //          pnl = 15345.493641714441 − 13695.109835219725 = 1650.3838064947153
      {7, 9, 8.008, 8.991, 1708.4700807708432, 1650.3838064947153},
  });
  CHECK(r.metrics.final_equity == Approx(15345.493641714441).epsilon(kEps));
  CHECK(r.metrics.total_trades == 2);
  CHECK(r.metrics.winning_trades == 2);
  // best trade return = 3695.1098352197253/10000; worst = 1650.3838064947153/13695.109835219725
  CHECK(r.metrics.best_trade == Approx(0.36951098352197253).epsilon(kEps));
  CHECK(r.metrics.worst_trade == Approx(0.12050898651797753).epsilon(kEps));
}

TEST_CASE("macd trades a hand-worked fixture", "[core][strategies][hand]") {
  // MACD(2, 3, 2), TA-Lib seeding: slow EMA(3) (k = 1/2) seeded at bar 2 with mean(c0..c2)
  // = (1+10+10)/3 = 7; fast EMA(2) (k = 2/3) seeded at bar 2 with mean(c1,c2) = 10 (NOT from
  // bar 0: with c0 = 1 the fast EMA seeded at bar 1 would be 5.5, then 8.5 at bar 2, and trade at bars 4..6).
  // Signal EMA(2) of MACD (k = 2/3) seeded at bar 3 with mean(m2, m3).
  //  bar close fast                slow                MACD m               signal
  //   2   10   10                  7                   3
  //   3   10   10                  17/2                3/2                  (3+3/2)/2 = 9/4
  //   4   16   14                  49/4                7/4 = 1.75           9/4 − (1/2)·2/3 = 23/12 = 1.917   m < sig
  //   5   18   50/3                121/8               37/24 = 1.542        5/3 = 1.667                       m < sig
  //   6   15   140/9               241/16              71/144 = 0.493       191/216 = 0.884                   m < sig
  //   7   10   320/27              401/32              −587/864 = −0.6794   −205/1296 = −0.1582               m < sig
  //   8   13   1022/81             817/64              −769/5184 = −0.14834 −131/864 = −0.15162  m > sig: crosses above -> ENTRY at 13
  //   9   14   3290/243            1713/128            4861/31104 = 0.1563  2503/46656 = 0.0536               m > sig
  //  10   10   8150/729            2993/256            −0.51171             −0.32326   m < sig: crosses below -> EXIT at 10
  //  11   12   25646/2187          6065/512            −0.11914             −0.18718   crosses above, but on the last bar: not taken
  const OhlcvSeries s = fixture({1, 10, 10, 10, 16, 18, 15, 10, 13, 14, 10, 12});
  const BacktestResult r =
      backtest("macd", {{"fast_period", "2"}, {"slow_period", "3"}, {"signal_period", "2"}}, s);
  check_trades(r, {
      // in 13·1.001 = 13.013; size = 10000/(13·1.002001) = 10000/13.026013 = 767.69461231153385;
      // out 10·0.999 = 9.99; back = size·9.98001 = 7661.5999078152310; pnl = −2338.4000921847690
      {8, 10, 13.013, 9.99, 767.69461231153385, -2338.4000921847690},
  });
  CHECK(r.metrics.final_equity == Approx(7661.5999078152310).epsilon(kEps));
  CHECK(r.metrics.total_trades == 1);
  CHECK(r.metrics.losing_trades == 1);
  // held at the close of bars 8 and 9 only (flat again after bar 10's exit; bar 11's entry not taken): 2/12
  CHECK(r.metrics.exposure == Approx(2.0 / 12.0).epsilon(kEps));
  CHECK(r.bars == 12);
}

TEST_CASE("bollinger trades a hand-worked fixture", "[core][strategies][hand]") {
  // Bollinger(3, 1): mean of the last 3 closes ± 1·population std.
  // Entry: close[t] <= lower[t] and close[t−1] > lower[t−1]; exit: close[t] >= upper[t] and close[t−1] < upper[t−1].
  //  bar close window     mean   var     std     lower    upper
  //   2   12   10 11 12   11     2/3     0.8165  10.1835  11.8165
  //   3    9   11 12  9   32/3   14/9    1.2472   9.4194  11.9139   9 <= 9.4194, 12 > 10.1835   -> ENTRY at 9
  //   4   10   12  9 10   31/3   14/9    1.2472   9.0861  11.5806   inside the band
  //   5   13    9 10 13   32/3   26/9    1.6997   8.9670  12.3663   13 >= 12.3663, 10 < 11.5806 -> EXIT at 13
  //   6   12   10 13 12   35/3   14/9    1.2472  10.4194  12.9139   inside the band
  //   7    8   13 12  8   11     14/3    2.1602   8.8398  13.1602   8 <= 8.8398, 12 > 10.4194   -> ENTRY at 8
  //   8    9   12  8  9   29/3   26/9    1.6997   7.9670  11.3663   inside; last bar -> closed at 9
  const OhlcvSeries s = fixture({10, 11, 12, 9, 10, 13, 12, 8, 9});
  const BacktestResult r = backtest("bollinger", {{"period", "3"}, {"std_dev", "1"}}, s);
  check_trades(r, {
      // trade 0: in 9·1.001 = 9.009; size = 10000/(9·1.002001) = 10000/9.018009 = 1108.8922177833267;
      //          out 13·0.999 = 12.987; back = size·12.974013 = 14386.782049119711; pnl = 4386.7820491197115
      {3, 5, 9.009, 12.987, 1108.8922177833267, 4386.7820491197115},
      // trade 1: in 8·1.001 = 8.008; size = 14386.782049119711/8.016008 = 1794.7564484865424;
      //          out (last bar) 9·0.999 = 8.991; back = size·8.982009 = 16120.518573114160;
      //          pnl = 16120.518573114160 − 14386.782049119711 = 1733.7365239944484
      {7, 8, 8.008, 8.991, 1794.7564484865424, 1733.7365239944484},
  });
  CHECK(r.metrics.final_equity == Approx(16120.518573114160).epsilon(kEps));
  // total_return = 16120.518573114160/10000 − 1
  CHECK(r.metrics.total_return == Approx(0.61205185731141599).epsilon(kEps));
  CHECK(r.metrics.total_trades == 2);
  CHECK(r.metrics.winning_trades == 2);
}

TEST_CASE("volume_momentum trades a hand-worked fixture", "[core][strategies][hand]") {
  // momentum_period 2, volume_period 3, momentum_threshold 0.05, volume_multiplier 1.5.
  // pc = c[t]/c[t−2] − 1; vma = mean of the last 3 volumes.
  // Entry: pc > 0.05 and v > 1.5·vma; exit: pc < −0.05 or v < 0.8·vma.
  //  bar close vol   pc                 vma      1.5·vma  0.8·vma
  //   2   100  1000  0                  1000     1500     800       nothing
  //   3   106  3000  106/100−1 = 0.06   5000/3   2500     1333.3    0.06 > 0.05, 3000 > 2500     -> ENTRY at 106
  //   4   108  2000  108/100−1 = 0.08   2000     3000     1600      no exit (2000 >= 1600)
  //   5   110  1000  110/106−1 = 0.0377 2000     3000     1600      1000 < 1600 (volume exit)    -> EXIT at 110
  //   6   110  1000  110/108−1 = 0.0185 4000/3   2000     1066.7    exit signal while flat: ignored
  //   7   120  4000  120/110−1 = 0.0909 2000     3000     1600      0.0909 > 0.05, 4000 > 3000   -> ENTRY at 120
  //   8   112  3000  112/110−1 = 0.0182 8000/3   4000     2133.3    no signal
  //   9   108  3000  108/120−1 = −0.1   10000/3  5000     2666.7    −0.1 < −0.05 (price exit)    -> EXIT at 108
  //  10   108  3000  108/112−1 = −0.0357 3000    4500     2400      flat, nothing
  const OhlcvSeries s = fixture({100, 100, 100, 106, 108, 110, 110, 120, 112, 108, 108},
                                {1000, 1000, 1000, 3000, 2000, 1000, 1000, 4000, 3000, 3000, 3000});
  const BacktestResult r = backtest("volume_momentum",
                                    {{"momentum_period", "2"},
                                     {"volume_period", "3"},
                                     {"momentum_threshold", "0.05"},
                                     {"volume_multiplier", "1.5"}},
                                    s);
  check_trades(r, {
      // trade 0: in 106·1.001 = 106.106; size = 10000/(106·1.002001) = 10000/106.212106 = 94.151226038206982;
      //          out 110·0.999 = 109.89; back = size·109.78011 = 10335.931951109227; pnl = 335.93195110922666
      {3, 5, 106.106, 109.89, 94.151226038206982, 335.93195110922666},
      // trade 1: in 120·1.001 = 120.12; size = 10335.931951109227/120.24012 = 85.960758780922929;
      //          out 108·0.999 = 107.892; back = size·107.784108 = 9265.2037082049453;
      //          pnl = 9265.2037082049453 − 10335.931951109227 = −1070.7282429042814
      {7, 9, 120.12, 107.892, 85.960758780922929, -1070.7282429042814},
  });
  CHECK(r.metrics.final_equity == Approx(9265.2037082049453).epsilon(kEps));
  CHECK(r.metrics.total_trades == 2);
  CHECK(r.metrics.winning_trades == 1);
  CHECK(r.metrics.losing_trades == 1);
  // profit factor = 335.93195110922666/1070.7282429042814
  REQUIRE(r.metrics.profit_factor.has_value());
  CHECK(*r.metrics.profit_factor == Approx(0.31374156172254585).epsilon(kEps));
  // held at the close of bars 3, 4, 7 and 8: 4/11
  CHECK(r.metrics.exposure == Approx(4.0 / 11.0).epsilon(kEps));
}
