#!/usr/bin/env bash
# The instructions gate end to end (docs/compare.md): exact instruction counts judged alone, so
# identical work is never flagged, whatever the machine's load, and 25% more work always is.
# $1 = perfharness, $2 = source dir. Skipped (77) without valgrind or in a sanitizer build,
# which valgrind cannot run.
set -euo pipefail
bin=$1; src=$2
command -v valgrind >/dev/null || { echo "valgrind not installed: skipped"; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source "$src/tests/support/e2e_expect.sh"
# A (two operations over 2023) and B: the same operations, each range 25% longer (2022-10-02 on).
write() {  # write FILE START
  cat >"$1" <<YAML
name: gated
gate: instructions
data: {synthetic: {first_date: 2021-01-01, last_date: 2023-12-31}}
defaults: {warmup: 1, repetitions: 2, processes: 2, values: 2, min_time: 0}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross, rsi]
    symbols: [AAA]
    ranges: [{label: span, start: $2, end: 2023-12-31}]
  - name: load
    kind: data_load
    symbols: [AAA]
    ranges: [{label: span, start: $2, end: 2023-12-31}]
YAML
}
write "$work/a.yaml" 2023-01-01
write "$work/b25.yaml" 2022-10-02

expect 0 "$bin" run "$work/a.yaml" --gate all --processes 0 --repeat 1 -q -o "$work/probe.json"
if grep -q '"build_type": "Sanitize"' "$work/probe.json"; then
  echo "sanitizer build: valgrind cannot run it; skipped"; exit 77
fi
expect 0 "$bin" run "$work/a.yaml" -q -o "$work/a0.json"

# Three A/A pairs: never flagged; every operation judged on its instruction count alone.
for i in 1 2 3; do
  expect 0 "$bin" run "$work/a.yaml" -q -o "$work/a$i.json" --baseline "$work/a$((i - 1)).json"
  python3 - "$work/a$i.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["comparison"]
assert c["gate"] == "instructions" and c["regressions"] == 0 and r["verdict"]["exit_code"] == 0, c
assert {x["figure"] for x in c["comparisons"]} == {"instructions"}, c["comparisons"]
assert {x["operation"] for x in c["comparisons"]} == {"bt", "load"}, c["comparisons"]
assert all(x["exact"] and x["verdict"] == "unchanged" for x in c["comparisons"]), c["comparisons"]
# Each case is counted and judged too; an operation's count is its cases' and what lies between.
cases = {(x["operation"], x["case"]) for x in c["comparisons"] if x["case"]}
assert cases == {("bt", "sma_cross AAA span"), ("bt", "rsi AAA span"), ("load", "AAA span")}, cases
for op in r["operations"]:
    total = op["figures"]["instructions"]["samples"][0]
    parts = [k["figures"]["instructions"]["samples"][0] for k in op["cases"]]
    assert all(p > 0 for p in parts) and sum(parts) <= total, (op["name"], total, parts)
PY
done

# 25% more work: flagged, through `run --baseline` and through `compare --gate instructions`.
expect 4 "$bin" run "$work/b25.yaml" -q -o "$work/b25.json" --baseline "$work/a0.json" --junit "$work/b25.xml"
python3 - "$work/b25.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["comparison"]
# The backtest and both of its cases.
assert r["verdict"]["exit_code"] == 4 and c["regressions"] == 3, c
x = {x["operation"]: x for x in c["comparisons"] if x["case"] is None}
cases = {x["case"]: x for x in c["comparisons"] if x["case"]}
assert cases["sma_cross AAA span"]["verdict"] == "regressed", cases
assert cases["sma_cross AAA span"]["parameters"] == "fast_period=10, slow_period=20", cases
assert cases["AAA span"]["verdict"] == "unchanged", cases
# The backtest's instructions grow with its bars (+21% for 25% more), well beyond 5%.
assert x["bt"]["verdict"] == "regressed" and 0.15 < x["bt"]["change"] < 0.35, x["bt"]
assert x["bt"]["reason"].startswith("exact count, +"), x["bt"]
# The load generates the whole synthetic series either way, then slices it: the same work.
assert x["load"]["verdict"] == "unchanged" and abs(x["load"]["change"]) < 0.05, x["load"]
PY
# JUnit names the failing case and its parameters.
grep -q 'name="instructions against the baseline \[sma_cross AAA span\]"' "$work/b25.xml" ||
  { cat "$work/b25.xml" >&2; fail "JUnit has no test case for the sma_cross case"; }
grep -q 'instructions regressed in case sma_cross AAA span (fast_period=10, slow_period=20)' "$work/b25.xml" ||
  { cat "$work/b25.xml" >&2; fail "JUnit's failure message does not name the case"; }
expect 4 "$bin" compare --gate instructions "$work/a0.json" "$work/b25.json"
grep -q "bt \[rsi AAA span\] (period=14, oversold=30, overbought=70)" "$work/err" ||
  { cat "$work/err" >&2; fail "compare's table does not name the rsi case"; }
grep -q "gate: instructions" "$work/err" || { cat "$work/err" >&2; fail "compare does not name the gate"; }
expect 0 "$bin" compare --gate instructions "$work/a1.json" "$work/a2.json"

# Reports without instruction counts cannot be gated on them: input error, not a silent pass.
expect 0 "$bin" run "$work/a.yaml" -q -o "$work/timed.json" --gate all
expect 2 "$bin" compare --gate instructions "$work/timed.json" "$work/a0.json"
grep -q "timed.json: no instruction counts" "$work/err" || { cat "$work/err" >&2; fail "no line naming the report"; }
echo "instructions gate e2e: ok"
