#!/usr/bin/env python3
"""Writes the comparison fixtures: a base report, a 2x slower copy, a same-build rerun
with fresh noise, the rerun on another host, and two broken reports. Deterministic
(seeded); rerun with `python3 make_fixtures.py` after changing it.
Only the fields `perfharness compare` relies on are filled (docs/compare.md)."""
import json
import random

ENV = {"host": "ci-runner-1", "cpu_model": "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", "cores": 2,
       "compiler": "GNU 12.2.0", "build_type": "Release", "os": "Linux 6.1"}

# operation -> kind, median time (s), peak memory (MB), instructions
OPERATIONS = {
    "backtest_sma_cross": ("backtest", 0.0012, 12.4, 4_812_331),
    "data_load": ("data_load", 0.0041, 30.2, 9_120_554),
    "db_fetch_by_id": ("database", 0.00083, 8.1, 1_004_112),
}


def noisy(rng, centre, spread, n=5, digits=7):
    return [round(centre * (1 + rng.uniform(-spread, spread)), digits) for _ in range(n)]


def summary(samples):
    s = sorted(samples)
    n = len(s)
    med = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
    mean = sum(s) / n
    dev = sorted(abs(x - med) for x in s)
    mad = dev[n // 2] if n % 2 else (dev[n // 2 - 1] + dev[n // 2]) / 2
    sd = (sum((x - mean) ** 2 for x in s) / (n - 1)) ** 0.5 if n > 1 else 0.0
    h = (n - 1) * 0.95
    lo = int(h)
    p95 = s[lo] + (h - lo) * (s[min(lo + 1, n - 1)] - s[lo])
    return {"n": n, "min": s[0], "median": med, "mean": mean, "stddev": sd, "mad": mad, "p95": p95, "max": s[-1]}


def figure(unit, samples, exact=False):
    f = {"unit": unit, "samples": samples, "summary": summary(samples)}
    if exact:
        f["exact"] = True
    return f


def report(seed, time_factor=1.0, instr_factor=1.0, env=ENV):
    rng = random.Random(seed)
    ops = []
    for name, (kind, t, mem, instr) in OPERATIONS.items():
        slow = name in ("backtest_sma_cross", "data_load")
        tf = time_factor if slow else 1.0
        inf = instr_factor if slow else 1.0
        ops.append({"name": name, "kind": kind, "figures": {
            "time": figure("s", noisy(rng, t * tf, 0.03)),
            "peak_memory": figure("MB", noisy(rng, mem, 0.01, digits=3)),
            "instructions": figure("count", [round(instr * inf)], exact=True),
        }})
    return {"schema_version": 1, "tool": {"name": "perfharness", "version": "0.1.0"},
            "environment": env, "operations": ops}


def write(name, doc):
    with open(name, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


write("base.json", report(seed=1))
write("slow.json", report(seed=2, time_factor=2.0, instr_factor=2.0))
write("rerun.json", report(seed=3))
write("other-host.json", report(seed=3, env=dict(ENV, host="laptop", cpu_model="Apple M2")))
broken = report(seed=4)
del broken["operations"][1]["figures"]["time"]["samples"]
write("missing-samples.json", broken)
with open("truncated.json", "w") as f:
    f.write(json.dumps(report(seed=5), indent=2)[:300])
