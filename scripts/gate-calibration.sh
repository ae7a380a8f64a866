#!/usr/bin/env bash
# How often the regression gate cries wolf, and how often it catches a real slowdown:
#   scripts/gate-calibration.sh N [SCENARIO]        (default: scenarios/profiling_suite.yaml)
# A/A: N pairs of runs of the same scenario, the second judged against the first as CI does
#      (`run --baseline`, with its confirmation); a flag (a regression in that report) is a false
#      alarm.
# A/B: N pairs whose second run does 10% (then 25%) more work: every date range of the scenario
#      is that much longer, the operation names stay; a flag is a detection.
# Each under two loads: quiet, and with one core kept busy by a spinning shell.
# Runs of a pair alternate with the other pairs', so drift of the machine hits A and B alike.
# PH_CALIBRATION_BASELINE=history judges against a history instead of a pair's first run: per load,
# a history database gets PH_CALIBRATION_HISTORY (default 10) runs of A first; then each A/A run is
# `run A --history H` (judged against its series, then recorded, as CI on the main branch) and
# each A/B run `run B --baseline H` (judged, not recorded, as CI on a pull request).
# Environment: PH_CALIBRATION_ARGS (extra options of both runs, e.g. "--repeat 10",
# "--gate instructions --processes 0"), PH_CALIBRATION_COMPARE_ARGS (extra judging options of the
# second run only, e.g. "--threshold 10", "--no-confirm"),
# PH_CALIBRATION_LOADS="quiet busy", PH_CALIBRATION_KINDS="aa ab10 ab25".
# Prints one line per load and kind; logs and reports stay in build/gate-calibration/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:?usage: scripts/gate-calibration.sh N [SCENARIO]}
scenario=${2:-$root/scenarios/profiling_suite.yaml}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "gate-calibration: N must be a positive integer, not '$n'" >&2; exit 2; }
[ -f "$scenario" ] || { echo "gate-calibration: $scenario: no such scenario file" >&2; exit 2; }
loads=${PH_CALIBRATION_LOADS:-quiet busy}
kinds=${PH_CALIBRATION_KINDS:-aa ab10 ab25}
read -r -a extra <<<"${PH_CALIBRATION_ARGS:-}"
read -r -a compare_extra <<<"${PH_CALIBRATION_COMPARE_ARGS:-}"
mode=${PH_CALIBRATION_BASELINE:-pair}
seed=${PH_CALIBRATION_HISTORY:-10}
case $mode in pair | history) ;; *) echo "gate-calibration: PH_CALIBRATION_BASELINE must be pair or history, not '$mode'" >&2; exit 2 ;; esac
[[ $seed =~ ^[1-9][0-9]*$ ]] || { echo "gate-calibration: PH_CALIBRATION_HISTORY must be a positive integer, not '$seed'" >&2; exit 2; }

"$root/scripts/build.sh" "$root/build" >/dev/null
bin=$root/build/apps/perfharness
work=$root/build/gate-calibration
rm -rf "$work"
mkdir -p "$work"

# The variants: A with the synthetic series started early enough for every longer range, and
# B10/B25 with each range's start moved back so that its span is 10% / 25% longer.
python3 - "$scenario" "$work" <<'PY'
import datetime as dt, json, sys, yaml
src, out = sys.argv[1], sys.argv[2]
doc = yaml.safe_load(open(src, encoding="utf-8"))
day = lambda s: dt.date.fromisoformat(str(s))
def variant(factor):
    d = json.loads(json.dumps(doc, default=str))
    earliest = None
    for op in d.get("operations", []):
        for r in op.get("ranges", []):
            start, end = day(r["start"]), day(r["end"])
            r["start"] = str(end - (end - start) * factor)
            earliest = min(earliest or day(r["start"]), day(r["start"]))
    synthetic = d.get("data", {}).get("synthetic")
    if synthetic is not None and earliest is not None:
        synthetic["first_date"] = str(min(day(synthetic["first_date"]), earliest - dt.timedelta(days=366)))
    return d
base = variant(1.25)  # only for the earliest first_date B25 needs: A and B share one series
first = base.get("data", {}).get("synthetic", {}).get("first_date")
for name, factor in (("a", 1.0), ("b10", 1.10), ("b25", 1.25)):
    d = variant(factor)
    if first is not None:
        d["data"]["synthetic"]["first_date"] = first
    json.dump(d, open(f"{out}/{name}.json", "w"), indent=1)
