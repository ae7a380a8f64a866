#!/usr/bin/env python3
"""The pandas peer of perfharness's sweep benchmark.

The same sma_cross backtest (same fills, same metrics: docs/backtest.md) written the way
a pandas/numpy user would write it: vectorised indicators and signals with
rolling().mean() and shift(), a fill loop in plain Python over numpy-backed lists,
metrics with pandas/numpy. Run by the bench executable on the same closes it sweeps.

Usage: peer_pandas.py CLOSES_CSV COMBOS_CSV
  CLOSES_CSV: one close per line, no header.
  COMBOS_CSV: "fast,slow" per line, no header.
Prints one JSON object: backtests, seconds and cpu_seconds (the combos loop only,
imports and file reading excluded), backtests_per_s, backtests_per_cpu_s, and per combo [fast, slow, trades, total_return,
sharpe_ratio, max_drawdown] so the caller can check the peer did the same work.
"""
import json
import math
import sys
import time

import numpy as np
import pandas as pd

CAPITAL, FEES, SLIPPAGE, ANNUALIZATION = 10000.0, 0.001, 0.001, 252.0


def backtest(close: pd.Series, fast: int, slow: int) -> dict:
    fast_ma = close.rolling(fast).mean()
    slow_ma = close.rolling(slow).mean()
    entries = (fast_ma > slow_ma) & (fast_ma.shift(1) <= slow_ma.shift(1))
    exits = (fast_ma < slow_ma) & (fast_ma.shift(1) >= slow_ma.shift(1))

    prices = close.to_numpy().tolist()
    n = len(prices)
    equity = [0.0] * n
    cash, size, cash_in, in_position, bars_in_position = CAPITAL, 0.0, 0.0, False, 0
    pnls, rets = [], []
    for t, (price, enter, leave) in enumerate(zip(prices, entries.to_numpy().tolist(), exits.to_numpy().tolist())):
        if not in_position and enter and not leave and t + 1 < n:
            fill = price * (1 + SLIPPAGE)
            cash_in, size, cash, in_position = cash, cash / (fill * (1 + FEES)), 0.0, True
        elif in_position and leave and not enter:
            cash = size * (price * (1 - SLIPPAGE)) * (1 - FEES)
            pnls.append(cash - cash_in)
            rets.append((cash - cash_in) / cash_in)
            size, in_position = 0.0, False
        bars_in_position += in_position
        if in_position and t + 1 == n:
            cash = size * (price * (1 - SLIPPAGE)) * (1 - FEES)
            pnls.append(cash - cash_in)
            rets.append((cash - cash_in) / cash_in)
            size, in_position = 0.0, False
        equity[t] = cash + size * price

    eq = pd.Series(equity)
    returns = eq.pct_change().dropna()
    total_return = eq.iloc[-1] / CAPITAL - 1
    annual_return = (1 + total_return) ** (ANNUALIZATION / (n - 1)) - 1
    sd = returns.std()
    sharpe = returns.mean() / sd * math.sqrt(ANNUALIZATION) if sd > 0 else 0.0
    downside = math.sqrt((np.minimum(returns.to_numpy(), 0.0) ** 2).mean())
    sortino = returns.mean() * math.sqrt(ANNUALIZATION) / downside if downside > 0 else 0.0
    drawdown = (eq / eq.cummax() - 1).min()
    calmar = annual_return / abs(drawdown) if drawdown != 0 else 0.0
    pnl = np.array(pnls)
    wins, losses = pnl[pnl > 0], pnl[pnl < 0]
    return {
        "fast": fast, "slow": slow, "trades": len(pnls), "total_return": total_return, "annual_return": annual_return,
        "sharpe_ratio": sharpe, "sortino_ratio": sortino, "max_drawdown": drawdown, "calmar_ratio": calmar,
        "win_rate": len(wins) / len(pnls) if pnls else 0.0,
        "profit_factor": wins.sum() / abs(losses.sum()) if len(losses) else None,
        "best_trade": max(rets) if rets else 0.0, "worst_trade": min(rets) if rets else 0.0,
        "exposure": bars_in_position / n,
    }


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-7], file=sys.stderr)
        return 2
    close = pd.Series(np.loadtxt(sys.argv[1], dtype=float, ndmin=1))
    combos = np.loadtxt(sys.argv[2], dtype=int, delimiter=",", ndmin=2).tolist()
    start, cpu_start = time.perf_counter(), time.process_time()
    results = [backtest(close, fast, slow) for fast, slow in combos]
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({
        "backtests": len(results), "bars": len(close), "seconds": seconds, "cpu_seconds": cpu_seconds,
        "backtests_per_s": len(results) / seconds, "backtests_per_cpu_s": len(results) / cpu_seconds,
        "results": [[r["fast"], r["slow"], r["trades"], r["total_return"], r["sharpe_ratio"], r["max_drawdown"]]
                    for r in results],
        "pandas": pd.__version__, "numpy": np.__version__,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
