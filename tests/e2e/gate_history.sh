#!/usr/bin/env bash
# Baselines from history end to end (docs/compare.md, "Baselines from history"): `run --history H`
# judges a run against the latest runs of its series in H and then records it; the series is the
# complete runs of the same scenario and environment; `--baseline H` judges without recording.
# $1 = perfharness, $2 = source dir.
set -euo pipefail
bin=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source "$src/tests/support/e2e_expect.sh"
# check REPORT PYTHON-EXPRESSION...: each expression, over the report's comparison `c`, is true.
check() {
  python3 - "$@" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["comparison"]
for e in sys.argv[2:]:
    if not eval(e):
        sys.exit(f"FAIL: {sys.argv[1]}: not {e}; baseline_runs {c['baseline_runs']}, warnings {c['warnings']}")
PY
}
# edit DB RUN PYTHON-STATEMENT: changes the stored report `r` of run RUN.
edit() {
  python3 - "$@" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
(text,) = db.execute("SELECT report FROM runs WHERE id = ?", (int(sys.argv[2]),)).fetchone()
r = json.loads(text)
exec(sys.argv[3])
db.execute("UPDATE runs SET report = ? WHERE id = ?", (json.dumps(r), int(sys.argv[2])))
db.commit()
PY
}
# Two processes against at most three past runs of two: no timing can reach p < 0.05, so these
# runs of identical code are never flagged whatever the machine does; the comparisons are real.
cat >"$work/a.yaml" <<'YAML'
name: series
data: {synthetic: {first_date: 2022-01-01, last_date: 2023-12-31}}
defaults: {warmup: 1, repetitions: 2, processes: 2, values: 2, min_time: 0}
operations:
  - {name: bt, kind: backtest, strategies: [sma_cross], symbols: [AAA], ranges: [{label: y2023, start: 2023-01-01, end: 2023-12-31}]}
  - {name: load, kind: data_load, symbols: [AAA], ranges: [{label: y2023, start: 2023-01-01, end: 2023-12-31}]}
YAML
h=$work/history.db

# The first run starts the series: nothing to compare, and it says so.
expect 0 "$bin" run "$work/a.yaml" --history "$h" -o "$work/r1.json"
grep -q "this run starts a new series, nothing to compare" "$work/err" || fail "no new-series note: $(cat "$work/err")"
check "$work/r1.json" "c['baseline_runs'] == []" "c['comparisons'] == []" "c['baseline'].endswith('history.db')"

# Each later run is judged against the runs before it, then recorded.
expect 0 "$bin" run "$work/a.yaml" --history "$h" -o "$work/r2.json"
check "$work/r2.json" "c['baseline_runs'] == [1]" "len(c['comparisons']) > 0" \
  "all(x['base_runs'] == 1 for x in c['comparisons'])"
expect 0 "$bin" run "$work/a.yaml" --history "$h" -o "$work/r3.json"
check "$work/r3.json" "c['baseline_runs'] == [1, 2]" "all(x['base_runs'] == 2 for x in c['comparisons'])" \
  "any('over 2 runs' in x['reason'] for x in c['comparisons'])"

# --baseline-runs caps the series.
expect 0 "$bin" run "$work/a.yaml" --baseline "$h" --baseline-runs 1 -o "$work/capped.json"
check "$work/capped.json" "c['baseline_runs'] == [3]"

# Run 3 as if from another host: the series leaves it out and says the environment changed.
edit "$h" 3 'r["environment"]["host"] = "elsewhere"'
expect 0 "$bin" run "$work/a.yaml" --history "$h" -o "$work/r4.json"
check "$work/r4.json" "c['baseline_runs'] == [1, 2]" \
  "any('the environment changed since run 3 (host \'elsewhere\' -> ' in w for w in c['warnings'])"
# An interrupted run (complete: false) measured less: not part of the series either.
edit "$h" 2 'r["complete"] = False'
expect 0 "$bin" run "$work/a.yaml" --history "$h" -o "$work/r5.json"
check "$work/r5.json" "c['baseline_runs'] == [1, 4]" "not any('environment changed' in w for w in c['warnings'])"
# A stored report without the report shape (a damaged row) is left out, with a warning: it must
# not stop every later run.
edit "$h" 4 'del r["operations"]'
expect 0 "$bin" run "$work/a.yaml" --history "$h" -o "$work/r6.json"
check "$work/r6.json" "c['baseline_runs'] == [1, 5]" \
  "any(w.startswith(c['baseline'] + ' run 4: operations: ') and w.endswith(': left out of the series') for w in c['warnings'])"

# A slower build against a history whose timings are a million-fold faster: regressed (exit 4),
# confirmed by the second measurement, and --baseline leaves the history as it was.
s=$work/slow.db
expect 0 "$bin" run "$work/a.yaml" --history "$s" --processes 3 -q
expect 0 "$bin" run "$work/a.yaml" --history "$s" --processes 3 -q
for run in 1 2; do
  edit "$s" "$run" '
def scale(figures):
    for k in ("time", "cpu_time"):
        if k in figures: figures[k]["samples"] = [v * 1e-6 for v in figures[k]["samples"]]
for op in r["operations"]:
    scale(op["figures"])
    for case in op.get("cases", []): scale(case["figures"])'
done
expect 4 "$bin" run "$work/a.yaml" --baseline "$s" --processes 3 -o "$work/slow.json"
check "$work/slow.json" "c['baseline_runs'] == [1, 2]" \
  "{(x['operation'], x['figure']) for x in c['comparisons'] if x['verdict'] == 'regressed' and x['case'] is None} == {('bt', 'time'), ('bt', 'cpu_time'), ('load', 'time'), ('load', 'cpu_time')}" \
  "all(x['confirmation']['agreed'] and x['base_runs'] == 2 for x in c['comparisons'] if x['verdict'] == 'regressed')"
[ "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM runs").fetchone()[0])' "$s")" = 2 ] ||
  fail "--baseline recorded the run in the history"

# --history records as --db does, without the persistence operations' work: not both at once.
expect 2 "$bin" run "$work/a.yaml" --history "$h" --db "$work/other.db"
grep -q -- "--history excludes --db\|--db excludes --history" "$work/err" || fail "unclear message: $(cat "$work/err")"
echo "ok"
