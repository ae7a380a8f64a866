#!/usr/bin/env bash
# SIGKILL during report writes and database writes: $1 = perfharness binary, $2 = source dir.
# 20 kills each (PH_KILLS to change). After every kill the report path holds the old
# report or the complete new one (valid JSON), and the database passes
# PRAGMA integrity_check with no partial result: every run row is finished (verdict
# and a valid JSON report) or unfinished (neither), and every saved backtest result
# has all of its trades. The database still works afterwards.
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
source "$src/tests/reliability/fault_lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
kills=${PH_KILLS:-20}
command -v sqlite3 >/dev/null || { echo "reliability kill: the sqlite3 CLI is missing (scripts/deps.sh installs it)"; exit 1; }
scenario=$src/scenarios/examples/backtest.yaml

# A run's duration sets the range of the random kill delays.
run_ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$bin" run "$@" -q >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
RANDOM=20240611  # deterministic delays

# kill_during PID MODE WATCH: MODE "file" kills as soon as a path matching the glob
# WATCH exists (a write in progress); "changed" as soon as file WATCH changes size or
# time (a write just happened); "random" after a random part of $span_ms.
kill_during() {
  local pid=$1 mode=$2 watch=$3 n=0 initial
  if [ "$mode" = changed ]; then
    initial=$(stat -c '%s %.9Y' "$watch" 2>/dev/null)
    while kill -0 "$pid" 2>/dev/null && [ "$(stat -c '%s %.9Y' "$watch" 2>/dev/null)" = "$initial" ]; do
      n=$((n + 1))
      [ $n -lt 200000 ] || break
    done
  elif [ "$mode" = file ]; then
    # shellcheck disable=SC2086
    while kill -0 "$pid" 2>/dev/null && ! compgen -G "$watch" >/dev/null; do
      n=$((n + 1))
      [ $n -lt 200000 ] || break
    done
  else
    sleep "$(awk -v r=$RANDOM -v s="$span_ms" 'BEGIN { printf "%.3f", r / 32768 * s / 1000 }')"
  fi
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# ---------------------------------------------------------------- report writes
out=$tmp/report/report.json
mkdir -p "$tmp/report"
"$bin" run "$scenario" --repeat 1 -o "$out" -q 2>/dev/null || { echo "reliability kill: the first run failed"; exit 1; }
span_ms=$(run_ms "$scenario" --repeat 1 -o "$tmp/report/probe.json")
rm -f "$tmp/report/probe.json"
old_seen=0 new_seen=0 torn=0 litter=0
for i in $(seq "$kills"); do
  before=$(sha256sum "$out" | cut -d' ' -f1)
  "$bin" run "$scenario" --repeat 1 -o "$out" -q 2>/dev/null &
  pid=$!
  if [ $((i % 2)) = 0 ]; then kill_during "$pid" file "$tmp/report/.report.json.tmp.*"; else kill_during "$pid" random ""; fi
  after=$(sha256sum "$out" 2>/dev/null | cut -d' ' -f1)
  if [ "$after" = "$before" ]; then
    old_seen=$((old_seen + 1))
  elif valid_json "$out" 'r.get("complete") is True and len(r.get("operations", [])) == 1'; then
    new_seen=$((new_seen + 1))
  else
    torn=$((torn + 1))
    cp "$out" "$tmp/torn.$i.json" 2>/dev/null
  fi
  # A killed atomic write leaves its temporary file; count it and clear it.
  for f in "$tmp"/report/.report.json.tmp.*; do [ -e "$f" ] && litter=$((litter + 1)) && rm -f "$f"; done
done
echo "report: $kills kills, old report kept $old_seen, complete new report $new_seen, torn $torn, temporary files left $litter"
expect "kill:report:atomic" "$torn of $kills kills left a report that is neither the old one nor a complete new one" test "$torn" = 0

# ---------------------------------------------------------------- database writes
db=$tmp/db/results.db
mkdir -p "$tmp/db"
# The persistence scenario saves results too, once its operation is wired; until then the
# run's own rows (start, then finish with the report) are the writes under test.
db_scenario=$scenario
if "$bin" run "$src/scenarios/examples/persistence.yaml" --repeat 1 -o "$tmp/db/probe.json" --db "$tmp/db/probe.db" -q >/dev/null 2>&1; then
  db_scenario=$src/scenarios/examples/persistence.yaml
fi
rm -f "$tmp"/db/probe.*
echo "database scenario: ${db_scenario#$src/}"
span_ms=$(run_ms "$db_scenario" --repeat 1 -o "$tmp/db/probe.json" --db "$tmp/db/probe.db")
rm -f "$tmp"/db/probe.*

db_check() {  # prints problems; empty when the database is whole
  local integrity partial_runs partial_results
  integrity=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
  [ "$integrity" = ok ] || echo "integrity_check: $integrity"
  partial_runs=$(sqlite3 "$db" "SELECT count(*) FROM runs WHERE (finished_at IS NULL) != (verdict IS NULL)
      OR (finished_at IS NOT NULL AND (report IS NULL OR NOT json_valid(report)))" 2>&1)
  [ "$partial_runs" = 0 ] || echo "partial run rows: $partial_runs"
  partial_results=$(sqlite3 "$db" "SELECT count(*) FROM backtest_results b
      WHERE trade_count != (SELECT count(*) FROM trades t WHERE t.backtest_id = b.id)" 2>&1)
  [ "$partial_results" = 0 ] || echo "results with missing trades: $partial_results"
}

"$bin" run "$db_scenario" --repeat 1 -o "$tmp/db/first.json" --db "$db" -q 2>/dev/null
damaged=0
for i in $(seq "$kills"); do
  "$bin" run "$db_scenario" --repeat 1 -o "$tmp/db/r.json" --db "$db" -q 2>/dev/null &
  pid=$!
  if [ $((i % 2)) = 0 ]; then kill_during "$pid" changed "$db-wal"; else kill_during "$pid" random ""; fi
  problems=$(db_check)
  if [ -n "$problems" ]; then
    damaged=$((damaged + 1))
    echo "after kill $i: $problems"
  fi
done
finished=$(sqlite3 "$db" 'SELECT count(*) FROM runs WHERE finished_at IS NOT NULL')
unfinished=$(sqlite3 "$db" 'SELECT count(*) FROM runs WHERE finished_at IS NULL')
results=$(sqlite3 "$db" 'SELECT count(*) FROM backtest_results')
echo "database: $kills kills, $finished runs finished, $unfinished cut short, $results results saved, damaged after $damaged kills"
expect "kill:db:integrity" "the database was damaged after $damaged of $kills kills" test "$damaged" = 0

# The database still takes a run and lists every run.
"$bin" run "$db_scenario" --repeat 1 -o "$tmp/db/last.json" --db "$db" -q 2>"$tmp/db/last.err"
rc=$?
expect "kill:db:usable" "a run after the kills exited $rc: $(head -c 300 "$tmp/db/last.err")" test "$rc" -le 1
"$bin" history --db "$db" --json --last 1000 >"$tmp/db/history.json" 2>"$tmp/db/history.err"
rc=$?
expect "kill:db:history" "history exited $rc: $(head -c 300 "$tmp/db/history.err")" test "$rc" = 0
total=$(sqlite3 "$db" 'SELECT count(*) FROM runs')
expect "kill:db:history-complete" "history does not list all $total runs" \
  python3 -c "import json,sys; sys.exit(0 if len(json.load(open('$tmp/db/history.json'))) == $total else 1)"

summary "reliability kill"
