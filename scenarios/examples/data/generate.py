#!/usr/bin/env python3
"""Writes ACME.csv and GLOBEX.csv: business-day OHLCV for 2023 (a seeded lognormal
walk with intraday range and volume that follows the size of the move), with two
decimals like a data vendor's. Run from this folder; the output is deterministic."""
import datetime, math, random

def write(symbol, start_price, seed, vol):
    rng = random.Random(seed)
    d = datetime.date(2023, 1, 2)
    close = start_price
    rows = ["Date,Open,High,Low,Close,Adj Close,Volume"]
    while d.year == 2023:
        if d.weekday() < 5:
            ret = rng.gauss(0.0004, vol)
            open_ = close * (1 + rng.gauss(0, vol / 3))
            close = close * math.exp(ret)
            high = max(open_, close) * (1 + abs(rng.gauss(0, vol / 2)))
            low = min(open_, close) * (1 - abs(rng.gauss(0, vol / 2)))
            volume = int(rng.uniform(2e6, 8e6) * (1 + 20 * abs(ret)))
            rows.append(f"{d.isoformat()},{open_:.2f},{high:.2f},{low:.2f},{close:.2f},{close:.2f},{volume}")
        d += datetime.timedelta(days=1)
    with open(f"{symbol}.csv", "w") as f:
        f.write("\n".join(rows) + "\n")

write("ACME", 142.5, 11, 0.018)
write("GLOBEX", 37.8, 23, 0.025)
