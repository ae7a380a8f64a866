#!/usr/bin/env bash
# sampler-overhead.sh [BUILD_DIR]: what sampling at 4 kHz costs, perfharness's sampler beside
# `perf record`, in one run on one machine. The workload is the bench's seed_backtest/sma_cross
# (one thread, 731 bars per backtest):
#   - perf record -e task-clock -c 250000 -g (4 kHz of CPU time, kernel call chains): the
#     benchmark's CPU time per backtest under perf over the same without it, median of 3 pairs;
#   - CpuSampler's ring and signal clocks: the bench's profiler_overhead/sampling_4kHz_* figures
#     (sampled and unsampled rounds interleaved in one process).
# Figures, not a test: they depend on the machine, its load and its virtualisation.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-$root/build}/bench/bench
command -v perf >/dev/null || { echo "sampler-overhead.sh: needs perf (Debian: linux-perf)" >&2; exit 2; }
[ -x "$bench" ] || { echo "sampler-overhead.sh: $bench not built (scripts/build.sh build)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# CPU ns per iteration of the plain workload, from Google Benchmark's JSON.
cpu_ns() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["benchmarks"][0]["cpu_time"])' "$1"; }
workload=(--benchmark_filter='^seed_backtest/sma_cross/' --benchmark_min_time=2 --benchmark_out_format=json)
plain=(); under=()
for i in 1 2 3; do
  "$bench" "${workload[@]}" --benchmark_out="$work/plain.json" >/dev/null 2>&1
  plain+=("$(cpu_ns "$work/plain.json")")
  perf record -q -e task-clock -c 250000 -g -o "$work/perf.data" -- \
    "$bench" "${workload[@]}" --benchmark_out="$work/perf.json" >/dev/null 2>&1
  under+=("$(cpu_ns "$work/perf.json")")
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
p=$(median "${plain[@]}"); u=$(median "${under[@]}")

"$bench" --benchmark_filter='^profiler_overhead/sampling_4kHz' --benchmark_out_format=json \
  --benchmark_out="$work/ours.json" >/dev/null 2>&1
python3 - "$p" "$u" "$work/ours.json" <<'PY'
import json, sys
plain, under = float(sys.argv[1]), float(sys.argv[2])
ratio = under / plain
print(f"{'sampler at 4 kHz':<32} {'overhead':>9} {'µs per sample':>14}")
# 4,000 samples per second of the workload's CPU time: the extra time per sample.
print(f"{'perf record -g (task-clock)':<32} {100 * (ratio - 1):>8.1f}% {(ratio - 1) / 4000 * 1e6:>14.1f}")
for b in json.load(open(sys.argv[3]))["benchmarks"]:
    name = "CpuSampler, " + b.get("label", "?")
    print(f"{name:<32} {b['overhead_pct']:>8.1f}% {b.get('us_per_sample', float('nan')):>14.1f}")
PY
