#!/usr/bin/env bash
# Hunts flaky tests: scripts/flake-hunt.sh N [ctest args...]
# Runs the Release and the ASan/UBSan suites N times each (ctest --repeat until-fail:N, so a
# test stops repeating at its first failure), first on a quiet machine, then with one core kept
# busy by a spinning shell, and lists every test that failed and where. Extra arguments go to
# ctest, e.g. `-R 'broken frame-pointer'` to hammer one test, or `-E valgrind`.
# Environment: FLAKE_HUNT_BUILDS="release asan" (which trees), FLAKE_HUNT_LOADS="quiet busy".
# Exit 0 when nothing failed, 1 otherwise. Logs stay in build/flake-hunt/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:?usage: scripts/flake-hunt.sh N [ctest args...]}
shift
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "flake-hunt: N must be a positive integer, not '$n'" >&2; exit 2; }
builds=${FLAKE_HUNT_BUILDS:-release asan}
loads=${FLAKE_HUNT_LOADS:-quiet busy}
jobs=$(nproc)
"$root/scripts/deps.sh"
logs=$root/build/flake-hunt
mkdir -p "$logs"

busy_pid=
stop_busy() { [ -z "$busy_pid" ] || { kill "$busy_pid" 2>/dev/null || true; wait "$busy_pid" 2>/dev/null || true; busy_pid=; }; }
trap stop_busy EXIT

failed_any=0
summary=()
for build in $builds; do
  case $build in
    release) dir=$root/build; "$root/scripts/build.sh" "$dir" ;;
    asan) dir=$root/build-asan
          "$root/scripts/build.sh" "$dir" --preset asan ;;
    *) echo "flake-hunt: unknown build '$build' (release, asan)" >&2; exit 2 ;;
  esac
  for load in $loads; do
    case $load in
      quiet) ;;
      busy) (while :; do :; done) & busy_pid=$! ;;
      *) echo "flake-hunt: unknown load '$load' (quiet, busy)" >&2; exit 2 ;;
    esac
    log=$logs/$build-$load.log
    echo "== $build, $load: ctest --repeat until-fail:$n $* (log: $log)" >&2
    start=$(date +%s)
    rc=0
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --test-dir "$dir" -j"$jobs" --repeat until-fail:"$n" --output-on-failure "$@" >"$log" 2>&1 || rc=$?
    stop_busy
    total=$(grep -oE 'out of [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo '?')
    failed=$(sed -n '/The following tests FAILED:/,$p' "$log" | grep -E '^\s+[0-9]+ - ' || true)
    skipped=$(grep -c '\*\*\*Skipped' "$log" || true)
    line="$build, $load: $total tests x $n runs in $(( $(date +%s) - start )) s, $skipped skipped, "
    if [ "$rc" = 0 ]; then
      line+="none failed"
    else
      failed_any=1
      line+="$(printf '%s\n' "$failed" | grep -c . || true) failed"
    fi
    summary+=("$line")
    echo "$line" >&2
    [ -z "$failed" ] || printf '%s\n' "$failed" | sed 's/^ */  FAILED: /' >&2
  done
done
echo "== flake hunt, N = $n" >&2
printf '%s\n' "${summary[@]}" >&2
exit "$failed_any"
