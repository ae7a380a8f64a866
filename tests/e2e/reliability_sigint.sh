#!/usr/bin/env bash
# SIGINT during a run: $1 = perfharness binary, $2 = source dir.
# One Ctrl-C ends the run within a second with exit 130 and a complete JSON report of
# the repetitions so far, marked "complete": false; a second Ctrl-C ends it at once and
# never leaves half a report behind.
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
source "$src/tests/reliability/fault_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit_ms=${PH_SIGINT_LIMIT_MS:-1000}
command -v sqlite3 >/dev/null || { echo "reliability sigint: the sqlite3 CLI is missing (scripts/deps.sh installs it)"; exit 1; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# schema_valid REPORT...: the reports pass docs/report.schema.json, interrupted ones included
# (this script drives the real binary, not the e2e wrapper that validates every report).
schema_valid() {
  "${PH_REPORT_PYTHON:-/usr/bin/python3}" "$src/tests/support/validate_report.py" "$@" >"$tmp/schema.out" 2>&1 ||
    { sed 's/^/  /' "$tmp/schema.out"; return 1; }
}

# wait_for_measured_round ERRFILE PID: waits (at most 60 s) until the verbose log shows a
# second measured round starting, so every operation has finished a measured repetition
# whatever the machine's load; a fixed sleep raced slow (sanitizer, loaded) runs.
wait_for_measured_round() {
  local rounds
  for _ in $(seq 600); do
    rounds=$(grep -oE 'round [0-9]+ \(measured\)' "$1" 2>/dev/null | sort -u | wc -l)
    [ "$rounds" -ge 2 ] && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# interrupt NAME SCENARIO [--db FILE]: runs it with 100000 repetitions, SIGINT once a
# measured repetition of every operation is done.
interrupt() {
  local name=$1 scenario=$2 out=$tmp/$1.json pid rc t0 elapsed
  shift 2
  "$bin" run "$scenario" --repeat 100000 -o "$out" -v "$@" 2>"$tmp/$name.err" &
  pid=$!
  if ! wait_for_measured_round "$tmp/$name.err" "$pid"; then
    kill -KILL "$pid" 2>/dev/null
    bad "sigint:$name:started" "no second measured round within 60 s: $(tail -c 300 "$tmp/$name.err")"
    return
  fi
  t0=$(now_ms)
  kill -INT "$pid"
  # Waits at most 30 s, so a hung run fails the test instead of the CI job.
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    bad "sigint:$name:ends" "still running 30 s after SIGINT"
    return
  fi
  wait "$pid"
  rc=$?
  elapsed=$(($(now_ms) - t0))
  echo "sigint $name: exit $rc after ${elapsed} ms"
  expect "sigint:$name:exit" "exit $rc, expected 130" test "$rc" = 130
  expect "sigint:$name:fast" "ended ${elapsed} ms after SIGINT, over ${limit_ms} ms" test "$elapsed" -le "$limit_ms"
  expect "sigint:$name:no-crash" "crash report: $(head -c 300 "$tmp/$name.err")" no_crash "$tmp/$name.err"
  expect "sigint:$name:report" "the report is missing, not JSON or not marked incomplete" \
    valid_json "$out" 'r.get("complete") is False and any("interrupted" in w for w in r.get("warnings", []))'
  expect "sigint:$name:figures" "the report holds no finished repetitions" \
    valid_json "$out" 'all(o.get("repetitions", 0) >= 1 for o in r["operations"]) and len(r["operations"]) >= 1'
  expect "sigint:$name:schema" "the interrupted report does not validate against docs/report.schema.json" schema_valid "$out"
  expect "sigint:$name:no-temp" "temporary files left: $(ls -A "$tmp" | grep '\.tmp\.' | tr '\n' ' ')" \
    test -z "$(ls -A "$tmp" | grep "\.$name\.json\.tmp\.")"
}

interrupt backtest "$src/scenarios/examples/backtest.yaml" --db "$tmp/runs.db"
# The interrupted run is recorded as such, with its report.
{
  recorded=$(sqlite3 "$tmp/runs.db" "SELECT count(*) FROM runs WHERE verdict = 'interrupted' AND json_valid(report)" 2>&1)
  expect "sigint:backtest:db" "the database holds no interrupted run with its report ($recorded)" test "$recorded" = 1
  integrity=$(sqlite3 "$tmp/runs.db" 'PRAGMA integrity_check' 2>&1)
  expect "sigint:backtest:db-integrity" "integrity_check: $integrity" test "$integrity" = ok
  sqlite3 "$tmp/runs.db" "SELECT report FROM runs WHERE verdict = 'interrupted'" >"$tmp/db_report.json" 2>&1 || true
  expect "sigint:backtest:db-schema" "the report the database holds does not validate against docs/report.schema.json" \
    schema_valid "$tmp/db_report.json"
}
interrupt sweep "$src/scenarios/examples/sweep.yaml"
interrupt data_load "$src/scenarios/examples/data_load.yaml"

# Two Ctrl-C in a row: the second ends the process at once (exit 130); whatever is at
# the report path afterwards is absent or a whole report, never a fragment.
out=$tmp/twice.json
"$bin" run "$src/scenarios/examples/backtest.yaml" --repeat 100000 -o "$out" -v 2>"$tmp/twice.err" &
pid=$!
wait_for_measured_round "$tmp/twice.err" "$pid" || bad "sigint:twice:started" "no second measured round within 60 s"
kill -INT "$pid"
kill -INT "$pid"
wait "$pid"
rc=$?
expect "sigint:twice:exit" "exit $rc, expected 130" test "$rc" = 130
expect "sigint:twice:no-crash" "crash report: $(head -c 300 "$tmp/twice.err")" no_crash "$tmp/twice.err"
if [ -e "$out" ]; then
  expect "sigint:twice:report" "a report fragment was left at $out" valid_json "$out"
  expect "sigint:twice:schema" "the report does not validate against docs/report.schema.json" schema_valid "$out"
else
  ok "sigint:twice:report"
fi

# SIGINT at random moments of a sweep whose repetitions take long enough to be cut short:
# every report's figures hold exactly `repetitions` samples (a repetition cut short is
# dropped whole), and its digests are those of an uninterrupted run, with no false
# "different results" warning. The outcome must not depend on when the signal lands.
cat >"$tmp/big_sweep.yaml" <<'YAML'
name: big-sweep
data: {synthetic: {first_date: 2018-01-01, last_date: 2023-12-31}}
defaults: {warmup: 0, repetitions: 1}
operations:
  - name: grid
    kind: sweep
    strategy: sma_cross
    grid: {fast_period: {from: 2, to: 30, step: 2}, slow_period: {from: 40, to: 200, step: 10}}
    symbols: [AAA, BBB]
    ranges: [{start: 2018-01-01, end: 2023-12-31}]
    profile: {zones: true, memory: true, counters: true, sampling: false}
YAML
"$bin" run "$tmp/big_sweep.yaml" -o "$tmp/sweep_ref.json" -q 2>"$tmp/sweep_ref.err"
expect "sigint:sweep-figures:reference" "the uninterrupted sweep failed: $(head -c 300 "$tmp/sweep_ref.err")" \
  valid_json "$tmp/sweep_ref.json"
cut=()
tries=$(is_sanitizer_build "$bin" && echo 5 || echo 20)
for i in $(seq "$tries"); do
  out=$tmp/sweep_cut$i.json
  cut+=("$out")
  "$bin" run "$tmp/big_sweep.yaml" --repeat 100000 -o "$out" -v 2>"$tmp/sweep_cut.err" &
  pid=$!
  for _ in $(seq 600); do grep -q 'preparing' "$tmp/sweep_cut.err" 2>/dev/null && break; sleep 0.05; done
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.3f", r / 32768 * 0.6 }')"
  kill -INT "$pid"
  wait "$pid"
  rc=$?
  expect "sigint:sweep-figures:$i:exit" "exit $rc, expected 130" test "$rc" = 130
  expect "sigint:sweep-figures:$i:whole" "a figure's samples differ from its repetitions, or a digest from the uninterrupted run's" \
    python3 - "$out" "$tmp/sweep_ref.json" <<'PY'
import json, sys
r, ref = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert r["complete"] is False
for op, ref_op in zip(r["operations"], ref["operations"]):
    n = op["repetitions"]
    for where in [op] + op["cases"]:
        for name, f in where["figures"].items():
            assert len(f["samples"]) == n, (op["name"], where.get("label"), name, len(f["samples"]), n)
    # A sweep's throughput, one value per repetition, and its facts only once one finished.
    assert len(op.get("backtests_per_s", [])) == n, (op["name"], op.get("backtests_per_s"), n)
    assert n or not {"threads", "backtests_per_repetition"} & op.keys(), op.keys()
    if n:
        assert [c["results_digest"] for c in op["cases"]] == [c["results_digest"] for c in ref_op["cases"]], op["cases"]
    assert not any("different results" in w for w in op.get("warnings", [])), op["warnings"]
PY
done
# One run of the validator for all of them: it costs about half a second each time.
expect "sigint:sweep-figures:schema" "an interrupted sweep's report does not validate against docs/report.schema.json" \
  schema_valid "$tmp/sweep_ref.json" "${cut[@]}"

summary "reliability sigint"
