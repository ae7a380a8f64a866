#!/usr/bin/env bash
# Runs ctest on one build tree (scripts/ctest-run.sh DIR [ctest args...]) and closes with the
# count of skipped tests: ctest lists them, but a skipped test is a check that did not run,
# and CI's log should say how many there were.
set -euo pipefail
dir=$1; shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rc=0
ctest --test-dir "$dir" --output-on-failure "$@" 2>&1 | tee "$log" || rc=$?
skipped=$(grep -c '\*\*\*Skipped' "$log" || true)
echo "ctest ($(basename "$dir")): $skipped skipped (listed above under 'did not run')" >&2
exit "$rc"
