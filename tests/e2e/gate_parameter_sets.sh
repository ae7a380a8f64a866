#!/usr/bin/env bash
# A sweep's parameter sets under the instructions gate (docs/compare.md, "Cases"): each set's
# instructions are counted apart, add up within their case's, are judged as exact figures, and
# a regression names its parameters in the table and in JUnit.
# $1 = perfharness, $2 = source dir. Skipped (77) without valgrind or in a sanitizer build,
# which valgrind cannot run.
set -euo pipefail
bin=$1; src=$2
command -v valgrind >/dev/null || { echo "valgrind not installed: skipped"; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source "$src/tests/support/e2e_expect.sh"
write() {  # write FILE START: a 2 x 2 grid over START..2023-12-31
  cat >"$1" <<YAML
name: grid
gate: instructions
data: {synthetic: {first_date: 2021-01-01, last_date: 2023-12-31}}
defaults: {warmup: 1, repetitions: 1, processes: 0}
operations:
  - name: sweep
    kind: sweep
    strategy: sma_cross
    grid: {fast_period: [5, 10], slow_period: [20, 30]}
    symbols: [AAA]
    ranges: [{label: span, start: $2, end: 2023-12-31}]
YAML
}
write "$work/a.yaml" 2023-01-01
write "$work/b25.yaml" 2022-10-02

expect 0 "$bin" run "$work/a.yaml" --gate all --repeat 1 -q -o "$work/probe.json"
if grep -q '"build_type": "Sanitize"' "$work/probe.json"; then
  echo "sanitizer build: valgrind cannot run it; skipped"; exit 77
fi
expect 0 "$bin" run "$work/a.yaml" -q -o "$work/a0.json"
expect 0 "$bin" run "$work/a.yaml" -q -o "$work/a1.json" --baseline "$work/a0.json"
python3 - "$work/a1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
case = r["operations"][0]["cases"][0]
sets = case["parameter_sets"]
# In grid order, each counted, together within their case (which also counts the grid's set-up).
assert [(s["parameters"]["fast_period"], s["parameters"]["slow_period"]) for s in sets] == [(5, 20), (5, 30), (10, 20), (10, 30)], sets
total = case["figures"]["instructions"]["samples"][0]
assert all(s["instructions"] > 0 for s in sets) and sum(s["instructions"] for s in sets) <= total, (sets, total)
c = r["comparison"]
rows = [x for x in c["comparisons"] if x["parameter_set"]]
assert len(rows) == 4 and all(x["exact"] and x["verdict"] == "unchanged" and x["case"] == case["label"] for x in rows), rows
assert c["regressions"] == 0, c
PY

# 25% more bars: every set does more work, and each is named.
expect 4 "$bin" run "$work/b25.yaml" -o "$work/b25.json" --baseline "$work/a0.json" --junit "$work/b25.xml"
python3 - "$work/b25.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["comparison"]
regressed = {x["parameters"] for x in c["comparisons"] if x["parameter_set"] and x["verdict"] == "regressed"}
assert regressed == {"fast_period=5, slow_period=20", "fast_period=5, slow_period=30",
                     "fast_period=10, slow_period=20", "fast_period=10, slow_period=30"}, regressed
PY
grep -q 'name="instructions against the baseline \[sma_cross grid AAA span\] (fast_period=10, slow_period=30)"' "$work/b25.xml" ||
  { cat "$work/b25.xml" >&2; fail "JUnit has no test case for the parameter set"; }
grep -q 'sweep \[sma_cross grid AAA span\] (fast_period=5, slow_period=20) \+instructions' "$work/err" ||
  { cat "$work/err" >&2; fail "the table does not name the parameter set"; }
echo "parameter sets e2e: ok"
