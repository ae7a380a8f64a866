// Fills, trades and metrics checked against figures worked out by hand
// (the arithmetic is in the comments; nothing here is copied from our output).
#include <catch2/catch.hpp>

#include <vector>

#include "perfharness/backtest/backtest.hpp"
#include "perfharness/engine/portfolio.hpp"
#include "perfharness/metrics/metrics.hpp"

using namespace ph;

namespace {
struct Fixture {
  std::vector<Date> dates;
  std::vector<double> close;
  std::vector<std::uint8_t> entries, exits;
  explicit Fixture(std::vector<double> c) : close(std::move(c)) {
    for (std::size_t i = 0; i < close.size(); ++i) dates.push_back(static_cast<Date>(19723 + i));  // 2024-01-01..
    entries.assign(close.size(), 0);
    exits.assign(close.size(), 0);
  }
  std::vector<double> equity;
  SimulationOutput run(PortfolioConfig cfg = {}) {
    SimulationOutput out;
    equity.assign(close.size(), 0);
    simulate(dates.data(), close.data(), entries.data(), exits.data(), static_cast<Eigen::Index>(close.size()), cfg,
             equity.data(), out);
    return out;
  }
};
}  // namespace

TEST_CASE("an entry and an exit fill at the close with slippage and fees", "[core][portfolio]") {
  Fixture f({10, 11, 12, 11, 13});
  f.entries[1] = 1;
  f.exits[3] = 1;
  const SimulationOutput out = f.run();
  REQUIRE(out.trades.size() == 1);
  const Trade& t = out.trades[0];
  // entry fill 11·1.001 = 11.011; size = 10000 / (11.011·1.001) = 907.2754509136312
  CHECK(t.entry_price == Approx(11.011).epsilon(1e-15));
  CHECK(t.size == Approx(907.2754509136312).epsilon(1e-13));
  // exit fill 11·0.999 = 10.989; cash = size·10.989·0.999 = 9960.079880159803
  CHECK(t.exit_price == Approx(10.989).epsilon(1e-15));
  CHECK(t.pnl == Approx(9960.079880159803 - 10000).epsilon(1e-10));
  CHECK(t.ret == Approx(-0.0039920119840197).epsilon(1e-10));
  CHECK(t.entry_date == f.dates[1]);
  CHECK(t.exit_date == f.dates[3]);
  // equity: 10000, size·11, size·12, cash, cash
  CHECK(f.equity[0] == 10000);
  CHECK(f.equity[1] == Approx(9980.029960049942).epsilon(1e-13));
  CHECK(f.equity[2] == Approx(10887.305410963574).epsilon(1e-13));
  CHECK(f.equity[4] == Approx(9960.079880159803).epsilon(1e-13));
  CHECK(out.bars_in_position == 2);  // held at the closes of bars 1 and 2
}

TEST_CASE("fill rules: same-bar signals, repeated signals, the last bar", "[core][portfolio]") {
  SECTION("entry and exit on the same bar do nothing") {
    Fixture f({10, 11, 12});
    f.entries[1] = f.exits[1] = 1;
    CHECK(f.run().trades.empty());
    CHECK(f.equity[2] == 10000);
  }
  SECTION("an entry while long and an exit while flat are ignored") {
    Fixture f({10, 11, 12, 13, 14});
    f.exits[0] = 1;
    f.entries[1] = f.entries[2] = 1;
    f.exits[3] = f.exits[4] = 1;
    const auto out = f.run();
    REQUIRE(out.trades.size() == 1);
    CHECK(out.trades[0].entry_date == f.dates[1]);
    CHECK(out.trades[0].exit_date == f.dates[3]);
  }
  SECTION("a position open at the last bar closes there, with slippage and fees") {
    Fixture f({10, 10, 10});
    f.entries[0] = 1;
    const auto out = f.run();
    REQUIRE(out.trades.size() == 1);
    CHECK(out.trades[0].exit_date == f.dates[2]);
    // size = 10000/(10.01·1.001); cash = size·9.99·0.999 = 9960.079880159803
    CHECK(f.equity[2] == Approx(9960.079880159803).epsilon(1e-13));
  }
  SECTION("an entry on the last bar is not taken") {
    Fixture f({10, 10, 10});
    f.entries[2] = 1;
    CHECK(f.run().trades.empty());
  }
  SECTION("fees, slippage and capital are settable") {
    Fixture f({10, 20});
    f.entries[0] = 1;
    PortfolioConfig cfg{1000, 0, 0};
    const auto out = f.run(cfg);
    CHECK(out.trades[0].pnl == Approx(1000));
    CHECK(f.equity[1] == Approx(2000));
  }
}

TEST_CASE("metrics follow their definitions", "[core][metrics]") {
  Fixture f({10, 11, 12, 11, 13});
  f.entries[1] = 1;
  f.exits[3] = 1;
  const SimulationOutput out = f.run();
  const Metrics m = compute_metrics(f.equity.data(), 5, out, 10000, 252);
  // Worked independently from the equity curve above.
  CHECK(m.total_return == Approx(-0.003992011984019661).epsilon(1e-10));
  CHECK(m.annual_return == Approx(-0.22275532721963276).epsilon(1e-10));
  CHECK(m.sharpe_ratio == Approx(0.20672252765224072).epsilon(1e-10));
  CHECK(m.sortino_ratio == Approx(0.3490541211177776).epsilon(1e-10));
  CHECK(m.max_drawdown == Approx(-0.08516575000000004).epsilon(1e-10));
  CHECK(m.calmar_ratio == Approx(-2.615550584825856).epsilon(1e-10));
  CHECK(m.total_trades == 1);
  CHECK(m.losing_trades == 1);
  CHECK(m.winning_trades == 0);
  CHECK(m.win_rate == 0);
  CHECK(m.profit_factor == Approx(0));  // no winning pnl over one loss
  CHECK(m.avg_loss == Approx(-39.920119840197).epsilon(1e-9));
  CHECK(m.avg_win == 0);
  CHECK(m.exposure == Approx(0.4));
  CHECK(m.final_equity == Approx(9960.079880159803).epsilon(1e-13));
}

TEST_CASE("metrics: no trades, no losses, zero denominators", "[core][metrics]") {
  Fixture flat({10, 10, 10, 10});
  const SimulationOutput none = flat.run();
  const Metrics m = compute_metrics(flat.equity.data(), 4, none, 10000, 252);
  CHECK(m.total_return == 0);
  CHECK(m.sharpe_ratio == 0);   // std 0
  CHECK(m.sortino_ratio == 0);  // no downside
  CHECK(m.calmar_ratio == 0);   // no drawdown
  CHECK_FALSE(m.profit_factor.has_value());
  CHECK(m.win_rate == 0);
  CHECK(m.best_trade == 0);

  Fixture up({10, 20});
  up.entries[0] = 1;
  const SimulationOutput win = up.run(PortfolioConfig{1000, 0, 0});
  const Metrics w = compute_metrics(up.equity.data(), 2, win, 1000, 252);
  CHECK_FALSE(w.profit_factor.has_value());  // null when no trade lost
  CHECK(w.win_rate == 1);
  CHECK(w.best_trade == Approx(1.0));
}
