#!/usr/bin/env python3
"""The numba peer of perfharness's sweep benchmark.

The same sma_cross backtest (same fills, same metrics: docs/backtest.md) written the way a
vectorbt/numba user writes a sweep: one @njit(parallel=True) function, prange over the
combinations, each combination's moving averages as running sums, its fill loop and every metric perfharness
reports (return moments, downside, drawdown, trade statistics) in one compiled pass. Run by the bench executable on the same closes and grid it gives
`perfharness run`.

Usage: peer_numba.py CLOSES_CSV COMBOS_CSV [ROUNDS]
  CLOSES_CSV: one close per line, no header.
  COMBOS_CSV: "fast,slow" per line, no header.
  ROUNDS: timed runs of the whole grid after the compiling one (default 7).
Prints one JSON object: backtests, threads, compile_seconds (the first call), seconds (the
median of the timed rounds: numba's jitted steady state, compile time excluded),
backtests_per_s, and per combo [fast, slow, trades, total_return, sharpe_ratio,
max_drawdown] so the caller can check the peer did the same work.
"""
import json
import math
import sys
import time

import numba
import numpy as np
from numba import njit, prange

CAPITAL, FEES, SLIPPAGE, ANNUALIZATION = 10000.0, 0.001, 0.001, 252.0


@njit(cache=False, fastmath=False)
def backtest(close, fast, slow, out):
    """Writes the 11 metrics into out; returns the trade count."""
    n = close.shape[0]
    buy_factor, sell_factor = 1.0 + SLIPPAGE, 1.0 - SLIPPAGE
    fast_sum = 0.0
    slow_sum = 0.0
    prev_fast = np.nan
    prev_slow = np.nan
    cash, size, cash_in = CAPITAL, 0.0, 0.0
    in_position = False
    trades = 0
    prev_equity = CAPITAL
    peak = CAPITAL
    drawdown = 0.0
    ret_sum = 0.0
    ret_sq = 0.0
    downside_sq = 0.0
    bars_in_position = 0
    wins = 0
    losses = 0
    win_sum = 0.0
    loss_sum = 0.0
    best = -np.inf
    worst = np.inf
    for t in range(n):
        price = close[t]
        fast_sum += price
        slow_sum += price
        fast_ma = np.nan
        slow_ma = np.nan
        if t >= fast - 1:
            fast_ma = fast_sum / fast
            fast_sum -= close[t - fast + 1]
        if t >= slow - 1:
            slow_ma = slow_sum / slow
            slow_sum -= close[t - slow + 1]
        enter = fast_ma > slow_ma and prev_fast <= prev_slow
        leave = fast_ma < slow_ma and prev_fast >= prev_slow
        prev_fast, prev_slow = fast_ma, slow_ma
        if not in_position and enter and not leave and t + 1 < n:
            fill = price * buy_factor
            cash_in = cash
            size = cash / (fill * (1.0 + FEES))
            cash = 0.0
            in_position = True
        elif in_position and leave and not enter:
            in_position = False
        bars_in_position += in_position
        if in_position and t + 1 == n:
            in_position = False
        if size > 0.0 and not in_position:  # the position closed on this bar
            cash = size * (price * sell_factor) * (1.0 - FEES)
            pnl = cash - cash_in
            ret = pnl / cash_in
            trades += 1
            if pnl > 0.0:
                wins += 1
                win_sum += pnl
            elif pnl < 0.0:
                losses += 1
                loss_sum += pnl
            best = max(best, ret)
            worst = min(worst, ret)
            size = 0.0
        equity = cash + size * price
        if t > 0:
            r = equity / prev_equity - 1.0
            ret_sum += r
            ret_sq += r * r
            if r < 0.0:
                downside_sq += r * r
        prev_equity = equity
        peak = max(peak, equity)
        drawdown = min(drawdown, equity / peak - 1.0)
    m = n - 1
    mean = ret_sum / m if m > 0 else 0.0
    var = (ret_sq - ret_sum * mean) / (m - 1) if m > 1 else 0.0
    sd = math.sqrt(var) if var > 0.0 else 0.0
    sharpe = mean / sd * math.sqrt(ANNUALIZATION) if sd > 0.0 else 0.0
    total_return = prev_equity / CAPITAL - 1.0
    annual_return = (1.0 + total_return) ** (ANNUALIZATION / m) - 1.0 if m > 0 else 0.0
    downside = math.sqrt(downside_sq / m) if m > 0 else 0.0
    sortino = mean * math.sqrt(ANNUALIZATION) / downside if downside > 0.0 else 0.0
    calmar = annual_return / abs(drawdown) if drawdown != 0.0 else 0.0
    win_rate = wins / trades if trades > 0 else 0.0
    profit_factor = win_sum / abs(loss_sum) if losses > 0 else np.nan
    exposure = bars_in_position / n
    if trades == 0:
        best = worst = 0.0
    out[0], out[1], out[2], out[3] = total_return, sharpe, drawdown, annual_return
    out[4], out[5], out[6], out[7] = sortino, calmar, win_rate, profit_factor
    out[8], out[9], out[10] = best, worst, exposure
    return trades


@njit(parallel=True)
def sweep(close, combos, out_trades, out_metrics):
    for i in prange(combos.shape[0]):
        out_trades[i] = backtest(close, combos[i, 0], combos[i, 1], out_metrics[i])


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().splitlines()[-10], file=sys.stderr)
        return 2
    close = np.loadtxt(sys.argv[1], dtype=np.float64, ndmin=1)
    combos = np.loadtxt(sys.argv[2], dtype=np.int64, delimiter=",", ndmin=2)
    rounds = int(sys.argv[3]) if len(sys.argv) == 4 else 7
    trades = np.zeros(combos.shape[0], dtype=np.int64)
    metrics = np.zeros((combos.shape[0], 11), dtype=np.float64)
    start = time.perf_counter()
    sweep(close, combos, trades, metrics)  # compiles
    compile_seconds = time.perf_counter() - start
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        sweep(close, combos, trades, metrics)
        times.append(time.perf_counter() - start)
    seconds = sorted(times)[len(times) // 2]
    print(json.dumps({
        "backtests": int(combos.shape[0]), "bars": int(close.shape[0]), "threads": numba.get_num_threads(),
        "compile_seconds": compile_seconds, "seconds": seconds, "round_seconds": times,
        "backtests_per_s": combos.shape[0] / seconds,
        "results": [[int(combos[i, 0]), int(combos[i, 1]), int(trades[i]), float(metrics[i, 0]), float(metrics[i, 1]),
                     float(metrics[i, 2])] for i in range(combos.shape[0])],
        "numba": numba.__version__, "numpy": np.__version__,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
