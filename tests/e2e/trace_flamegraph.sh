#!/usr/bin/env bash
# --trace and --flamegraph end to end: $1 = perfharness binary, $2 = source dir.
# The trace nests every case slice in an operation slice, one per measured repetition; the
# flame graph counts only the measured repetitions' samples, each stack rooted at its
# operation, and a `;` in an operation's name does not split its frame.
set -euo pipefail
bin=$1
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat >"$work/s.yaml" <<'YAML'
name: trace and flame graph
data: {synthetic: {first_date: 2000-01-01, last_date: 2022-12-31}}
defaults: {warmup: 1, repetitions: 4}
operations:
  - name: "bt;one"
    kind: backtest
    strategies: [sma_cross, rsi]
    symbols: [AAA]
    ranges: [{start: 2000-01-01, end: 2022-12-31}, {start: 2020-01-01, end: 2022-12-31}]
  - name: load
    kind: data_load
    symbols: [AAA, BBB]
    ranges: [{start: 2000-01-01, end: 2022-12-31}]
YAML
"$bin" run "$work/s.yaml" -o "$work/report.json" --trace "$work/trace.json" --flamegraph "$work/stacks.txt" -q
python3 - "$work" <<'PY'
import json, re, sys
w = sys.argv[1]
r = json.load(open(f"{w}/report.json"))
t = json.load(open(f"{w}/trace.json"))["traceEvents"]
slices = [e for e in t if e.get("cat") in ("operation", "case")]
ops = [e for e in slices if e["cat"] == "operation"]
cases = [e for e in slices if e["cat"] == "case"]
inside = lambda a, b: a["tid"] == b["tid"] and b["ts"] <= a["ts"] and a["ts"] + a["dur"] <= b["ts"] + b["dur"] + 1e-3
for op in r["operations"]:
    mine = [e for e in ops if e["name"] == op["name"]]
    assert len(mine) == op["repetitions"] == 4, (op["name"], len(mine))
    labels = {c["label"] for c in op["cases"]}
    their_cases = [e for e in cases if e["name"] in labels]
    assert len(their_cases) == len(labels) * op["repetitions"], (op["name"], len(their_cases))
    assert all(any(inside(c, o) for o in mine) for c in their_cases), op["name"]
# Every zone lies inside an operation slice of its thread.
zones = [e for e in t if e.get("cat") == "zone"]
assert zones and all(any(inside(z, o) for o in ops) for z in zones), [z for z in zones if not any(inside(z, o) for o in ops)][:3]

lines = [l for l in open(f"{w}/stacks.txt").read().splitlines()]
sampling = {op["name"]: op["sampling"] for op in r["operations"]}
if not all(s.get("available") for s in sampling.values()):
    print("sampler unavailable here: flame graph not checked", [s.get("reason") for s in sampling.values()])
    sys.exit(0)
counts = {}
for l in lines:
    m = re.fullmatch(r"(.+) (\d+)", l)
    assert m, l
    root = m.group(1).split(";")[0]
    counts[root] = counts.get(root, 0) + int(m.group(2))
roots = {"bt:one": "bt;one", "load": "load"}
assert set(counts) <= set(roots), counts
for root, name in roots.items():
    s = sampling[name]
    # Top-up runs of a short operation feed `samples` (the top lists), never the flame graph.
    assert counts.get(root, 0) == s["measured_samples"] <= s["samples"], (root, counts.get(root), s)
PY
echo "trace and flame graph e2e: ok"
