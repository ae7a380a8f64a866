#!/usr/bin/env bash
# perfharness_checked.sh REAL_BINARY SOURCE_DIR ARGS...: the perfharness the e2e tests drive.
# Runs REAL_BINARY ARGS as they are, and when that was `run` or `merge` and it wrote a report to a file,
# validates the report against docs/report.schema.json: every report the test suite makes keeps
# the schema true. The binary's stdin, stdout, stderr and exit status pass through untouched;
# a report that does not validate turns the status into 70 (EX_SOFTWARE), with the problems on
# stderr (and appended to the file PH_REPORT_FAILURES names, when set). PH_REPORT_PYTHON names
# the interpreter with jsonschema (default: Debian's).
set -euo pipefail
real=$1 src=$2
shift 2
python=${PH_REPORT_PYTHON:-/usr/bin/python3}

# report_path ARGS...: FILE of `run|merge ... -o FILE` as CLI11 reads it (-o FILE, -oFILE, -qo FILE,
# --output FILE, --output=FILE; the last one wins), or nothing.
report_path() {
  [ "${1:-}" = run ] || [ "${1:-}" = merge ] || return 0
  shift
  local path="" arg i
  while [ $# -gt 0 ]; do
    arg=$1
    shift
    case $arg in
      --) break ;;
      --output) path=${1-}; [ $# -eq 0 ] || shift ;;
      --output=*) path=${arg#--output=} ;;
      # Their values may look like options (--set KEY=-o): skip them.
      --repeat | --warmup | --set | --threads | --db | --history | --flamegraph | --trace | --baseline | \
        --baseline-runs | --threshold | --alpha | --gate | --processes | --values | --min-time | --junit | \
        --markdown | --benchmark-json | --html | --plugin | --shard | --scenario) [ $# -eq 0 ] || shift ;;
      --*) ;;
      -?*)
        for ((i = 1; i < ${#arg}; i++)); do
          [ "${arg:i:1}" = o ] || continue
          if [ $((i + 1)) -lt ${#arg} ]; then path=${arg:i+1}; else path=${1-}; [ $# -eq 0 ] || shift; fi
          break
        done
        ;;
    esac
  done
  printf '%s' "$path"
}

# on_disk PATH: PATH (or the symlinks it goes through) is not stdout or a descriptor, whose
# /proc links would lead to whatever file the shell redirected, not to what perfharness wrote.
on_disk() {
  local p=$1 target
  for _ in $(seq 40); do
    case $p in -| /dev/* | /proc/*) return 1 ;; esac
    [ -L "$p" ] || return 0
    target=$(readlink -- "$p")
    case $target in /*) p=$target ;; *) p=$(dirname -- "$p")/$target ;; esac
  done
  return 1
}

# identity PATH: changes whenever the file is replaced or rewritten.
identity() { stat -L -c '%d:%i:%s:%.9Y' -- "$1" 2>/dev/null || true; }

report=$(report_path "$@")
checked=false
if [ -n "$report" ] && on_disk "$report"; then
  checked=true
  before=$(identity "$report")
fi

rc=0
"$real" "$@" || rc=$?

# A report left from before (the run failed before writing one) is not this run's to judge.
if $checked && [ -f "$report" ] && [ "$(identity "$report")" != "$before" ]; then
  if ! problems=$("$python" "$src/tests/support/validate_report.py" -- "$report" 2>&1); then
    message="perfharness_checked: the report $report written by 'perfharness $*' (exit $rc) does not validate against docs/report.schema.json:
$problems"
    printf '%s\n' "$message" >&2
    # Scripts that ignore a setup run's status or stderr would swallow the failure: the log outlives them.
    [ -z "${PH_REPORT_FAILURES:-}" ] || printf '%s\n' "$message" >>"$PH_REPORT_FAILURES"
    exit 70
  fi
fi
exit "$rc"
