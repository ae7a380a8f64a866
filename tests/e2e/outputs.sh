#!/usr/bin/env bash
# What `perfharness run` leaves at each kind of output path: $1 = perfharness, $2 = source dir.
# A FIFO's reader gets the whole report and the FIFO stays a FIFO; a character device stays a
# character device; a symlink keeps pointing at its target, which gets the new file; /dev/fd/N
# writes into the shell's redirection. Every node is made in a mktemp -d folder: the real
# /dev/null is never a target. Exits 77 (skipped) when mknod is not allowed, after the rest.
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
source "$src/tests/reliability/fault_lib.sh"
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
scenario=$src/scenarios/examples/backtest.yaml
run() { "$bin" run "$scenario" --repeat 1 --warmup 0 -q "$@" 2>"$tmp/err"; }
is_report() { python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); assert r["complete"] and r["operations"]' "$1" 2>/dev/null; }

# A FIFO: the report arrives whole through it.
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/from_fifo.json" &
reader=$!
run -o "$tmp/fifo"
rc=$?
wait "$reader"
expect fifo:exit "exit $rc: $(cat "$tmp/err")" test "$rc" = 0
expect fifo:still-fifo "the FIFO was replaced" test -p "$tmp/fifo"
expect fifo:whole-report "the reader got $(wc -c <"$tmp/from_fifo.json") bytes, not a report" is_report "$tmp/from_fifo.json"

# Symlinks: JUnit and the report through links; links kept, targets updated.
mkdir "$tmp/real"
echo old >"$tmp/real/junit.xml"
ln -s real/junit.xml "$tmp/junit-link.xml"
ln -s "$tmp/real/report.json" "$tmp/report-link.json"  # dangling: its target is created
run -o "$tmp/report-link.json" --junit "$tmp/junit-link.xml"
rc=$?
expect link:exit "exit $rc: $(cat "$tmp/err")" test "$rc" = 0
expect link:kept "a symlink was replaced" test -L "$tmp/junit-link.xml" -a -L "$tmp/report-link.json"
expect link:target "junit-link.xml now points at $(readlink "$tmp/junit-link.xml")" \
  test "$(readlink "$tmp/junit-link.xml")" = real/junit.xml
expect link:updated "the link's target was not rewritten" grep -q '<testsuites' "$tmp/real/junit.xml"
expect link:created "the dangling link's target is not a report" is_report "$tmp/real/report.json"
expect link:no-temp "temporary files left: $(ls -A "$tmp" "$tmp/real" | grep '\.tmp\.' | tr '\n' ' ')" \
  test -z "$(ls -A "$tmp" "$tmp/real" | grep '\.tmp\.')"

# /dev/fd/3: the report goes into the shell's redirection of descriptor 3.
run -o /dev/fd/3 3>"$tmp/fd3.json"
rc=$?
expect fd:exit "exit $rc: $(cat "$tmp/err")" test "$rc" = 0
expect fd:report "descriptor 3's file is not a report" is_report "$tmp/fd3.json"

# A character device (the null device's numbers, as a node in the temp folder).
skipped=
if mknod "$tmp/null" c 1 3 2>/dev/null; then
  run -o "$tmp/null" --junit "$tmp/null" --markdown "$tmp/null" --benchmark-json "$tmp/null"
  rc=$?
  expect chardev:exit "exit $rc: $(cat "$tmp/err")" test "$rc" = 0
  expect chardev:still-device "the device node was replaced" test -c "$tmp/null"
else
  echo "outputs: character-device part SKIPPED: mknod is not allowed here (needs root)"
  skipped=1
fi

summary "outputs" || exit 1
[ -z "$skipped" ] || exit 77
