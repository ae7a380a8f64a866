#!/usr/bin/env bash
# Quick start 1: install what is missing, build Release, run the shipped seed-suite scenario.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh" "$root/build"
scenario="$root/scenarios/profiling_suite.yaml"
if [ -f "$scenario" ]; then
  exec "$root/build/apps/perfharness" run "$scenario" -o "$root/build/report.json" "$@"
fi
# Until the scenario runner exists: one seed-sized backtest.
exec "$root/build/apps/perfharness" backtest --synthetic PROFILE_TEST --strategy sma_cross --start 2022-01-01 --end 2023-12-31
