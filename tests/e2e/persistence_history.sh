#!/usr/bin/env bash
# `perfharness run --db` and `perfharness history` through the real executable: runs recorded
# and listed, concurrent runs on one file, and every documented failure with its exit code.
set -euo pipefail
bin=$1; src=$2
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
source "$src/tests/support/e2e_expect.sh"
# The sqlite3 CLI (scripts/deps.sh installs it) plays the other process and the older file.
command -v sqlite3 >/dev/null || fail "the sqlite3 CLI is missing (scripts/deps.sh installs it)"
err_has() { grep -qF -- "$1" "$work/err" || { cat "$work/err" >&2; fail "stderr lacks '$1'"; }; }
out_has() { grep -qF -- "$1" "$work/out" || { cat "$work/out" >&2; fail "stdout lacks '$1'"; }; }

for name in alpha beta; do
  cat >"$work/$name.yaml" <<YAML
name: $name
data: {synthetic: {first_date: 2023-01-01, last_date: 2023-12-31}}
defaults: {warmup: 0, repetitions: 3}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross]
    symbols: [AAA]
    ranges: [{label: all, start: 2023-01-01, end: 2023-12-31}]
YAML
done
db=$work/results.db

# Runs are recorded; history lists them oldest first with their verdicts.
expect 0 "$bin" run "$work/alpha.yaml" --db "$db" -o "$work/r1.json"
expect 0 "$bin" run "$work/beta.yaml" --db "$db" -o "$work/r2.json"
expect 0 "$bin" run "$work/alpha.yaml" --db "$db" -o "$work/r3.json"
expect 0 "$bin" history --db "$db"
out_has "verdict"
[ "$(grep -c ' passed ' "$work/out")" -eq 3 ] || { cat "$work/out" >&2; fail "history should list 3 passed runs"; }
expect 0 "$bin" history --db "$db" --scenario alpha --last 1 --json
python3 - "$work/out" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
assert len(runs) == 1, runs
r = runs[0]
assert r["id"] == 3 and r["scenario"] == "alpha" and r["verdict"] == "passed", r
assert len(r["scenario_hash"]) == 64 and r["finished_at"] >= r["started_at"], r
assert r["duration_s"] is not None and r["duration_s"] >= 0, r
PY
expect 0 "$bin" history --db "$db" --scenario nobody
out_has "no runs recorded"

# Four runs writing one file at once all succeed and are all recorded.
pids=()
for i in 1 2 3 4; do "$bin" run "$work/beta.yaml" --db "$db" -o "$work/c$i.json" >"$work/c$i.out" 2>&1 & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || fail "a concurrent run failed: $(cat "$work"/c*.out)"; done
expect 0 "$bin" history --db "$db" --json --last 100
python3 - "$work/out" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
assert len(runs) == 7, len(runs)
assert [r["id"] for r in runs] == sorted(r["id"] for r in runs)
assert sum(r["scenario"] == "beta" and r["verdict"] == "passed" for r in runs) == 5
PY

# A missing file: exit 2, and it is not created.
expect 2 "$bin" history --db "$work/nope.db"
err_has "nope.db does not exist"
[ ! -e "$work/nope.db" ] || fail "history created a missing database"

# A file that is not a database: exit 3, untouched.
printf 'Date,Open,High,Low,Close\n%0500d\n' 0 >"$work/prices.csv"
sum=$(cksum <"$work/prices.csv")
expect 3 "$bin" history --db "$work/prices.csv"
err_has "prices.csv is not a perfharness database (file is not a database)"
[ "$(cksum <"$work/prices.csv")" = "$sum" ] || fail "history modified a non-database file"

# Bad options: exit 2.
expect 2 "$bin" history --db "$db" --last 0
expect 2 "$bin" history

{
  # A database from a newer perfharness: exit 3, telling the user to upgrade.
  cp "$db" "$work/newer.db"
  sqlite3 "$work/newer.db" "PRAGMA user_version = 999;"
  expect 3 "$bin" history --db "$work/newer.db"
  err_has "upgrade perfharness"

  # A database another process keeps locked past the busy timeout: exit 3, saying so.
  mkfifo "$work/hold"
  sqlite3 "$db" <"$work/hold" >"$work/holder.out" &
  exec 9>"$work/hold"
  printf 'PRAGMA locking_mode = EXCLUSIVE;\nBEGIN EXCLUSIVE;\nSELECT count(*) FROM runs;\n' >&9
  for _ in $(seq 100); do [ -s "$work/holder.out" ] && break; sleep 0.1; done
  [ -s "$work/holder.out" ] || fail "the lock holder did not start"
  expect 3 "$bin" history --db "$db" --busy-timeout 200
  err_has "is locked by another process"
  printf 'COMMIT;\n' >&9
  exec 9>&-
  wait
  expect 0 "$bin" history --db "$db"
}
# The scenario's thresholds.full_scan_rows decides which full scans are opportunities: on a
# database without the strategy index the bulk query scans its 35 rows.
{
  scan_db=$work/scan.db
  expect 0 "$bin" run "$src/scenarios/examples/persistence.yaml" --db "$scan_db" -o "$work/scan0.json" --repeat 2 -q
  # The persistence operation's workload copies are gone again: only the backtest results stay.
  copies=$(sqlite3 "$scan_db" "SELECT count(*) FROM backtest_results WHERE execution_time_s = 0")
  [ "$copies" = 0 ] || fail "the persistence operation left $copies workload rows in the --db file"
  sqlite3 "$scan_db" "DROP INDEX backtest_results_by_strategy"
  for rows in 10 1000000000; do
    expect 0 "$bin" run "$src/scenarios/examples/persistence.yaml" --db "$scan_db" --set thresholds.full_scan_rows=$rows \
      -o "$work/scan$rows.json" --repeat 2 -q
  done
  python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
scans = lambda n: [o for o in json.load(open(f"{w}/scan{n}.json"))["optimization_opportunities"] if o["issue"] == "Full table scan"]
assert scans(10) and scans(10)[0]["function"] == "backtest_results", scans(10)
# The opportunity carries the database profiler's finding whole, as the operation's database section lists it.
found = scans(10)[0]
assert found["priority"] == "Medium", found
assert list(found["evidence"]) == ["table", "column", "issue", "figure", "priority", "sql", "table_rows"], found
report = json.load(open(f"{w}/scan10.json"))
listed = [f for op in report["operations"] if "database" in op for f in op["database"]["opportunities"]]
assert found["evidence"] in listed, (found, listed)
assert found["evidence"]["table_rows"] > 10 and found["figure"] == found["evidence"]["figure"], found
assert scans(1000000000) == [], scans(1000000000)
PY
}
echo "persistence_history: ok"
