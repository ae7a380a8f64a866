#!/usr/bin/env bash
# scale-out-figures.sh [BUILD_DIR]: the figures of docs/scale-out.md. One sweep scenario of
# 20 symbols x 4 years x a 2,400-set grid (48,000 backtests) is run whole and in 2, 4, 8 and 16
# shards (one after another, --threads 1, so that every shard gets a core to itself), then
# merged; prints, for each N, the largest shard's wall and CPU seconds, the shards' report
# size, the merge's wall time and the merged report's size. Figures, not a test: they depend
# on the machine and its load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build}/apps/perfharness
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat >"$work/scale.yaml" <<'YAML'
name: scale-out
data:
  synthetic: {first_date: 2020-01-01, last_date: 2023-12-31}
defaults: {warmup: 0, repetitions: 1, processes: 0}
operations:
  - name: grid
    kind: sweep
    strategy: sma_cross
    grid:
      fast_period: {from: 2, to: 61, step: 1}
      slow_period: {from: 70, to: 109, step: 1}
    symbols: [S01, S02, S03, S04, S05, S06, S07, S08, S09, S10, S11, S12, S13, S14, S15, S16, S17, S18, S19, S20]
    ranges: [{start: 2020-01-01, end: 2023-12-31}]
YAML
cd "$work"
now() { date +%s.%N; }
printf '%-6s %-22s %-22s %-16s %-12s %-14s\n' shards "largest shard wall s" "largest shard cpu s" "shard report KB" "merge s" "merged KB"
for n in 1 2 4 8 16; do
  rm -f shard*.json merged.json
  for i in $(seq "$n"); do
    if [ "$n" = 1 ]; then "$bin" run scale.yaml --threads 1 -q -o shard1.json
    else "$bin" run scale.yaml --threads 1 --shard "$i/$n" -q -o "shard$i.json"; fi
  done
  merge_s=-; merged_kb=-
  if [ "$n" -gt 1 ]; then
    t0=$(now); "$bin" merge shard*.json -q -o merged.json; t1=$(now)
    merge_s=$(echo "$t1 - $t0" | bc -l | xargs printf '%.3f'); merged_kb=$(( $(stat -c %s merged.json) / 1024 ))
  fi
  /usr/bin/python3 - "$n" "$merge_s" "$merged_kb" shard*.json <<'PY'
import json, os, sys
n, merge_s, merged_kb, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
wall = max(sum(op["figures"]["time"]["samples"][0] for op in json.load(open(f))["operations"] if op["figures"]) for f in files)
cpu = max(sum(op["figures"]["cpu_time"]["samples"][0] for op in json.load(open(f))["operations"] if op["figures"]) for f in files)
kb = max(os.path.getsize(f) for f in files) // 1024
print(f"{n:<6} {wall:<22.3f} {cpu:<22.3f} {kb:<16} {merge_s:<12} {merged_kb:<14}")
PY
done
