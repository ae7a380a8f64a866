#!/usr/bin/env bash
# Writes one HTML page of each kind the issue names into OUT (a build-tree folder), each with
# the exit code its run earned, for html.page.* to load in Chromium:
#   seed        the seed suite (budgets, distributions, cases, zones, hotspots)
#   sweep       a parameter sweep (heatmap)
#   sampled     a run with the sampler on (flame graph), from `run --html`
#   comparison  `report NEW.json --baseline BASE.json --html`, with regressed figures
#   history     `history --db --html` over three runs, the third regressed against the second
#   failed      a failed budget (exit 1)
#   incomplete  an operation that failed (exit 3, complete: false)
# Usage: make_pages.sh PERFHARNESS SOURCE_DIR OUT
set -euo pipefail
bin=$1 src=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

expect() {  # expect CODE COMMAND...: the command must exit with CODE
  local want=$1; shift
  local got=0
  "$@" || got=$?
  if [ "$got" -ne "$want" ]; then
    echo "make_pages: expected exit $want, got $got: $*" >&2
    exit 1
  fi
}

# A small backtest whose workload WINDOW scales (the same scenario name, so one history series).
small() {  # small FILE LAST_DATE
  cat >"$1" <<YAML
name: html pages
data: {synthetic: {first_date: 2010-01-01, last_date: $2}}
defaults: {warmup: 1, repetitions: 5}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross, rsi]
    symbols: [AAA]
    ranges: [{start: 2010-01-01, end: $2}]
    budgets:
      - {metric: time, max_s: 30}
YAML
}
small "$work/light.yaml" 2011-12-31
small "$work/heavy.yaml" 2023-12-31

expect 0 "$bin" run "$src/scenarios/profiling_suite.yaml" -q --html "$out/seed.html"
expect 0 "$bin" run "$src/scenarios/examples/sweep.yaml" -q -o "$work/sweep.json" --html "$out/sweep.html"
cat >"$work/sampled.yaml" <<'YAML'
name: sampled stacks
data: {synthetic: {first_date: 1980-01-01, last_date: 2023-12-31}}
defaults: {warmup: 1, repetitions: 5}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross, rsi, macd, bollinger]
    symbols: [AAA, BBB, CCC, DDD]
    ranges: [{start: 1980-01-01, end: 2023-12-31}]
    profile: {zones: true, sampling: true}
YAML
# Sixteen backtests of 16,000 bars: about 15 ms of CPU per repetition, some 300 measured stack samples.
expect 0 "$bin" run "$work/sampled.yaml" -q -o "$work/sampled.json" --html "$out/sampled.html"
expect 0 "$bin" run "$work/light.yaml" -q -o "$work/base.json" --db "$work/history.db"
expect 0 "$bin" run "$work/light.yaml" -q -o "$work/next.json" --db "$work/history.db"
# Fourteen years of bars against two: the time per repetition grows several-fold in every
# repetition, far past any noise, and the exact counts (allocations, peak memory) grow too, so
# the regression is certain.
expect 4 "$bin" run "$work/heavy.yaml" -q -o "$work/heavy.json" --baseline "$work/next.json" --no-confirm --db "$work/history.db"
expect 0 "$bin" report "$work/heavy.json" --baseline "$work/base.json" --html "$out/comparison.html"
expect 0 "$bin" history --db "$work/history.db" --html "$out/history.html"

cat >"$work/failed.yaml" <<'YAML'
name: a budget that cannot hold
data: {synthetic: {first_date: 2020-01-01, last_date: 2021-12-31}}
defaults: {warmup: 0, repetitions: 3}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross]
    symbols: [AAA]
    ranges: [{start: 2020-01-01, end: 2021-12-31}]
    budgets:
      - {metric: time, max_s: 0.000000001}
YAML
expect 1 "$bin" run "$work/failed.yaml" -q -o "$work/failed.json" --html "$out/failed.html"

cat >"$work/incomplete.yaml" <<'YAML'
name: an operation that fails
data: {synthetic: {first_date: 2020-01-01, last_date: 2021-12-31}}
defaults: {warmup: 0, repetitions: 3}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross]
    symbols: [AAA]
    ranges: [{start: 2020-01-01, end: 2021-12-31}]
  - name: broken_tool
    kind: command
    command: [sh, -c, "exit 7"]
YAML
expect 3 "$bin" run "$work/incomplete.yaml" -q -o "$work/incomplete.json" --html "$out/incomplete.html"
echo "make_pages: wrote $(ls "$out" | wc -l) pages to $out"
