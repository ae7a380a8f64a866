#!/usr/bin/env bash
# tests.report_schema: $1 = perfharness binary, $2 = source dir. docs/report.schema.json is a
# valid draft 2020-12 schema; the golden report, reports of every operation kind, of a failed budget with the
# sampler on and of a baseline comparison validate against it; and copies of a report broken the
# way a producer slip would break them are refused, each at the JSON path it broke.
set -euo pipefail
bin=$1 src=$2
python=${PH_REPORT_PYTHON:-/usr/bin/python3}
validate=$src/tests/support/validate_report.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$python" - "$src/docs/report.schema.json" <<'PY' || fail "docs/report.schema.json does not pass the draft 2020-12 metaschema"
import json, sys
from jsonschema import Draft202012Validator
Draft202012Validator.check_schema(json.load(open(sys.argv[1], encoding="utf-8")))
PY

# run NAME SCENARIO ARGS...: a report; exit 1 (a timing budget on a busy machine) and 4 (a
# regression against the baseline) still write one.
run() {
  local name=$1 scenario=$2 rc=0
  shift 2
  "$bin" run "$scenario" --repeat 2 --warmup 0 -q -o "$work/$name.json" "$@" 2>"$work/$name.err" || rc=$?
  case $rc in 0 | 1 | 4) ;; *) fail "$name: exit $rc: $(head -c 400 "$work/$name.err")" ;; esac
}
for s in backtest.yaml data_load.yaml sweep.yaml persistence.yaml memory.json; do
  run "${s%.*}" "$src/scenarios/examples/$s"
done
run sweep_one_thread "$src/scenarios/examples/sweep.yaml" --threads 1
run baseline "$src/scenarios/examples/backtest.yaml" --baseline "$work/backtest.json"
cat >"$work/tight.yaml" <<'YAML'
name: tight
data: {synthetic: {first_date: 2023-01-01, last_date: 2023-06-30}}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross]
    symbols: [AAA]
    ranges: [{start: 2023-01-01, end: 2023-06-30}]
    profile: {sampling: true}
    budgets: [{metric: time, max_s: 0.000000001}]
budgets: [{metric: opportunities, max_count: 5}]
YAML
run tight "$work/tight.yaml"
grep -q '"exit_code": 1' "$work/tight.json" || fail "the tight budget did not fail"
# The reporters' golden report (tests/unit/report/test_golden.cpp) holds every part a report can.
good=("$work"/*.json "$src/tests/data/golden/report.json")
"$python" "$validate" "${good[@]}" >"$work/good.out" 2>&1 || { cat "$work/good.out" >&2; fail "a report does not validate"; }

# Broken copies, each with the line validate_report.py must print for it.
"$python" - "$work/backtest.json" "$work/broken" >"$work/expected" <<'PY'
import copy, json, sys
report, out = json.load(open(sys.argv[1])), sys.argv[2]
def broken(name, path, change):
    r = copy.deepcopy(report)
    change(r)
    json.dump(r, open(f"{out}.{name}.json", "w"))
    print(f"{out}.{name}.json: {path}")
broken("string_for_number", "$.operations[0].figures.time.samples[0]",
       lambda r: r["operations"][0]["figures"]["time"]["samples"].__setitem__(0, "0.1"))
broken("missing_key", "$: 'verdict' is a required property", lambda r: r.pop("verdict"))
broken("unknown_key", "$.operations[0]: Additional properties", lambda r: r["operations"][0].__setitem__("figure", {}))
broken("negative_time", "$.operations[0].cases[0].figures.time.summary.min",
       lambda r: r["operations"][0]["cases"][0]["figures"]["time"]["summary"].__setitem__("min", -1.0))
broken("count_fraction", "$.operations[0].figures.page_faults.samples[0]",
       lambda r: r["operations"][0]["figures"]["page_faults"]["samples"].__setitem__(0, 1.5))
broken("incomplete_passed", "$.verdict.exit_code", lambda r: r.__setitem__("complete", False))
PY
rc=0
"$python" "$validate" "$work"/broken.*.json >"$work/broken.out" 2>&1 || rc=$?
[ "$rc" = 1 ] || { cat "$work/broken.out" >&2; fail "validate_report.py exited $rc on broken reports, expected 1"; }
while IFS= read -r want; do
  grep -qF -- "$want" "$work/broken.out" || { cat "$work/broken.out" >&2; fail "no line '$want'"; }
done <"$work/expected"
echo "report schema: ${#good[@]} reports validate, $(wc -l <"$work/expected") broken copies refused"
