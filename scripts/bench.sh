#!/usr/bin/env bash
# Builds (Release) and runs the benchmark suite, then times the seed-suite scenario end to
# end with hyperfine when it is installed, else with a loop of runs.
#   scripts/bench.sh [BUILD_DIR] [bench arguments...]   (default BUILD_DIR: build)
# e.g. scripts/bench.sh build --benchmark_filter=sweep
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
[ $# -gt 0 ] && shift
(cd "$root" && cmake --preset release -B "$build" >/dev/null)
cmake --build "$build" --target bench perfharness -j"$(nproc)"

echo "== machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
"$build/bench/bench" "$@"

scenario=$root/scenarios/profiling_suite.yaml
report=$(mktemp --suffix=.json)
trap 'rm -f "$report"' EXIT
run=("$build/apps/perfharness" run "$scenario" -q -o "$report")
echo "== seed suite end to end: ${run[*]}"
if command -v hyperfine >/dev/null; then
  # Exit 1 (a budget failed) still is a complete run.
  hyperfine --warmup 1 --runs 10 -i "${run[*]}"
else
  times=()
  for i in $(seq 10); do
    start=$(date +%s%N)
    "${run[@]}" || [ $? -eq 1 ]
    times+=("$(( $(date +%s%N) - start ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{t[NR]=$1} END {printf "10 runs: min %.3f s, median %.3f s, max %.3f s\n", t[1]/1e9, (t[5]+t[6])/2e9, t[NR]/1e9}'
fi
