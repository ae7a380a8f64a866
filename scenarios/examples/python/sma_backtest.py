#!/usr/bin/env python3
"""A small moving-average crossover backtest in plain Python (standard library only).

What `scenarios/examples/command.yaml` profiles as a `command` operation: the kind of script a
quant's CI gate protects. Reads a daily OHLCV CSV (Date,Open,High,Low,Close,...), goes long when
the fast simple moving average crosses above the slow one and flat when it crosses below, fills
at the next bar's open, and prints the trade count and total return.

    python3 sma_backtest.py PRICES.csv [--fast N] [--slow N] [--repeat K]

--repeat runs the same backtest K times, to give the profiler more work. Exit status 2 means bad
arguments or data.
"""
import argparse
import csv
import sys


def read_bars(path):
    opens, closes = [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            opens.append(float(row["Open"]))
            closes.append(float(row["Close"]))
    return opens, closes


def sma(values, period):
    out = [None] * len(values)
    total = 0.0
    for i, v in enumerate(values):
        total += v
        if i >= period:
            total -= values[i - period]
        if i >= period - 1:
            out[i] = total / period
    return out


def backtest(opens, closes, fast, slow):
    fast_ma, slow_ma = sma(closes, fast), sma(closes, slow)
    equity, shares, cash, trades = 1.0, 0.0, 1.0, 0
    for i in range(1, len(closes) - 1):
        if fast_ma[i - 1] is None or slow_ma[i - 1] is None:
            continue
        crossed_up = fast_ma[i - 1] <= slow_ma[i - 1] and fast_ma[i] > slow_ma[i]
        crossed_down = fast_ma[i - 1] >= slow_ma[i - 1] and fast_ma[i] < slow_ma[i]
        if crossed_up and shares == 0.0:
            shares, cash, trades = cash / opens[i + 1], 0.0, trades + 1
        elif crossed_down and shares > 0.0:
            cash, shares = shares * opens[i + 1], 0.0
    equity = cash + shares * closes[-1]
    return trades, equity - 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prices")
    parser.add_argument("--fast", type=int, default=10)
    parser.add_argument("--slow", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if not 1 <= args.fast < args.slow:
        print("sma_backtest: need 1 <= fast < slow", file=sys.stderr)
        return 2
    try:
        opens, closes = read_bars(args.prices)
    except (OSError, KeyError, ValueError) as e:
        print(f"sma_backtest: {args.prices}: {e}", file=sys.stderr)
        return 2
    if len(closes) <= args.slow:
        print(f"sma_backtest: {args.prices}: fewer bars than the slow period", file=sys.stderr)
        return 2
    for _ in range(args.repeat):
        trades, total_return = backtest(opens, closes, args.fast, args.slow)
    print(f"trades={trades} total_return={total_return:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
