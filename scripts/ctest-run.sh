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
echo "ctest ($(basename "$dir")): $skipped skipped" >&2
if [ "$skipped" != 0 ]; then
  grep '\*\*\*Skipped' "$log" | sed 's/^ */  skipped: /' >&2
fi
exit "$rc"
