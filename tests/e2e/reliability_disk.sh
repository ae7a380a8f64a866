#!/usr/bin/env bash
# A full disk and a read-only disk under the report and the database: $1 = perfharness
# binary, $2 = source dir. Exit 3 with a message naming the file and the cause, no report
# or temporary file left, an existing report or database left as it was.
# Needs `mount -t tmpfs` (root, and a container that allows it); otherwise, or when the
# tmpfs cannot be remounted read-only, it exits 77, which ctest reports as skipped.
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
source "$src/tests/reliability/fault_lib.sh"
tmp=$(mktemp -d)
mnt=$tmp/mnt
mkdir -p "$mnt"
cleanup() {
  mountpoint -q "$mnt" && umount "$mnt"
  rm -rf "$tmp"
}
trap cleanup EXIT
if ! mount -t tmpfs -o size=1m tmpfs "$mnt" 2>/dev/null; then
  echo "reliability disk: SKIPPED: cannot mount a tmpfs here (needs root and a container that allows mount)"
  exit 77
fi
command -v sqlite3 >/dev/null || { echo "reliability disk: the sqlite3 CLI is missing (scripts/deps.sh installs it)"; exit 1; }
scenario=$src/scenarios/examples/backtest.yaml

fill() {  # fill [KIB_LEFT]: leaves about KIB_LEFT KiB free on the tmpfs
  rm -f "$mnt/fill"
  local avail
  avail=$(df --output=avail -k "$mnt" | tail -1)
  dd if=/dev/zero of="$mnt/fill" bs=1k count=$((avail - ${1:-0})) 2>/dev/null
  [ "${1:-0}" != 0 ] || dd if=/dev/zero of="$mnt/fill" bs=1k oflag=append conv=notrunc 2>/dev/null
  sync
}
unfill() { rm -f "$mnt/fill"; }

# run_case NAME WANT_EXIT ARGS...: runs perfharness; checks exit, no crash, and that stderr
# holds every fragment of the array `want` (set before the call).
run_case() {
  local name=$1 want_exit=$2 rc
  shift 2
  "$bin" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  rc=$?
  expect "disk:$name:exit" "exit $rc, expected $want_exit: $(head -c 300 "$tmp/$name.err")" test "$rc" = "$want_exit"
  expect "disk:$name:no-crash" "crash report" no_crash "$tmp/$name.err"
  local w missing=()
  for w in "${want[@]}"; do grep -qiF -- "$w" "$tmp/$name.err" || missing+=("'$w'"); done
  if [ ${#want[@]} -gt 0 ]; then
    expect "disk:$name:message" "message lacks ${missing[*]:-}: $(head -c 300 "$tmp/$name.err")" test ${#missing[@]} = 0
  fi
}
no_litter() {  # no_litter NAME: no temporary report file left on the tmpfs
  expect "disk:$1:no-temp" "temporary files left: $(ls -A "$mnt" | tr '\n' ' ')" test -z "$(ls -A "$mnt" | grep '\.tmp\.')"
}

# ---------------------------------------------------------------- full disk
fill 0
want=("cannot write $mnt/report.json" "No space left on device")
run_case report_full 3 run "$scenario" --repeat 1 -o "$mnt/report.json" -q
expect "disk:report_full:no-report" "a report was left at $mnt/report.json" test ! -e "$mnt/report.json"
no_litter report_full

# An existing report on a disk that fills up stays as it was.
unfill
"$bin" run "$scenario" --repeat 1 -o "$mnt/old.json" -q 2>/dev/null
before=$(sha256sum "$mnt/old.json" | cut -d' ' -f1)
fill 0
want=("cannot write $mnt/old.json" "No space left on device")
run_case report_full_existing 3 run "$scenario" --repeat 1 -o "$mnt/old.json" -q
expect "disk:report_full_existing:unchanged" "the old report changed" test "$(sha256sum "$mnt/old.json" | cut -d' ' -f1)" = "$before"
no_litter report_full_existing
unfill
rm -f "$mnt/old.json"

# A new database on a full disk: refused before the run, no report written.
fill 0
want=("$mnt/new.db" "disk")
run_case db_full_new 3 run "$scenario" --repeat 1 -o "$tmp/db_full_new.json" --db "$mnt/new.db" -q
expect "disk:db_full_new:no-report" "a report was written although the run failed" test ! -e "$tmp/db_full_new.json"
unfill
rm -f "$mnt"/new.db*

# An existing database on a disk that fills up: exit 3, and the runs it held are intact.
"$bin" run "$scenario" --repeat 1 -o "$tmp/seed.json" --db "$mnt/results.db" -q 2>/dev/null
fill 40
want=("$mnt/results.db" "disk is full")
run_case db_full_existing 3 run "$scenario" --repeat 1 -o "$tmp/db_full_existing.json" --db "$mnt/results.db" -q
unfill
integrity=$(sqlite3 "$mnt/results.db" 'PRAGMA integrity_check' 2>&1)
expect "disk:db_full_existing:integrity" "integrity_check: $integrity" test "$integrity" = ok
kept=$(sqlite3 "$mnt/results.db" "SELECT count(*) FROM runs WHERE verdict = 'passed' AND json_valid(report)" 2>&1)
expect "disk:db_full_existing:kept" "the earlier run is gone ($kept finished runs)" test "$kept" = 1
expect "disk:db_full_existing:no-report" "a report was written although the run failed" test ! -e "$tmp/db_full_existing.json"

# ---------------------------------------------------------------- read-only disk
"$bin" run "$scenario" --repeat 1 -o "$mnt/old.json" -q 2>/dev/null
before=$(sha256sum "$mnt/old.json" | cut -d' ' -f1)
if mount -o remount,ro "$mnt" 2>/dev/null; then
  want=("report $mnt/new.json" "Read-only file system")
  run_case report_read_only 3 run "$scenario" --repeat 1 -o "$mnt/new.json" -q
  want=("report $mnt/old.json" "Read-only file system")
  run_case report_read_only_existing 3 run "$scenario" --repeat 1 -o "$mnt/old.json" -q
  expect "disk:report_read_only_existing:unchanged" "the old report changed" test "$(sha256sum "$mnt/old.json" | cut -d' ' -f1)" = "$before"
  want=("$mnt/results.db" "read-only")
  run_case db_read_only 3 run "$scenario" --repeat 1 -o "$tmp/db_read_only.json" --db "$mnt/results.db" -q
  want=("$mnt/other.db" "read-only")
  run_case db_read_only_new 3 run "$scenario" --repeat 1 -o "$tmp/db_read_only.json" --db "$mnt/other.db" -q
  # Reading the history of an archived database needs no write access.
  want=()
  run_case history_read_only 0 history --db "$mnt/results.db"
  mount -o remount,rw "$mnt"
else
  echo "reliability disk: read-only part SKIPPED: cannot remount the tmpfs read-only"
  read_only_skipped=1
fi

summary "reliability disk" || exit 1
# The full-disk checks passed, but a test that left part of itself unchecked is no pass.
[ -z "${read_only_skipped:-}" ] || exit 77
