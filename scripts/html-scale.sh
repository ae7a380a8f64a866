#!/usr/bin/env bash
# How large HTML reports behave: scripts/html-scale.sh [SETS] [RUNS]
# Runs a sweep of SETS parameter sets (default 10,000: sma_cross fast 2..101 × slow 200..299)
# a backtest of 200 cases and the seed suite, writes their HTML reports, loads each RUNS times (default 5) in
# headless Chromium with tests/html/check_page.py, and prints each page's size and its time from
# navigation to drawn (median and range). Figures, not a test: docs/html-report.md quotes them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sets=${1:-10000}
runs=${2:-5}
bin=$root/build/apps/perfharness
[ -x "$bin" ] || { echo "html-scale: build first (scripts/build.sh build)" >&2; exit 2; }
side=$(/usr/bin/python3 -c "import math; print(max(1, math.isqrt($sets)))")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/sweep.yaml" <<YAML
name: html scale sweep
data: {synthetic: {first_date: 2022-01-01, last_date: 2023-12-31}}
defaults: {warmup: 0, repetitions: 3}
operations:
  - name: grid
    kind: sweep
    strategy: sma_cross
    grid:
      fast_period: {from: 2, to: $((side + 1)), step: 1}
      slow_period: {from: 200, to: $((side + 199)), step: 1}
    symbols: [AAA]
    ranges: [{start: 2022-01-01, end: 2023-12-31}]
YAML
cat >"$work/cases.yaml" <<'YAML'
name: html scale cases
data: {synthetic: {first_date: 2022-01-01, last_date: 2023-12-31}}
defaults: {warmup: 0, repetitions: 3}
operations:
  - name: many_cases
    kind: backtest
    strategies: [sma_cross, rsi, macd, bollinger]
    symbols: [S00, S01, S02, S03, S04, S05, S06, S07, S08, S09, S10, S11, S12, S13, S14, S15, S16, S17, S18, S19,
              S20, S21, S22, S23, S24]
    ranges: [{start: 2022-01-01, end: 2023-12-31}, {start: 2023-01-01, end: 2023-12-31}]
YAML

measure() {  # measure NAME
  local name=$1 page=$work/$1.html
  local bytes
  bytes=$(stat -c %s "$page")
  local times=()
  for ((i = 0; i < runs; i++)); do
    /usr/bin/python3 "$root/tests/html/check_page.py" --chromium /usr/bin/chromium "$page" \
      --screenshot "$work/$name.png" --result "$work/$name.json" >/dev/null
    times+=("$(/usr/bin/python3 -c "import json; print(json.load(open('$work/$name.json'))['render_ms'])")")
  done
  /usr/bin/python3 - "$name" "$bytes" "${times[@]}" <<'PY'
import statistics, sys
name, size, times = sys.argv[1], int(sys.argv[2]), sorted(float(t) for t in sys.argv[3:])
print(f"{name:<12} {size / 1e6:6.2f} MB   drawn after {statistics.median(times):7.0f} ms "
      f"(median of {len(times)}; {times[0]:.0f}..{times[-1]:.0f} ms)")
PY
}

"$bin" run "$work/sweep.yaml" -q -o "$work/sweep.json" --html "$work/sweep.html"
/usr/bin/python3 -c "
import json; r = json.load(open('$work/sweep.json'))
print('sweep:', len(r['operations'][0]['cases'][0]['results']['grid']['rows']), 'parameter sets')"
"$bin" run "$work/cases.yaml" -q --html "$work/cases.html"
echo "cases: 200 backtest cases"
"$bin" run "$root/scenarios/profiling_suite.yaml" -q --html "$work/seed.html"
measure sweep
measure cases
measure seed