PY

run() {  # run SCENARIO REPORT [OPTION...]: a report; 0, 1 (a budget on a busy machine) and 4 are fine
  local rc=0 scenario=$1 report=$2
  shift 2
  "$bin" run "$scenario" -q -o "$report" "${extra[@]}" "$@" 2>>"$work/runs.log" || rc=$?
  case $rc in 0 | 1 | 4) ;; *) echo "gate-calibration: run of $scenario exited $rc (see $work/runs.log)" >&2; exit 3 ;; esac
}

busy_pid=
stop_busy() { [ -z "$busy_pid" ] || { kill "$busy_pid" 2>/dev/null || true; wait "$busy_pid" 2>/dev/null || true; busy_pid=; }; }
trap stop_busy EXIT

# What the second report's comparison says: "flagged by-timing unconfirmed", each 0 or 1. By timing:
# a timing figure (a duration or a CPU-time ratio) regressed, not only memory or counts;
# unconfirmed: a timing figure looked regressed but its second measurement did not agree.
judged() {  # judged REPORT
  python3 - "$1" <<'PY'
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))["comparison"]
timing = {"time", "cpu_time", "save_time", "fetch_time", "bulk_time", "time_per_backtest"}
rows = c["comparisons"]
print(int(c["regressions"] > 0), int(any(r["verdict"] == "regressed" and r["figure"] in timing for r in rows)),
      int(c["unconfirmed"] > 0))
PY
}

printf '%-6s %-5s %8s %8s %10s %12s  %s\n' load kind flagged of "by timing" "unconfirmed" "seconds per pair"
[ "$mode" = pair ] || echo "baseline: a history of $seed runs of A and the A runs since"
for load in $loads; do
  if [ "$load" = busy ]; then
    (while :; do :; done) &
    busy_pid=$!
  fi
  history=$work/$load-history.db
  if [ "$mode" = history ]; then
    for s in $(seq 1 "$seed"); do run "$work/a.json" "$work/$load-history-$s.report.json" --history "$history"; done
  fi
  declare -A flagged=() timing=() unconfirmed=()
  for kind in $kinds; do flagged[$kind]=0; timing[$kind]=0; unconfirmed[$kind]=0; done
  started=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    for kind in $kinds; do
      case $kind in aa) b=a ;; ab10) b=b10 ;; ab25) b=b25 ;; *) echo "gate-calibration: unknown kind $kind" >&2; exit 2 ;; esac
      if [ "$mode" = history ] && [ "$kind" = aa ]; then
        run "$work/a.json" "$work/$load-$kind-$i-b.report.json" --history "$history" "${compare_extra[@]}"
      elif [ "$mode" = history ]; then
        run "$work/$b.json" "$work/$load-$kind-$i-b.report.json" --baseline "$history" "${compare_extra[@]}"
      else
        run "$work/a.json" "$work/$load-$kind-$i-a.report.json"
        run "$work/$b.json" "$work/$load-$kind-$i-b.report.json" --baseline "$work/$load-$kind-$i-a.report.json" "${compare_extra[@]}"
      fi
      read -r f t u < <(judged "$work/$load-$kind-$i-b.report.json")
      flagged[$kind]=$((flagged[$kind] + f))
      timing[$kind]=$((timing[$kind] + t))
      unconfirmed[$kind]=$((unconfirmed[$kind] + u))
    done
  done
  per_pair=$(awk -v s="$started" -v e="$(date +%s.%N)" -v p="$((n * $(wc -w <<<"$kinds")))" 'BEGIN { printf "%.2f", (e - s) / p }')
  for kind in $kinds; do
    printf '%-6s %-5s %8d %8d %10d %12d  %s\n' "$load" "$kind" "${flagged[$kind]}" "$n" "${timing[$kind]}" "${unconfirmed[$kind]}" "$per_pair"
  done
  unset flagged timing unconfirmed
  stop_busy
done
echo "aa: false alarms (identical work); ab10, ab25: detections of 10% and 25% more work;"
echo "by timing: flagged pairs in which a timing figure (not only memory or counts) regressed;"
echo "unconfirmed: pairs in which a timing figure looked regressed but its second measurement did not agree"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
