#!/usr/bin/env bash
# Four processes running the seed suite against one --db file at once, three rounds:
# $1 = perfharness binary, $2 = source dir. Every run succeeds and every run is in the
# database, finished, with its results; the database passes PRAGMA integrity_check.
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
source "$src/tests/reliability/fault_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v sqlite3 >/dev/null || { echo "reliability concurrency: the sqlite3 CLI is missing (scripts/deps.sh installs it)"; exit 1; }
procs=4
rounds=${PH_ROUNDS:-3}
db=$tmp/shared.db

# The seed suite: backtests, a sweep and its database operation; with --db each run also
# records its run row and saves its results.
scenario=$src/scenarios/profiling_suite.yaml
"$bin" run "$scenario" --repeat 2 -o "$tmp/probe.json" --db "$tmp/probe.db" -q >/dev/null 2>&1
# What one run on its own saves: each concurrent run must save as much.
solo_results=$(sqlite3 "$tmp/probe.db" 'SELECT count(*) FROM backtest_results' 2>/dev/null || echo 0)
rm -f "$tmp"/probe.*
echo "scenario: ${scenario#$src/}"

for round in $(seq "$rounds"); do
  pids=()
  for p in $(seq "$procs"); do
    "$bin" run "$scenario" --repeat 2 -o "$tmp/r$round.$p.json" --db "$db" -q 2>"$tmp/r$round.$p.err" &
    pids+=($!)
  done
  for p in $(seq "$procs"); do
    wait "${pids[$((p - 1))]}"
    rc=$?
    # 0 or 1: the run completed and was recorded (1 = a timing budget failed on a busy machine).
    expect "concurrency:round$round.$p:exit" "exit $rc: $(head -c 400 "$tmp/r$round.$p.err")" test "$rc" -le 1
    expect "concurrency:round$round.$p:no-crash" "crash report" no_crash "$tmp/r$round.$p.err"
    expect "concurrency:round$round.$p:report" "report missing or not JSON" valid_json "$tmp/r$round.$p.json" 'r.get("complete") is True'
  done
done

want=$((procs * rounds))
integrity=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
expect "concurrency:integrity" "integrity_check: $integrity" test "$integrity" = ok
runs=$(sqlite3 "$db" 'SELECT count(*) FROM runs WHERE finished_at IS NOT NULL AND json_valid(report)')
expect "concurrency:runs" "$runs finished runs in the database, expected $want" test "$runs" = "$want"
"$bin" history --db "$db" --json --last 1000 >"$tmp/history.json" 2>"$tmp/history.err"
rc=$?
expect "concurrency:history" "history exited $rc: $(head -c 300 "$tmp/history.err")" test "$rc" = 0
expect "concurrency:history-runs" "history --json does not list $want finished runs" python3 - "$tmp/history.json" "$want" <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))
finished = [r for r in runs if r.get("finished_at")]
sys.exit(0 if len(runs) == int(sys.argv[2]) and len(finished) == int(sys.argv[2]) else 1)
EOF
# Every run's saved results are there with the run (one sample per case per run when
# the persistence operation saves them).
results=$(sqlite3 "$db" 'SELECT count(*) FROM backtest_results')
orphans=$(sqlite3 "$db" 'SELECT count(*) FROM backtest_results WHERE run_id IS NOT NULL AND run_id NOT IN (SELECT id FROM runs)')
expect "concurrency:results" "$orphans results point at no run" test "$orphans" = 0
short=$(sqlite3 "$db" "SELECT count(*) FROM runs r WHERE (SELECT count(*) FROM backtest_results b WHERE b.run_id = r.id) != $solo_results")
expect "concurrency:results-per-run" "$short runs saved other than the $solo_results results a run alone saves" test "$short" = 0
echo "database: $runs runs finished of $want, $results results saved ($solo_results per run, as a run alone), integrity $integrity"

summary "reliability concurrency"
